using System;
using System.Collections.Generic;
using Xunit;

namespace Tandem.Runtime.Tests.Infrastructure;

/// <summary>
/// The devices a test runs on: the CPU always; the GPU when one is available or when TANDEM_REQUIRE_GPU=1 (then a
/// missing GPU fails the test instead of leaving it out).
/// </summary>
public static class TestDevices
{
    public static bool GpuRequired => Environment.GetEnvironmentVariable("TANDEM_REQUIRE_GPU") == "1";

    public static string[] Names() => GpuRequired || Mx.IsGpuAvailable ? ["cpu", "gpu"] : ["cpu"];

    public static TheoryData<string> All() => new(Names());

    /// <summary>Every ordered pair of devices: where an op fails, and where the op that depends on it runs.</summary>
    public static TheoryData<string, string> Pairs()
    {
        var pairs = new TheoryData<string, string>();
        foreach (string first in Names())
        {
            foreach (string second in Names())
            {
                pairs.Add(first, second);
            }
        }

        return pairs;
    }

    /// <summary>Every device paired with every one of <paramref name="values"/> (an op's name, an element type).</summary>
    public static TheoryData<string, T> With<T>(IEnumerable<T> values)
    {
        var data = new TheoryData<string, T>();
        foreach (string device in Names())
        {
            foreach (T value in values)
            {
                data.Add(device, value);
            }
        }

        return data;
    }

    public static Device Resolve(string name) => name == "gpu" ? Mx.Gpu : Mx.Cpu;
}

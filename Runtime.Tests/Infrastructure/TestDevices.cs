using System;
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

    public static Device Resolve(string name) => name == "gpu" ? Mx.Gpu : Mx.Cpu;
}

using System;
using Xunit;

namespace Tandem.Runtime.Tests;

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

    /// <summary>Relative tolerance for float results: the SIMD math and GPU drivers round transcendentals differently.</summary>
    public static double FloatTolerance(string device) => device == "gpu" ? 2e-5 : 2e-6;

    /// <summary>
    /// Relative tolerance for double kernels that call Math.Sqrt: glslang's HLSL front end has no double sqrt and
    /// lowers it to float (OpFConvert, Sqrt, OpFConvert; checked with spirv-dis), so on the GPU the result carries a
    /// float's error (about 6e-8 relative, seen up to 2e-8 here). The generator could emit a Newton step to close it.
    /// </summary>
    public static double DoubleSqrtTolerance(string device) => device == "gpu" ? 1e-6 : 1e-12;
}

using System;
using BenchmarkDotNet.Attributes;
using Tandem.CompilerServices;

namespace Tandem.Benchmarks;

/// <summary>
/// Kernels that vectorize through masked selects, guarded neighbour loads and 2D rows, each through the generated SIMD
/// loop and the generated scalar loop (<see cref="CpuVectorization.Enabled"/> off, as <c>TANDEM_CPU_SIMD=0</c>), on
/// one core (<c>Mx.CpuThreads = 1</c>) so the figures compare code generation, not the use of cores. Launches run on a
/// CPU stream and include queueing and synchronization.
/// </summary>
[MinIterationTime(200)]
public class SimdCoverageBenchmarks
{
    private const int Length = 1 << 20;
    private const int Side = 1024;

    private DeviceStream _stream = null!;
    private Array<float> _x = null!, _y = null!, _image = null!, _blurred = null!;

    [GlobalSetup]
    public void Setup()
    {
        _stream = Mx.NewStream(Mx.Cpu);
        Mx.CpuThreads = 1;
        var random = new Random(1);
        var values = new float[Length];
        for (var i = 0; i < Length; i++)
        {
            values[i] = (random.NextSingle() * 2) - 1;
        }

        _x = Mx.Array(values);
        _y = Mx.Zeros<float>([Length]);
        _image = Mx.Array(values);
        _blurred = Mx.Zeros<float>([Side, Side]);
        Mx.Synchronize();
        foreach (var simd in new[] { true, false })
        {
            var path = simd ? "SIMD" : "scalar";
            Relu(simd);
            OutputChecks.Require(OutputChecks.LeakyRelu(values, _y.ToArray()), $"LeakyRelu ({path})");
            Stencil(simd);
            OutputChecks.Require(OutputChecks.Stencil3(values, _y.ToArray()), $"Stencil3 ({path})");
            Blur(simd);
            OutputChecks.Require(OutputChecks.Blur3x3(Side, Side, values, _blurred.ToArray()), $"Blur3x3 ({path})");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        CpuVectorization.Enabled = true;
        Mx.CpuThreads = 0;
    }

    [Benchmark(Description = "LeakyRelu 1M (?:): SIMD")]
    public void ReluSimd() => Relu(simd: true);

    [Benchmark(Description = "LeakyRelu 1M (?:): scalar")]
    public void ReluScalar() => Relu(simd: false);

    [Benchmark(Description = "Stencil3 1M (guarded x[i-1], x[i+1]): SIMD")]
    public void StencilSimd() => Stencil(simd: true);

    [Benchmark(Description = "Stencil3 1M (guarded x[i-1], x[i+1]): scalar")]
    public void StencilScalar() => Stencil(simd: false);

    [Benchmark(Description = "Blur3x3 1024x1024 (Index2D rows): SIMD")]
    public void BlurSimd() => Blur(simd: true);

    [Benchmark(Description = "Blur3x3 1024x1024 (Index2D rows): scalar")]
    public void BlurScalar() => Blur(simd: false);

    private void Relu(bool simd)
    {
        CpuVectorization.Enabled = simd;
        BenchKernels.LeakyRelu(Length, _x, _y, _stream);
        _stream.Synchronize();
    }

    private void Stencil(bool simd)
    {
        CpuVectorization.Enabled = simd;
        BenchKernels.Stencil3(Length, _x, _y, _stream);
        _stream.Synchronize();
    }

    private void Blur(bool simd)
    {
        CpuVectorization.Enabled = simd;
        BenchKernels.Blur3x3((Side, Side), Side, Side, _image, _blurred, _stream);
        _stream.Synchronize();
    }
}

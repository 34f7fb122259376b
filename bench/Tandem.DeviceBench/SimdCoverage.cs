using System;
using System.Collections.Generic;
using System.Diagnostics;
using Tandem.Benchmarks;
using Tandem.CompilerServices;

namespace Tandem.DeviceBench;

/// <summary>
/// The generated SIMD loop against the generated scalar loop (<c>TANDEM_CPU_SIMD=0</c>) for kernels that vectorize
/// through a masked select, guarded neighbour loads and 2D rows. The two variants alternate run by run, so load from
/// other processes on a shared machine falls on both alike; each figure is a median.
/// </summary>
internal static class SimdCoverage
{
    public static void Run()
    {
        const int Length = 1 << 20;
        const int Side = 1024;
        var stream = Mx.NewStream(Mx.Cpu);
        var random = new Random(1);
        var values = new float[Length];
        for (var i = 0; i < Length; i++)
        {
            values[i] = (random.NextSingle() * 2) - 1;
        }

        var (x, y, blurred) = (Mx.Array(values), Mx.Zeros<float>([Length]), Mx.Zeros<float>([Side, Side]));
        var kernels = new (string Name, Action Launch, Func<string?> Check)[]
        {
            ("leaky_relu_1M", () => BenchKernels.LeakyRelu(Length, x, y, stream), () => OutputChecks.LeakyRelu(values, y.ToArray())),
            ("stencil3_1M", () => BenchKernels.Stencil3(Length, x, y, stream), () => OutputChecks.Stencil3(values, y.ToArray())),
            ("blur3x3_1024x1024", () => BenchKernels.Blur3x3((Side, Side), Side, Side, x, blurred, stream), () => OutputChecks.Blur3x3(Side, Side, values, blurred.ToArray())),
        };
        foreach (var threads in new[] { 1, 0 })
        {
            Mx.CpuThreads = threads;
            var label = threads == 1 ? "1thr" : $"{Environment.ProcessorCount}thr";
            foreach (var (name, launch, check) in kernels)
            {
                var (simd, scalar) = Alternating(() => { launch(); stream.Synchronize(); }, 41);
                Report.Result($"cpu.simd_{label}.{name}", simd, "ms");
                Report.Result($"cpu.scalar_{label}.{name}", scalar, "ms", $"SIMD {scalar / simd:0.00}x faster");
                // The last timed run was the scalar loop's; once more with SIMD, and check both.
                Report.Check($"cpu scalar {label} {name}", check());
                launch();
                stream.Synchronize();
                Report.Check($"cpu simd {label} {name}", check());
            }
        }

        CpuVectorization.Enabled = true;
        Mx.CpuThreads = 0;
    }

    /// <summary>Warms both variants up for a second each, then times them in turns; returns their medians in ms.</summary>
    private static (double Simd, double Scalar) Alternating(Action action, int runs)
    {
        foreach (var simd in new[] { true, false })
        {
            CpuVectorization.Enabled = simd;
            var warmup = Stopwatch.StartNew();
            do
            {
                action();
            }
            while (warmup.Elapsed.TotalSeconds < 1);
        }

        var times = new Dictionary<bool, double[]> { [true] = new double[runs], [false] = new double[runs] };
        for (var i = 0; i < runs; i++)
        {
            foreach (var simd in new[] { true, false })
            {
                CpuVectorization.Enabled = simd;
                var clock = Stopwatch.StartNew();
                action();
                times[simd][i] = clock.Elapsed.TotalMilliseconds;
            }
        }

        CpuVectorization.Enabled = true;
        Array.Sort(times[true]);
        Array.Sort(times[false]);
        return (times[true][runs / 2], times[false][runs / 2]);
    }
}

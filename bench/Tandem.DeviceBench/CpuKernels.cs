using System;
using System.Numerics.Tensors;
using Tandem.Benchmarks;
using Tandem.CompilerServices;

namespace Tandem.DeviceBench;

/// <summary>
/// Generated CPU code against TensorPrimitives on this machine's cores (the BenchmarkDotNet suite in bench/Tandem.Benchmarks
/// is the reference measurement; this one runs where BenchmarkDotNet cannot build its runners).
/// </summary>
internal static class CpuKernels
{
    public static void Run()
    {
        const int SaxpyLength = 16 << 20;
        const int ExpLength = 1 << 20;
        var stream = Mx.NewStream(Mx.Cpu);
        var random = new Random(1);
        var xs = new float[SaxpyLength];
        var ys = new float[SaxpyLength];
        var es = new float[ExpLength];
        var eo = new float[ExpLength];
        for (var i = 0; i < SaxpyLength; i++)
        {
            (xs[i], ys[i]) = (random.NextSingle(), random.NextSingle());
        }

        for (var i = 0; i < ExpLength; i++)
        {
            es[i] = (random.NextSingle() * 20) - 10;
        }

        var (x, y, e, o) = (Mx.Array(xs), Mx.Array(ys), Mx.Array(es), Mx.Zeros<float>([ExpLength]));
        foreach (var simd in new[] { true, false })
        {
            // Each path once on the benchmark's inputs before it is timed (the timed Saxpys accumulate into y).
            CpuVectorization.Enabled = simd;
            var path = simd ? "simd" : "scalar";
            using var fresh = Mx.Array(ys);
            BenchKernels.Saxpy(SaxpyLength, 1.0001f, x, fresh, stream);
            Report.Check($"cpu {path} saxpy", OutputChecks.Saxpy(1.0001f, xs, ys, fresh.ToArray()));
            BenchKernels.Exp(ExpLength, e, o, stream);
            Report.Check($"cpu {path} exp", OutputChecks.Exp(es, o.ToArray()));
        }

        foreach (var threads in new[] { 1, 0 })
        {
            Mx.CpuThreads = threads;
            var label = threads == 1 ? "1thr" : $"{Environment.ProcessorCount}thr";
            foreach (var simd in new[] { true, false })
            {
                CpuVectorization.Enabled = simd;
                var kind = simd ? "simd" : "scalar";
                var saxpy = Report.MedianMs(() => { BenchKernels.Saxpy(SaxpyLength, 1.0001f, x, y, stream); stream.Synchronize(); }, 20);
                Report.Result($"cpu.tandem_{kind}_{label}.saxpy_16M", saxpy, "ms");
                var exp = Report.MedianMs(() => { BenchKernels.Exp(ExpLength, e, o, stream); stream.Synchronize(); }, 50);
                Report.Result($"cpu.tandem_{kind}_{label}.exp_1M", exp, "ms");
            }
        }

        CpuVectorization.Enabled = true;
        Mx.CpuThreads = 0;
        Report.Result("cpu.tensorprimitives_1thr.saxpy_16M", Report.MedianMs(() => TensorPrimitives.MultiplyAdd(xs, 1.0001f, ys, ys), 20), "ms");
        Report.Result("cpu.tensorprimitives_1thr.exp_1M", Report.MedianMs(() => TensorPrimitives.Exp(es, eo), 50), "ms");
        Report.Check("TensorPrimitives exp", OutputChecks.Exp(es, eo));
    }
}

using System;
using System.Diagnostics;
using System.Numerics.Tensors;
using Tandem.Benchmarks;

namespace Tandem.DeviceBench;

/// <summary>
/// What a CPU stream's op costs above its math: the headline's chain of 500 <c>Mx.Exp</c> on a (512, 4) array on a CPU
/// stream, new arrays as a user allocates them, against the same 500 exps over two host buffers in a plain C# loop
/// and through <see cref="TensorPrimitives.Exp(ReadOnlySpan{float}, Span{float})"/> (SIMD, the math alone); plus chains
/// of 1-element ops (<c>Mx.Exp</c> with a new result, a <c>[Kernel]</c> launch into an existing array), which are
/// nothing but the per-op cost, what the issuing thread allocates per op, and the same chains with a trace recording.
/// </summary>
internal static class CpuOpOverhead
{
    private const int Ops = 500;
    private const int Elements = 512 * 4;

    /// <summary>
    /// How long the Tandem chain runs before it is measured. The JIT promotes the generated SIMD kernel and the launch
    /// path to optimized code only after about 1–1.5 s of this loop (before that the vector operations are calls and
    /// an op of 2048 elements takes over 10 µs), so the default 1 s warm-up measured a mix; this measures what a
    /// program that keeps running sees.
    /// </summary>
    private const double SteadyStateWarmupSeconds = 3.0;

    public static void Run()
    {
        using DeviceStream stream = Mx.NewStream(Mx.Cpu);
        float expected = Chained(0.5f, Ops);

        using Array<float> b = Mx.Full([512, 4], 0.5f, stream);
        var issue = new System.Collections.Generic.List<double>();
        string? wrong = null;
        double tandem = Report.MedianMs(() =>
        {
            var clock = Stopwatch.StartNew();
            Array<float> r = Mx.Exp(b, stream);
            for (int i = 1; i < Ops; i++)
            {
                Array<float> next = Mx.Exp(r, stream);
                r.Dispose();
                r = next;
            }

            issue.Add(clock.Elapsed.TotalMilliseconds);
            stream.Synchronize();
            wrong ??= Compare(r.ToArray(), expected);
            r.Dispose();
        }, 41, SteadyStateWarmupSeconds);
        issue.RemoveRange(0, issue.Count - 41); // the warm-up's runs

        float[] x = new float[Elements], y = new float[Elements];
        double loop = Report.MedianMs(() =>
        {
            Array.Fill(x, 0.5f);
            for (int i = 0; i < Ops; i++)
            {
                float[] source = i % 2 == 0 ? x : y, target = i % 2 == 0 ? y : x;
                for (int k = 0; k < Elements; k++)
                {
                    target[k] = MathF.Exp(source[k]);
                }
            }
        }, 41);
        double simd = Report.MedianMs(() =>
        {
            Array.Fill(x, 0.5f);
            for (int i = 0; i < Ops; i++)
            {
                TensorPrimitives.Exp(i % 2 == 0 ? x : y, i % 2 == 0 ? y : x);
            }
        }, 41);
        Report.Check("cpu exp chain (512, 4)", wrong ?? Compare(Ops % 2 == 0 ? x : y, expected));

        double perOp = tandem * 1e3 / Ops;
        Report.Result("cpuop.tandem.exp2048_chain_500", perOp, "us/op", "(Mx.Exp on (512, 4), each result disposed once the next is issued, 500 then 1 sync, median of 41)");
        Report.Result("cpuop.tandem.exp2048_chain_500_issue_only", Report.Median(issue) * 1e3 / Ops, "us/op", "(the issuing thread's share: the loop without the final sync)");
        Report.Result("cpuop.csharp_loop.exp2048_chain_500", loop * 1e3 / Ops, "us/op", "(MathF.Exp over two host buffers, the issue's plain C# loop)");
        Report.Result("cpuop.tensorprimitives.exp2048_chain_500", simd * 1e3 / Ops, "us/op", "(TensorPrimitives.Exp: the math alone, SIMD)");
        Report.Result("cpuop.overhead_vs_tensorprimitives", perOp - (simd * 1e3 / Ops), "us/op", "(Tandem minus TensorPrimitives: what the stream adds per op; target <= 1)");
        Report.Result("cpuop.overhead_vs_csharp_loop", perOp - (loop * 1e3 / Ops), "us/op", "(Tandem minus the plain loop)");

        using Array<float> one = Mx.Full([1], 0.5f, stream);
        using Array<float> counter = Mx.Zeros<float>([1]);
        int increments = 0;
        TinyChains(stream, one, counter, ref increments, "");
        Report.Result("cpuop.tandem.exp1_bytes_per_op", BytesPerOp(() => Mx.Exp(one, stream).Dispose(), stream), "B/op",
            "(what the issuing thread allocates per Mx.Exp of 1 element, result included)");
        Report.Result("cpuop.tandem.increment1_bytes_per_op", BytesPerOp(() => BenchKernels.Increment(1, counter, stream), stream), "B/op",
            "(the same for a [Kernel] launch into an existing array)");
        increments += 2 * 1000;

        // Tracing: the same chains with a trace recording, alternating with untraced runs so the load falls on both.
        string trace = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tandem-cpuop-trace.json");
        for (int round = 0; round < 2; round++)
        {
            TinyChains(stream, one, counter, ref increments, $"_off{round}");
            Mx.Trace.Start();
            TinyChains(stream, one, counter, ref increments, $"_traced{round}");
            Mx.Trace.Stop(trace);
        }

        System.IO.File.Delete(trace);
        Report.Check($"cpu increment chains counted {increments}", OutputChecks.All(counter.ToArray(), increments));
        Report.Result("cpuop.gc_collections", GC.CollectionCount(0), "gen0", $"(gen1 {GC.CollectionCount(1)}, gen2 {GC.CollectionCount(2)} over the whole mode)");
    }

    /// <summary>
    /// 10,000 <c>Mx.Exp</c> of a 1-element array (result disposed at once) and 10,000 launches of a 1-thread
    /// <c>[Kernel]</c> into one array, each chain then one sync: nothing but the per-op cost. Median and fastest of 11.
    /// </summary>
    private static void TinyChains(DeviceStream stream, Array<float> one, Array<float> counter, ref int increments, string suffix)
    {
        const int Count = 10_000;
        var exp = new System.Collections.Generic.List<double>();
        double tiny = Report.MedianMs(() =>
        {
            var clock = Stopwatch.StartNew();
            for (int i = 0; i < Count; i++)
            {
                Mx.Exp(one, stream).Dispose();
            }

            stream.Synchronize();
            exp.Add(clock.Elapsed.TotalMilliseconds);
        }, 11, warmupSeconds: 0.5);
        exp.Sort();
        Report.Result($"cpuop.tandem.exp1_10000{suffix}", tiny * 1e3 / Count, "us/op",
            $"(Mx.Exp of 1 element, result disposed at once, {Count} then 1 sync, median of 11; fastest {exp[0] * 1e3 / Count:0.00})");

        var launches = new System.Collections.Generic.List<double>();
        int runs = 0;
        double kernel = Report.MedianMs(() =>
        {
            var clock = Stopwatch.StartNew();
            for (int i = 0; i < Count; i++)
            {
                BenchKernels.Increment(1, counter, stream);
            }

            stream.Synchronize();
            launches.Add(clock.Elapsed.TotalMilliseconds);
            runs++;
        }, 11, warmupSeconds: 0.5);
        increments += runs * Count;
        launches.Sort();
        Report.Result($"cpuop.tandem.increment1_10000{suffix}", kernel * 1e3 / Count, "us/op",
            $"([Kernel] y[i] += 1 over 1 thread into one array, {Count} then 1 sync, median of 11; fastest {launches[0] * 1e3 / Count:0.00})");
    }

    /// <summary>Bytes the calling thread allocates per call of <paramref name="op"/>, over 1,000 calls after a warm-up.</summary>
    private static double BytesPerOp(Action op, DeviceStream stream)
    {
        const int Count = 1000;
        for (int i = 0; i < Count; i++)
        {
            op();
        }

        stream.Synchronize();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Count; i++)
        {
            op();
        }

        long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        stream.Synchronize();
        return (double)bytes / Count;
    }

    private static float Chained(float start, int count)
    {
        for (int i = 0; i < count; i++)
        {
            start = MathF.Exp(start);
        }

        return start;
    }

    /// <summary>Every element equal to <paramref name="expected"/> (the chain overflows to +Inf whatever the exp's rounding).</summary>
    private static string? Compare(float[] actual, float expected)
        => Array.TrueForAll(actual, v => v.Equals(expected)) ? null : $"got {actual[0]:R}, expected {expected:R}";
}

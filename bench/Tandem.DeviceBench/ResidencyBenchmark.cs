using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace Tandem.DeviceBench;

/// <summary>
/// What new arrays cost, through the public API as a user allocates them (the peers' workloads in
/// <c>bench_torch_ops.py</c>): an element-wise chain on new outputs, <c>Mx.Random.Normal</c>, the 256 MB host round
/// trip, and a fused <c>[Kernel]</c> writing a new array or an existing one. Each device in turn (llvmpipe counts as
/// the GPU here); each figure is the median of timed runs after a second of warm-up.
/// </summary>
internal static partial class ResidencyBenchmark
{
    private const int ChainLength = 16 << 20;
    private const int NormalLength = 64 << 20;
    private const int RoundTripLength = 64 << 20; // 256 MB of floats

    public static void Run(int runs)
    {
        foreach (var device in Mx.IsGpuAvailable ? new[] { Mx.Gpu, Mx.Cpu } : new[] { Mx.Cpu })
        {
            var name = device.Type == DeviceType.Gpu ? "gpu" : "cpu";
            var stream = Mx.NewStream(device);
            foreach (var workload in new Action<string, DeviceStream, int>[] { ElementwiseChain, Normal, FusedKernel, RoundTrip })
            {
                try
                {
                    workload(name, stream, runs);
                }
                catch (ArgumentException tooLarge)
                {
                    // llvmpipe binds at most 128 MiB per buffer: the 256 MB workloads do not run on it.
                    Console.WriteLine($"SKIPPED {workload.Method.Name} on {name}: {tooLarge.Message}");
                }
            }

            stream.Dispose();
            Mx.ClearCache();
        }
    }

    /// <summary><c>z = exp(2x + y)</c> on 16M floats: three ops, each a new array, the way a user nests them.</summary>
    private static void ElementwiseChain(string name, DeviceStream stream, int runs)
    {
        using var x = Mx.Random.Uniform([ChainLength], -1f, 1f, key: 1, stream: stream);
        using var y = Mx.Random.Uniform([ChainLength], -1f, 1f, key: 2, stream: stream);
        stream.Synchronize();

        var nested = Report.MedianMs(() =>
        {
            using var z = Mx.Exp(Mx.Add(Mx.Multiply(x, 2f, stream), y, stream), stream);
            stream.Synchronize();
        }, runs);
        Report.Result($"elementwise.tandem_{name}.exp_2x_plus_y_16M", nested, "ms", "(Mx.Exp(Mx.Add(Mx.Multiply(x, 2f), y)), new outputs, intermediates left to the GC; launch + sync)");

        var disposed = Report.MedianMs(() =>
        {
            using var twice = Mx.Multiply(x, 2f, stream);
            using var sum = Mx.Add(twice, y, stream);
            using var z = Mx.Exp(sum, stream);
            stream.Synchronize();
        }, runs);
        Report.Result($"elementwise.tandem_{name}.exp_2x_plus_y_16M_disposed", disposed, "ms", "(the same with each intermediate disposed)");

        var read = Report.MedianMs(() =>
        {
            using var z = Mx.Exp(Mx.Add(Mx.Multiply(x, 2f, stream), y, stream), stream);
            _ = z.ToArray();
        }, runs);
        Report.Result($"elementwise.tandem_{name}.exp_2x_plus_y_16M_then_ToArray", read, "ms", "(the nested chain, then the first host read of the result: 64 MB)");

        using var checkedChain = Mx.Exp(Mx.Add(Mx.Multiply(x, 2f, stream), y, stream), stream);
        Report.Check($"residency {name}: exp(2x + y) on new outputs", ExpTwoXPlusYFailure(x, y, checkedChain));
    }

    /// <summary><c>Mx.Random.Normal</c> of 64M floats into a new array.</summary>
    private static void Normal(string name, DeviceStream stream, int runs)
    {
        var ms = Report.MedianMs(() =>
        {
            using var r = Mx.Random.Normal([NormalLength], stream: stream);
            stream.Synchronize();
        }, runs);
        Report.Result($"normal.tandem_{name}.64M", 4.0 * NormalLength / (ms * 1e-3) / 1e9, "GB/s", $"({ms:F3} ms; new array, launch + sync)");

        using var drawn = Mx.Random.Normal([NormalLength], stream: stream);
        double sum = 0, squares = 0;
        foreach (var value in drawn.ToArray())
        {
            sum += value;
            squares += (double)value * value;
        }

        double mean = sum / NormalLength, deviation = Math.Sqrt((squares / NormalLength) - (mean * mean));
        Report.Check($"residency {name}: normal numbers have mean 0 and deviation 1",
            Math.Abs(mean) < 1e-3 && Math.Abs(deviation - 1) < 1e-3 ? null : $"mean {mean}, deviation {deviation}");
    }

    /// <summary>The element-wise chain as one <c>[Kernel]</c>: into a new array (<c>Mx.Zeros</c>) and into an existing one.</summary>
    private static void FusedKernel(string name, DeviceStream stream, int runs)
    {
        using var x = Mx.Random.Uniform([ChainLength], -1f, 1f, key: 1, stream: stream);
        using var y = Mx.Random.Uniform([ChainLength], -1f, 1f, key: 2, stream: stream);
        using var existing = Mx.Zeros<float>([ChainLength]);
        stream.Synchronize();

        var fresh = Report.MedianMs(() =>
        {
            using var z = Mx.Zeros<float>([ChainLength]);
            ExpTwoXPlusY(ChainLength, x, y, z, stream);
            stream.Synchronize();
        }, runs);
        var reused = Report.MedianMs(() =>
        {
            ExpTwoXPlusY(ChainLength, x, y, existing, stream);
            stream.Synchronize();
        }, runs);
        Report.Result($"kernel.tandem_{name}.fused_exp_2x_plus_y_16M_new_output", fresh, "ms", "(using var z = Mx.Zeros(...); the kernel writes z; launch + sync)");
        Report.Result($"kernel.tandem_{name}.fused_exp_2x_plus_y_16M_existing_output", reused, "ms", "(the same kernel into an array made before; launch + sync)");

        using var z = Mx.Zeros<float>([ChainLength]);
        ExpTwoXPlusY(ChainLength, x, y, z, stream);
        Report.Check($"residency {name}: fused kernel into a new array", ExpTwoXPlusYFailure(x, y, z));
    }

    /// <summary>256 MB from a .NET array to an array, through one op, and back: <c>Mx.Array</c>, op, <c>ToArray</c>.</summary>
    private static void RoundTrip(string name, DeviceStream stream, int runs)
    {
        var data = new float[RoundTripLength];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = i % 1024;
        }

        var parts = new Dictionary<string, List<double>> { ["Mx.Array"] = [], ["op"] = [], ["ToArray"] = [] };
        float[] result = [];
        var total = Report.MedianMs(() =>
        {
            var clock = Stopwatch.StartNew();
            using var d = Mx.Array(data);
            var made = clock.Elapsed.TotalMilliseconds;
            using var e = Mx.Multiply(d, 2f, stream);
            stream.Synchronize();
            var computed = clock.Elapsed.TotalMilliseconds;
            result = e.ToArray();
            var read = clock.Elapsed.TotalMilliseconds;
            parts["Mx.Array"].Add(made);
            parts["op"].Add(computed - made);
            parts["ToArray"].Add(read - computed);
        }, runs);

        var wrong = -1;
        for (var i = 0; i < Math.Min(data.Length, result.Length) && wrong < 0; i++)
        {
            wrong = result[i] == 2f * data[i] ? -1 : i;
        }

        Report.Check($"residency {name}: round trip", result.Length != data.Length ? $"{result.Length} elements came back"
            : wrong >= 0 ? $"element {wrong} is {result[wrong]}, expected {2f * data[wrong]}" : null);

        Report.Result($"roundtrip.tandem_{name}.256MB", total, "ms",
            $"(Mx.Array(float[64M]) + Mx.Multiply(d, 2f) + ToArray(); parts (medians): Mx.Array {Median(parts["Mx.Array"], runs):F2}, op {Median(parts["op"], runs):F2}, ToArray {Median(parts["ToArray"], runs):F2} ms)");

        // The same read into one buffer the caller keeps: what a new 256 MB .NET array's first touch costs on top.
        var reused = new float[RoundTripLength];
        var intoBuffer = Report.MedianMs(() =>
        {
            using var d = Mx.Array(data);
            using var e = Mx.Multiply(d, 2f, stream);
            e.CopyTo(reused);
        }, runs);
        Report.Check($"residency {name}: round trip into a reused buffer", reused[12345] == 2f * data[12345] && reused[^1] == 2f * data[^1] ? null : "wrong elements");
        Report.Result($"roundtrip.tandem_{name}.256MB_CopyTo", intoBuffer, "ms", "(the same, read with CopyTo into a float[] made once)");
    }

    /// <summary>Null when <paramref name="z"/> holds exp(2x + y) (to the GPU's exp precision), else the first wrong element.</summary>
    private static string? ExpTwoXPlusYFailure(Array<float> x, Array<float> y, Array<float> z)
    {
        float[] xs = x.ToArray(), ys = y.ToArray(), zs = z.ToArray();
        for (var i = 0; i < zs.Length; i++)
        {
            var expected = MathF.Exp((2f * xs[i]) + ys[i]);
            if (!(Math.Abs(zs[i] - expected) <= 2e-5f * expected))
            {
                return $"element {i} is {zs[i]}, expected {expected}";
            }
        }

        return null;
    }

    /// <summary>The median of the last <paramref name="count"/> values: the timed runs, after the warm-up's.</summary>
    private static double Median(List<double> values, int count)
    {
        var timed = values.GetRange(values.Count - count, count);
        timed.Sort();
        return timed[count / 2];
    }

    [Kernel]
    internal static void ExpTwoXPlusY(int i, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> z) => z[i] = MathF.Exp((2f * x[i]) + y[i]);
}

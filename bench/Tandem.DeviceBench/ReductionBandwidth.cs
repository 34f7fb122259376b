using System;
using System.Linq;
using System.Numerics.Tensors;
using Tandem.CompilerServices;

namespace Tandem.DeviceBench;

/// <summary>
/// <c>Mx.Sum</c> through the public API as a user calls it: a new result each time, read on the host (the first host
/// read of a result is part of every timed run). Bytes of input read per second; the peers are torch's
/// <c>sum.torch_cuda.256M</c> and <c>sum_axis{0,1}.torch_cuda.16384x16384</c> (bench/peers/bench_torch_ops.py) on the
/// GPU machine and NumPy's <c>sum.16M</c> (bench/peers/bench_numpy_cpu.py) on the CPU.
/// </summary>
internal static class ReductionBandwidth
{
    /// <summary>The GPU: a sum over 256M floats, and along each axis of a [16384, 16384] array.</summary>
    public static void RunGpu()
    {
        if (!Mx.IsGpuAvailable)
        {
            return;
        }

        var stream = Mx.NewStream(Mx.Gpu);
        const int Length = 256 << 20;
        using (var x = Mx.Random.Uniform([Length], stream: stream))
        {
            double expected = Reference(x.ToArray());
            float total = 0;
            double ms = Report.MedianMs(() =>
            {
                using var sum = Mx.Sum(x, stream);
                total = sum.Item();
            }, 20);
            Report.Result("sum.gpu.tandem.256M", 4.0 * Length / (ms * 1e-3) / 1e9, "GB/s", $"(median {ms:F3} ms, result read on the host)");
            Report.Check("sum 256M against float64", Math.Abs(total - expected) <= 1e-5 * Length ? null : $"{total} against {expected}");

            // Where the time above the kernel goes: the op waited for without a read, and the read alone once it finished.
            var reads = new System.Collections.Generic.List<double>();
            double synchronizedMs = Report.MedianMs(() =>
            {
                using var sum = Mx.Sum(x, stream);
                stream.Synchronize();
                long start = System.Diagnostics.Stopwatch.GetTimestamp();
                total = sum.Item();
                reads.Add(System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }, 20);
            reads.RemoveRange(0, reads.Count - 20); // the warm-up's reads
            Report.Result("sum.gpu.tandem.256M_synchronized_then_read", synchronizedMs, "ms", "(Sum, stream.Synchronize(), then Item())");
            Report.Result("sum.gpu.tandem.256M_read_after_sync", Report.Median(reads) * 1e3, "us", "(the Item() alone: the 4-byte result's first host read)");
        }

        const int Side = 16384;
        using var matrix = Mx.Random.Uniform([Side, Side], stream: stream);
        float[] host = matrix.ToArray();
        for (int axis = 0; axis < 2; axis++)
        {
            float[] sums = [];
            double ms = Report.MedianMs(() =>
            {
                using var sum = Mx.Sum(matrix, axis, stream: stream);
                sums = sum.ToArray();
            }, 20);
            Report.Result($"sum_axis{axis}.gpu.tandem.16384x16384", 4.0 * Side * Side / (ms * 1e-3) / 1e9, "GB/s", $"(median {ms:F3} ms, result read on the host)");
            Report.Check($"sum along axis {axis} against float64", AxisMismatch(host, Side, axis, sums));
        }
    }

    /// <summary>
    /// The CPU: a sum over <paramref name="length"/> floats in [0, 1), as NumPy's <c>x.sum()</c>; for 16M, also the sums
    /// along axis 0 of the same elements as [4096, 4096] and [16384, 1024], and along the last axis of the transposed
    /// [4096, 4096] (NumPy's <c>m.sum(axis=0)</c>, <c>m.T.sum(axis=1)</c>).
    /// </summary>
    public static void RunCpu(int length)
    {
        var random = new Random(0);
        float[] data = new float[length];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = random.NextSingle();
        }

        using var x = Mx.Array(data);
        float total = 0;
        double ms = Report.MedianMs(() =>
        {
            using var sum = Mx.Sum(x, Mx.Cpu);
            total = sum.Item();
        }, 21);
        Report.Result($"sum.cpu.tandem.{length >> 20}M", 4.0 * length / (ms * 1e-3) / 1e9, "GB/s", $"(median {ms:F3} ms, {Environment.ProcessorCount} cores)");

        // What one core reaches in the same minute without the op around it: over the managed array (base pages), and
        // over the Tandem array's own memory (huge pages where Linux gives them: Runtime/Memory/HugePages.cs).
        double managedMs = Report.MedianMs(() => TensorPrimitives.Sum(data), 21);
        Report.Result($"sum.cpu.one_thread_tensorprimitives.{length >> 20}M", 4.0 * length / (managedMs * 1e-3) / 1e9, "GB/s",
            $"(median {managedMs:F3} ms, a float[]; a reference, not the op)");
        double ownMs = Report.MedianMs(() => TensorPrimitives.Sum(KernelLauncher.GetReadOnlySpan(x)), 21);
        Report.Result($"sum.cpu.one_thread_tensorprimitives_tandem_memory.{length >> 20}M", 4.0 * length / (ownMs * 1e-3) / 1e9, "GB/s",
            $"(median {ownMs:F3} ms, the Tandem array's memory; a reference, not the op)");
        double expected = Reference(data);
        Report.Check($"cpu sum {length >> 20}M against float64", Math.Abs(total - expected) <= 1e-5 * length ? null : $"{total} against {expected}");

        // Along an axis that is not the innermost of the memory order (the same elements as a matrix, and its transpose
        // along its last axis): NumPy's sum_axis0.* and sum_axis1_transposed.* of bench/peers/bench_numpy_cpu.py.
        foreach ((int rows, int columns, bool transposed) in new[] { (4096, 4096, false), (16384, 1024, false), (4096, 4096, true) })
        {
            if ((long)rows * columns != length)
            {
                continue;
            }

            using var input = transposed ? Mx.Reshape(x, [rows, columns]).T : Mx.Reshape(x, [rows, columns]);
            int axis = transposed ? 1 : 0;
            float[] sums = [];
            double axisMs = Report.MedianMs(() =>
            {
                using var sum = Mx.Sum(input, axis, stream: Mx.Cpu);
                sums = sum.ToArray();
            }, 21);
            string name = transposed ? "sum_axis1_transposed" : "sum_axis0";
            Report.Result($"{name}.cpu.tandem.{rows}x{columns}", 4.0 * length / (axisMs * 1e-3) / 1e9, "GB/s",
                $"(median {axisMs:F3} ms, result read on the host)");
            Report.Check($"cpu {name} {rows}x{columns} against float64", ColumnMismatch(data, rows, columns, sums));
        }
    }

    // The sums down each column of the row-major rows x columns matrix in data (those of the transpose's rows alike).
    private static string? ColumnMismatch(float[] data, int rows, int columns, float[] sums)
    {
        var expected = new double[columns];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                expected[c] += data[((long)r * columns) + c];
            }
        }

        for (int c = 0; c < columns; c++)
        {
            if (Math.Abs(sums[c] - expected[c]) > 1e-4 * Math.Abs(expected[c]))
            {
                return $"[{c}] = {sums[c]}, expected {expected[c]}";
            }
        }

        return null;
    }

    private static double Reference(float[] values) => values.Sum(v => (double)v);

    private static string? AxisMismatch(float[] host, int side, int axis, float[] sums)
    {
        for (int i = 0; i < side; i++)
        {
            double expected = 0;
            for (int j = 0; j < side; j++)
            {
                expected += host[axis == 0 ? (j * side) + i : (i * side) + j];
            }

            if (Math.Abs(sums[i] - expected) > 1e-4 * Math.Abs(expected))
            {
                return $"[{i}] = {sums[i]}, expected {expected}";
            }
        }

        return null;
    }
}

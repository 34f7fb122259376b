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

    /// <summary>The CPU: a sum over <paramref name="length"/> floats in [0, 1), as NumPy's <c>x.sum()</c>.</summary>
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

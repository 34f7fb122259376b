using System;
using System.Linq;
using System.Runtime.InteropServices;

namespace Tandem.DeviceBench;

/// <summary>
/// <c>Mx.Random.Normal</c> and <c>Mx.Random.Uniform</c> of 64M floats (the mode's size) on a GPU stream, as a user writes them: a new
/// array per draw (disposed after), the time until the stream is done (the peer: <c>torch.randn(n, device="cuda")</c>),
/// and separately the time until the first host read (<c>ToArray</c>, the bytes on the host). Bandwidth counts the
/// bytes written. Checks: the moments, and the first million values bit for bit against the CPU's for the same key.
/// </summary>
internal static class RandomBenchmark
{
    public static void Run(int length)
    {
        if (!Mx.IsGpuAvailable)
        {
            return;
        }

        using DeviceStream stream = Mx.NewStream(Mx.Gpu);
        double bytes = 4.0 * length;
        string size = $"{length >> 20}M";
        ulong seed = 1;
        double normal = Report.MedianMs(() =>
        {
            using Array<float> drawn = Mx.Random.Normal([length], key: seed++, stream: stream);
            stream.Synchronize();
        }, 20);
        Report.Result($"normal.gpu.tandem_{size}", bytes / (normal * 1e-3) / 1e9, "GB/s", $"({normal:F3} ms: new array, draw, stream sync)");

        double uniform = Report.MedianMs(() =>
        {
            using Array<float> drawn = Mx.Random.Uniform([length], key: seed++, stream: stream);
            stream.Synchronize();
        }, 20);
        Report.Result($"uniform.gpu.tandem_{size}", bytes / (uniform * 1e-3) / 1e9, "GB/s", $"({uniform:F3} ms: new array, draw, stream sync)");

        float[] host = [];
        double firstRead = Report.MedianMs(() =>
        {
            using Array<float> drawn = Mx.Random.Normal([length], key: seed++, stream: stream);
            host = drawn.ToArray();
        }, 5);
        Report.Result($"normal.gpu.tandem_{size}_to_host", firstRead, "ms", "(new array, draw, ToArray: the first host read)");

        (double mean, double variance) = Moments(host);
        Report.Check($"normal: {size} values of mean 0 and variance 1 (within 1e-3)",
            Math.Abs(mean) < 1e-3 && Math.Abs(variance - 1) < 1e-3 ? null : $"mean {mean}, variance {variance}");

        // The same key on the CPU: the same bits (the GPU's compiler must not have fused or reordered anything).
        const int Compared = 1 << 20;
        using Array<float> gpu = Mx.Random.Normal([Compared], 2f, 3f, key: 99, stream: stream);
        using Array<float> cpu = Mx.Random.Normal([Compared], 2f, 3f, key: 99, stream: Mx.Cpu);
        using Array<float> gpuUniform = Mx.Random.Uniform([Compared], -1f, 5f, key: 98, stream: stream);
        using Array<float> cpuUniform = Mx.Random.Uniform([Compared], -1f, 5f, key: 98, stream: Mx.Cpu);
        using Array<double> gpuDouble = Mx.Random.Normal([Compared], 1.0, 2.0, key: 97, stream: stream);
        using Array<double> cpuDouble = Mx.Random.Normal([Compared], 1.0, 2.0, key: 97, stream: Mx.Cpu);
        Report.Check("normal: GPU bits == CPU bits (1M values, same key)", FirstDifference(cpu.ToArray(), gpu.ToArray()));
        Report.Check("uniform: GPU bits == CPU bits (1M values, same key)", FirstDifference(cpuUniform.ToArray(), gpuUniform.ToArray()));
        Report.Check("normal float64: GPU bits == CPU bits (1M values, same key)", FirstDifference(cpuDouble.ToArray(), gpuDouble.ToArray()));
    }

    private static (double Mean, double Variance) Moments(float[] values)
    {
        double sum = 0, squares = 0;
        foreach (float x in values)
        {
            sum += x;
            squares += (double)x * x;
        }

        double mean = sum / values.Length;
        return (mean, (squares / values.Length) - (mean * mean));
    }

    private static string? FirstDifference<T>(T[] expected, T[] actual) where T : unmanaged
    {
        for (int i = 0; i < expected.Length; i++)
        {
            if (!MemoryMarshal.AsBytes(expected.AsSpan(i, 1)).SequenceEqual(MemoryMarshal.AsBytes(actual.AsSpan(i, 1))))
            {
                return $"element {i}: GPU {actual[i]}, CPU {expected[i]}";
            }
        }

        return expected.Length == actual.Length ? null : "lengths differ";
    }
}

using System;
using System.Linq;

namespace Tandem.DeviceBench;

/// <summary>The sample's headline experiment in every configuration the machine offers.</summary>
internal static class HeadlineBenchmark
{
    public static void Run()
    {
        Mx.Random.Seed(0);
        var a = Mx.Random.Uniform([4096, 512]);
        var b = Mx.Random.Uniform([512, 4]);
        Mx.Synchronize();
        var (product, chained) = Reference(a.ToArray(), b.ToArray(), 500);
        if (Mx.IsGpuAvailable)
        {
            var gpu = Mx.NewStream(Mx.Gpu);
            var matmul = Report.MedianMs(() => { Mx.Matmul(a, b, gpu); gpu.Synchronize(); }, 50);
            Report.Result("seed.tandem.gpu.matmul_only", matmul, "ms", "(one (4096, 512) x (512, 4) matmul + sync)");
            Report.Check("headline matmul on the GPU", Close(product, Mx.Matmul(a, b, gpu).ToArray()));

            // The mixed configuration's parts: the CPU chain alone (from the GPU-made b), then both with per-stream waits.
            var cpu = Mx.NewStream(Mx.Cpu);
            var expOnly = Report.MedianMs(() => Chain(b, cpu), 50);
            Report.Result("seed.tandem.mixed.exp_only", expOnly, "ms", "(500 exp on a CPU stream from the GPU-made b)");
            var both = Report.MedianMs(() =>
            {
                var x = Mx.Matmul(a, b, gpu);
                Chain(b, cpu);
                gpu.Synchronize();
                GC.KeepAlive(x);
            }, 50);
            Report.Result("seed.tandem.mixed.stream_syncs", both, "ms", "(matmul on GPU, exp chain on CPU, each stream synchronized)");
            var gpuExpOnly = Report.MedianMs(() => Chain(b, gpu), 50);
            Report.Result("seed.tandem.gpu.exp_only", gpuExpOnly, "ms", "(500 exp on a GPU stream)");
            Report.Check("headline exp chain on a GPU stream", Close(chained, Chain(b, gpu).ToArray()));
        }

        static Array<float> Chain(Array<float> start, DeviceStream stream)
        {
            var r = start;
            for (var i = 0; i < 500; i++)
            {
                r = Mx.Exp(r, stream);
            }

            stream.Synchronize();
            return r;
        }

        foreach (var configuration in Configuration.Available(null))
        {
            var (median, configurationProduct, configurationChained) = HeadlineExperiment.Run(a, b, configuration, warmup: 10, runs: 50, expCount: 500);
            Report.Result($"seed.tandem.{configuration.Name}.total", median, "ms", $"({configuration.Description}; median of 50)");
            Report.Check($"headline {configuration.Name}: matmul", Close(product, configurationProduct));
            Report.Check($"headline {configuration.Name}: exp chain", Close(chained, configurationChained));
        }
    }

    /// <summary>The experiment by direct computation: the product accumulated in double, the chain with MathF.Exp.</summary>
    private static (float[] Product, float[] Chained) Reference(float[] a, float[] b, int expCount)
    {
        const int K = 512, N = 4;
        var product = new float[a.Length / K * N];
        for (var row = 0; row < product.Length / N; row++)
        {
            for (var column = 0; column < N; column++)
            {
                double sum = 0;
                for (var k = 0; k < K; k++)
                {
                    sum += (double)a[(row * K) + k] * b[(k * N) + column];
                }

                product[(row * N) + column] = (float)sum;
            }
        }

        var chained = (float[])b.Clone();
        for (var i = 0; i < expCount; i++)
        {
            for (var j = 0; j < chained.Length; j++)
            {
                chained[j] = MathF.Exp(chained[j]);
            }
        }

        return (product, chained);
    }

    /// <summary>
    /// Within 1e-4 relative (a float product of 512 terms in another order, exp on another device); infinities must
    /// match. Null when close.
    /// </summary>
    private static string? Close(float[] expected, float[] actual)
    {
        var wrong = Enumerable.Range(0, expected.Length).FirstOrDefault(i =>
            float.IsInfinity(expected[i]) ? expected[i] != actual[i]
            : !(MathF.Abs(expected[i] - actual[i]) <= 1e-4f * MathF.Max(1, MathF.Abs(expected[i]))), -1);
        return wrong < 0 ? null : $"element {wrong} is {actual[wrong]:R}, expected {expected[wrong]:R}";
    }
}

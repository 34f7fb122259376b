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
        if (Mx.IsGpuAvailable)
        {
            var gpu = Mx.NewStream(Mx.Gpu);
            var matmul = Report.MedianMs(() => { Mx.Matmul(a, b, gpu); gpu.Synchronize(); }, 50);
            Report.Result("seed.tandem.gpu.matmul_only", matmul, "ms", "(one (4096, 512) x (512, 4) matmul + sync)");

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
        }

        static void Chain(Array<float> start, DeviceStream stream)
        {
            var r = start;
            for (var i = 0; i < 500; i++)
            {
                r = Mx.Exp(r, stream);
            }

            stream.Synchronize();
        }

        float[]? reference = null;
        foreach (var configuration in Configuration.Available(null))
        {
            var (median, product, chained) = HeadlineExperiment.Run(a, b, configuration, warmup: 10, runs: 50, expCount: 500);
            reference ??= product;
            var agrees = product.Zip(reference).All(p => MathF.Abs(p.First - p.Second) <= 1e-3f * MathF.Max(1, MathF.Abs(p.Second)));
            Report.Result($"seed.tandem.{configuration.Name}.total", median, "ms", $"({configuration.Description}; median of 50; results {(agrees ? "agree" : "DIFFER")})");
            GC.KeepAlive(chained);
        }
    }
}

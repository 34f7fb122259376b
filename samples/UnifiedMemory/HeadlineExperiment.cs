using System.Collections.Generic;
using System.Diagnostics;
using Tandem;

/// <summary>
/// MLX's headline experiment: <c>x = matmul(a, b)</c> on one stream, then <c>b = exp(b)</c> many times on another.
/// The matmul suits a wide device; the long chain of tiny ops is overhead-bound and suits the CPU.
/// </summary>
internal static class HeadlineExperiment
{
    /// <summary>
    /// Runs the experiment: at least <paramref name="warmup"/> untimed runs, and untimed runs for a second at least
    /// (.NET's tiered JIT reaches its final code after about a second, not after a count of calls), then
    /// <paramref name="runs"/> timed ones. Returns their median time and the last results.
    /// </summary>
    public static (double MedianMs, float[] Product, float[] Chained) Run(
        Array<float> a, Array<float> b, Configuration configuration, int warmup, int runs, int expCount)
    {
        var (matmulStream, expStream) = configuration.CreateStreams();
        var times = new List<double>();
        float[] product = [], chained = [];
        var warmingUp = Stopwatch.StartNew();
        while (warmingUp.Elapsed.TotalSeconds < 1)
        {
            Once(a, b, matmulStream, expStream, expCount);
        }

        for (var run = 0; run < warmup + runs; run++)
        {
            var watch = Stopwatch.StartNew();
            var (x, current) = Once(a, b, matmulStream, expStream, expCount);
            watch.Stop();
            if (run >= warmup)
            {
                times.Add(watch.Elapsed.TotalMilliseconds);
            }

            if (run == warmup + runs - 1)
            {
                (product, chained) = (x.ToArray(), current.ToArray());
            }
        }

        times.Sort();
        return (times[times.Count / 2], product, chained);
    }

    /// <summary>One run: the matmul, the exp chain, and the wait for both.</summary>
    internal static (Array<float> Product, Array<float> Chained) Once(Array<float> a, Array<float> b, DeviceStream matmulStream, DeviceStream expStream, int expCount)
    {
        var x = Mx.Matmul(a, b, stream: matmulStream);
        var current = b;
        for (var i = 0; i < expCount; i++)
        {
            current = Mx.Exp(current, stream: expStream);
        }

        Mx.Synchronize();
        return (x, current);
    }
}

using System.Collections.Generic;
using System.Diagnostics;
using Tandem;

/// <summary>
/// MLX's headline experiment: <c>x = matmul(a, b)</c> on one stream, then <c>b = exp(b)</c> many times on another.
/// The matmul suits a wide device; the long chain of tiny ops is overhead-bound and suits the CPU.
/// </summary>
internal static class HeadlineExperiment
{
    /// <summary>Runs the experiment; returns the median time of <paramref name="runs"/> timed runs and the last results.</summary>
    public static (double MedianMs, float[] Product, float[] Chained) Run(
        Array<float> a, Array<float> b, Configuration configuration, int warmup, int runs, int expCount)
    {
        var (matmulStream, expStream) = configuration.CreateStreams();
        var times = new List<double>();
        float[] product = [], chained = [];
        for (var run = 0; run < warmup + runs; run++)
        {
            var watch = Stopwatch.StartNew();
            var x = Mx.Matmul(a, b, stream: matmulStream);
            var current = b;
            for (var i = 0; i < expCount; i++)
            {
                current = Mx.Exp(current, stream: expStream);
            }

            Mx.Synchronize();
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
}

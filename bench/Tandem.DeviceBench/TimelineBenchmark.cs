using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Tandem.Benchmarks;

namespace Tandem.DeviceBench;

/// <summary>
/// <c>timeline</c>: what docs/PROFILING.md and the README show from the GPU machine, written under <c>timeline/</c>
/// (or <c>TANDEM_TIMELINE_DIR</c>): the headline's traces in the all-GPU and the mixed configuration
/// (<c>gpu.json</c>, <c>mixed.json</c>; the sample's <c>--draw</c> turns them into PNGs), <c>tandem info</c>'s text
/// and JSON, and the cost of tracing on the tiny-op chain, off and on.
/// </summary>
internal static class TimelineBenchmark
{
    public static void Run(int chain)
    {
        string folder = Environment.GetEnvironmentVariable("TANDEM_TIMELINE_DIR") is { Length: > 0 } set ? set : "timeline";
        Directory.CreateDirectory(folder);
        foreach ((string name, string[] args) in new[] { ("tandem-info.txt", new[] { "info" }), ("tandem-info.json", new[] { "info", "--json" }) })
        {
            using var output = new StringWriter();
            Report.Check($"tandem {string.Join(' ', args)} exits 0", Cli.TandemCommand.Run(args, output, Console.Error) == 0 ? null : "non-zero exit");
            File.WriteAllText(Path.Combine(folder, name), output.ToString());
        }

        Console.WriteLine(File.ReadAllText(Path.Combine(folder, "tandem-info.txt")));
        Overhead(chain, folder);

        Mx.Random.Seed(0);
        var a = Mx.Random.Uniform([4096, 512]);
        var b = Mx.Random.Uniform([512, 4]);
        Mx.Synchronize();
        foreach (Configuration configuration in Configuration.Available(["gpu", "mixed", "cpu2"]))
        {
            string json = TimelineRecording.Record(a, b, configuration, 500, folder);
            using var summary = new StringWriter();
            Report.Check($"tandem trace {json} exits 0", Cli.TandemCommand.Run(["trace", json], summary, Console.Error) == 0 ? null : "non-zero exit");
            File.WriteAllText(Path.ChangeExtension(json, ".txt"), summary.ToString());
            Console.WriteLine(summary);
        }
    }

    /// <summary>The tiny-op chain's cost per op with tracing off and on (median of 5 chains each, alternating).</summary>
    private static void Overhead(int count, string folder)
    {
        foreach (Device device in Mx.IsGpuAvailable ? new[] { Mx.Gpu, Mx.Cpu } : new[] { Mx.Cpu })
        {
            string name = device.Type == DeviceType.Gpu ? "gpu" : "cpu";
            DeviceStream stream = Mx.NewStream(device);
            Array<float> y = Mx.Zeros<float>([1]);
            int increments = 0;
            double Chain()
            {
                var clock = Stopwatch.StartNew();
                for (int i = 0; i < count; i++)
                {
                    BenchKernels.Increment(1, y, stream);
                }

                stream.Synchronize();
                increments += count;
                return clock.Elapsed.TotalMilliseconds * 1e3 / count;
            }

            for (var warm = Stopwatch.StartNew(); warm.Elapsed.TotalSeconds < 1;)
            {
                Chain();
            }

            var off = new List<double>();
            var on = new List<double>();
            string trace = Path.Combine(folder, $"overhead-{name}.json");
            for (int run = 0; run < 5; run++)
            {
                off.Add(Chain());
                Mx.Trace.Start();
                on.Add(Chain());
                Mx.Trace.Stop(trace);
            }

            double offUs = off.Order().ElementAt(2), onUs = on.Order().ElementAt(2);
            Report.Result($"trace.tandem_{name}.increment1_chain_{count}_off", offUs, "us/op", "(tracing off; median of 5 chains + 1 sync each)");
            Report.Result($"trace.tandem_{name}.increment1_chain_{count}_on", onUs, "us/op", $"(tracing on, the same chains alternating; ratio on/off {onUs / offUs:0.00})");
            Report.Check($"{name} traced increment chain counted {increments}", OutputChecks.All(y.ToArray(), increments));
        }
    }
}

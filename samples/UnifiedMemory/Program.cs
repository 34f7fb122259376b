// The headline experiment of MLX's unified-memory guide, in Tandem: x = matmul(a, b), then 500 times b = exp(b),
// with both parts on one stream or on two (CPU and GPU when there is a GPU). No data moves, no dependency is written
// by hand: the two streams work on the same arrays at the same time.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Tandem;

var options = SampleOptions.Parse(args);
if (options.Draw is { } traces)
{
    // Pictures of traces recorded earlier (on another machine, say): no experiment runs.
    foreach (var json in System.IO.Directory.GetFiles(traces, "*.json"))
    {
        TimelinePicture.Write(json, System.IO.Path.ChangeExtension(json, ".png"), Configuration.Title(System.IO.Path.GetFileNameWithoutExtension(json), options.ExpCount));
    }

    return 0;
}

Console.WriteLine($"Tandem headline experiment: x = matmul(a, b) with a = (4096, 512), b = (512, 4); then {options.ExpCount} x b = exp(b)");
Console.WriteLine($"CPU: {Environment.ProcessorCount} cores; GPU: {(Mx.IsGpuAvailable ? Mx.Gpu.Name : "none")}");
Console.WriteLine($"Each configuration: warm-up runs for a second (at least {options.Warmup}), then the median of {options.Runs} runs.");
Console.WriteLine();

Mx.Random.Seed(42);
var a = Mx.Random.Normal([4096, 512]);
var b = Mx.Random.Normal([512, 4]);
Mx.Synchronize();

var results = new List<(Configuration Configuration, double Median, float[] X, float[] B)>();
foreach (var configuration in Configuration.Available(options.Only))
{
    var (median, x, chained) = HeadlineExperiment.Run(a, b, configuration, options.Warmup, options.Runs, options.ExpCount);
    results.Add((configuration, median, x, chained));
    if (options.Timeline is { } folder)
    {
        var json = TimelineRecording.Record(a, b, configuration, options.ExpCount, folder);
        TimelinePicture.Write(json, System.IO.Path.ChangeExtension(json, ".png"), Configuration.Title(configuration.Name, options.ExpCount));
    }
}

var baseline = results[0].Median;
Console.WriteLine($"{"configuration",-34} {"median ms",10} {"vs first",9}");
foreach (var (configuration, median, _, _) in results)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{configuration.Description,-34} {median,10:F2} {baseline / median,8:F2}x"));
}

var agree = results.All(r => Close(r.X, results[0].X, 1e-3f) && Close(r.B, results[0].B, 1e-4f));
Console.WriteLine();
Console.WriteLine(agree ? "Results agree across all configurations." : "RESULTS DIFFER between configurations.");
return agree ? 0 : 1;

static bool Close(float[] actual, float[] expected, float tolerance) =>
    actual.Length == expected.Length && actual.Zip(expected).All(p =>
        p.First.Equals(p.Second) || MathF.Abs(p.First - p.Second) <= tolerance * MathF.Max(1, MathF.Abs(p.Second)));

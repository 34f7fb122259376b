// The headline experiment of MLX's unified-memory guide, in Tandem:
//   x = matmul(a, b) on one stream, then 500 times b = exp(b) on another.
// The big matmul suits a wide device; the long chain of tiny ops is overhead-bound and belongs on the CPU.
// With unified memory both run at once on the same arrays, with no copy anywhere.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using Tandem;

var options = SampleOptions.Parse(args);
Console.WriteLine($"Tandem headline experiment: x = matmul(a, b) with a = (4096, 512), b = (512, 4); then {options.ExpCount} x b = exp(b)");
Console.WriteLine($"CPU: {Environment.ProcessorCount} cores; GPU: {(Mx.IsGpuAvailable ? Mx.Gpu.Name : "none")}");
Console.WriteLine($"Each configuration: {options.Warmup} warm-up runs, then the median of {options.Runs} runs.");
Console.WriteLine();

Mx.Random.Seed(42);
var a = Mx.Random.Normal([4096, 512]);
var b = Mx.Random.Normal([512, 4]);
Mx.Synchronize();

var configurations = Configuration.Available(options.Only);
var results = new List<(Configuration Configuration, double Median, float[] X, float[] B)>();
foreach (var configuration in configurations)
{
    var (matmulStream, expStream) = configuration.CreateStreams();
    float[] x = [], chained = [];
    var times = new List<double>();
    for (var run = 0; run < options.Warmup + options.Runs; run++)
    {
        var watch = Stopwatch.StartNew();
        var product = Mx.Matmul(a, b, stream: matmulStream);
        var current = b;
        for (var i = 0; i < options.ExpCount; i++)
        {
            current = Mx.Exp(current, stream: expStream);
        }

        Mx.Synchronize();
        watch.Stop();
        if (run >= options.Warmup)
        {
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        if (run == options.Warmup + options.Runs - 1)
        {
            (x, chained) = (product.ToArray(), current.ToArray());
        }
    }

    times.Sort();
    results.Add((configuration, times[times.Count / 2], x, chained));
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

using System;
using System.Diagnostics;
using System.IO;
using Tandem;

/// <summary>
/// <c>--timeline folder</c>: one traced run of a configuration, written as <c>folder/name.json</c> (open it in
/// ui.perfetto.dev, or summarize it with <c>tandem trace</c>).
/// </summary>
internal static class TimelineRecording
{
    /// <summary>Runs the experiment traced once, after untraced runs that compile, warm and fill the caches; returns the trace's path.</summary>
    public static string Record(Array<float> a, Array<float> b, Configuration configuration, int expCount, string folder)
    {
        Directory.CreateDirectory(folder);
        var (matmulStream, expStream) = configuration.CreateStreams();
        // Warm up for a second, not a few runs: the runtime's own code is compiled optimized only after the JIT has
        // seen it run for a while, and the traced run should show the steady state that the timing measured.
        var warmup = Stopwatch.StartNew();
        for (var run = 0; run < 3 || warmup.Elapsed < TimeSpan.FromSeconds(1); run++)
        {
            HeadlineExperiment.Once(a, b, matmulStream, expStream, expCount);
        }

        var json = Path.Combine(folder, configuration.Name + ".json");
        Mx.Trace.Start();
        HeadlineExperiment.Once(a, b, matmulStream, expStream, expCount);
        Mx.Trace.Stop(json);
        Console.WriteLine($"timeline of '{configuration.Name}': {json}");
        return json;
    }
}

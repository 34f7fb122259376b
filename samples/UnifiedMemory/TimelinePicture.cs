using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using ScottPlot;

/// <summary>
/// Draws a Tandem trace (Chrome trace-event JSON) as a PNG: a lane per stream (and per host thread that waited), a bar
/// per op (GPU orange, CPU blue), each stream's waits for another stream in grey, host waits in red, GPU batches as thin
/// bands under their stream (submission to completion), and an arrow per inserted cross-stream wait, from the producer's end to when the consumer was released.
/// </summary>
internal static class TimelinePicture
{
    private const double BarHalfHeight = 0.32;

    public static void Write(string tracePath, string pngPath, string title)
    {
        using var trace = JsonDocument.Parse(File.ReadAllText(tracePath));
        var events = trace.RootElement.GetProperty("traceEvents").EnumerateArray().ToArray();
        var names = events.Where(e => Text(e, "ph") == "M" && Text(e, "name") == "thread_name")
            .ToDictionary(Track, e => e.GetProperty("args").GetProperty("name").GetString()!);
        var drawn = events.Where(e => Text(e, "ph") == "X" && Text(e, "cat") is "op" or "wait" or "host-wait").ToArray();
        var lanes = drawn.Select(Track).Distinct().OrderBy(t => t.Pid == 0 ? int.MaxValue : t.Pid).ThenBy(t => t.Tid).ToList();
        double origin = drawn.Length == 0 ? 0 : drawn.Min(Start);
        double Y(int pid, int tid) => lanes.Count - 1 - lanes.IndexOf((pid, tid));
        double Ms(double us) => (us - origin) / 1000;

        var plot = new Plot();
        var legend = new HashSet<string>();
        foreach (var e in events.Where(e => Text(e, "ph") == "b" && Text(e, "cat") == "batch" && lanes.Contains(Track(e))))
        {
            var end = events.First(x => Text(x, "ph") == "e" && Text(x, "cat") == "batch" && x.GetProperty("id").GetInt32() == e.GetProperty("id").GetInt32());
            var y = Y(Track(e).Pid, Track(e).Tid);
            Bar(plot, legend, Ms(Start(e)), Ms(Start(end)), y - BarHalfHeight - 0.08, y - BarHalfHeight - 0.02, Colors.Gold, "GPU batch (submitted → completed)");
        }

        foreach (var e in drawn)
        {
            var (pid, tid) = Track(e);
            var y = Y(pid, tid);
            var gpu = ProcessName(events, pid).StartsWith("GPU", StringComparison.Ordinal);
            var (color, label, half) = Text(e, "cat") switch
            {
                "op" => gpu ? (Colors.DarkOrange, "GPU op", BarHalfHeight) : (Colors.SteelBlue, "CPU op", BarHalfHeight),
                "wait" => (Colors.DarkGray, "stream waits for another", BarHalfHeight / 2),
                _ => (Colors.Crimson, "host waits (ToArray, Synchronize)", BarHalfHeight / 2),
            };
            Bar(plot, legend, Ms(Start(e)), Ms(End(e)), y - half, y + half, color, label);
        }

        var ops = drawn.Where(e => Text(e, "cat") == "op").ToArray();
        foreach (var start in events.Where(e => Text(e, "cat") == "dependency" && Text(e, "ph") == "s"))
        {
            var finish = events.FirstOrDefault(e => Text(e, "cat") == "dependency" && Text(e, "ph") == "f" && e.GetProperty("id").GetInt32() == start.GetProperty("id").GetInt32());
            var producer = ops.FirstOrDefault(o => Track(o) == Track(start) && Start(o) == Start(start));
            if (finish.ValueKind == JsonValueKind.Undefined || producer.ValueKind == JsonValueKind.Undefined || !lanes.Contains(Track(finish)))
            {
                continue;
            }

            // The tip at the moment the consumer was released: the producer's end, or the consumer's start if later.
            var released = Math.Max(End(producer), Start(finish));
            var arrow = plot.Add.Arrow(new Coordinates(Ms(End(producer)), Y(Track(start).Pid, Track(start).Tid)),
                new Coordinates(Ms(released), Y(Track(finish).Pid, Track(finish).Tid)));
            arrow.ArrowLineColor = Colors.Black;
            arrow.ArrowFillColor = Colors.Black;
            arrow.ArrowLineWidth = 1;
            arrow.ArrowWidth = 1.5f;
            arrow.ArrowheadWidth = 8;
            if (legend.Add("inserted wait (producer → consumer)"))
            {
                arrow.LegendText = "inserted wait (producer → consumer)";
            }
        }

        var ticks = new ScottPlot.TickGenerators.NumericManual();
        foreach (var (pid, tid) in lanes)
        {
            ticks.AddMajor(Y(pid, tid), pid == 0 ? $"host: {names.GetValueOrDefault((pid, tid), "thread")}" : names.GetValueOrDefault((pid, tid), $"track {tid}"));
        }

        plot.Axes.Left.TickGenerator = ticks;
        plot.Axes.SetLimitsY(-0.7, lanes.Count - 0.3);
        plot.Title(title);
        plot.XLabel("time since the first event (ms)");
        plot.ShowLegend(Edge.Bottom);
        plot.SavePng(pngPath, 1600, 220 + (70 * lanes.Count));
    }

    private static void Bar(Plot plot, HashSet<string> legend, double left, double right, double bottom, double top, Color color, string label)
    {
        var bar = plot.Add.Rectangle(left, right, bottom, top);
        bar.FillColor = color;
        bar.LineColor = color; // a 1-pixel outline keeps ops of a few microseconds visible
        bar.LineWidth = 1;
        if (legend.Add(label))
        {
            bar.LegendText = label;
        }
    }

    private static string ProcessName(JsonElement[] events, int pid)
        => events.Where(e => Text(e, "ph") == "M" && Text(e, "name") == "process_name" && e.GetProperty("pid").GetInt32() == pid)
            .Select(e => e.GetProperty("args").GetProperty("name").GetString()!).FirstOrDefault() ?? string.Empty;

    private static (int Pid, int Tid) Track(JsonElement e) => (e.GetProperty("pid").GetInt32(), e.TryGetProperty("tid", out var t) ? t.GetInt32() : 0);

    private static double Start(JsonElement e) => e.GetProperty("ts").GetDouble();

    private static double End(JsonElement e) => Start(e) + (e.TryGetProperty("dur", out var d) ? d.GetDouble() : 0);

    private static string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}

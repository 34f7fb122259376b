using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Tandem.Cli;

/// <summary>
/// What a Tandem trace (Chrome trace-event JSON from <c>Mx.Trace</c> or <c>TANDEM_TRACE</c>) says: how busy each stream
/// and device was, how long the CPU and the GPU worked at the same time, and the longest waits with what they waited for.
/// </summary>
/// <param name="File">The trace file.</param>
/// <param name="DurationMs">From the trace's start to its stop.</param>
/// <param name="Ops">Ops recorded.</param>
/// <param name="Streams">Each stream's work.</param>
/// <param name="Devices">Each device's work (its streams' busy times merged).</param>
/// <param name="CpuGpuOverlapMs">Time during which a CPU stream and a GPU stream both ran an op.</param>
/// <param name="CpuGpuOverlapPercent">That time as a share of the less busy device's busy time (100: the shorter one ran entirely in the other's shadow).</param>
/// <param name="LongestWaits">The longest waits, longest first.</param>
/// <param name="Clocks">How each device's times were put on the host clock.</param>
internal sealed record TraceSummary(string File, double DurationMs, int Ops, IReadOnlyList<StreamSummary> Streams, IReadOnlyList<DeviceSummary> Devices,
    double CpuGpuOverlapMs, double CpuGpuOverlapPercent, IReadOnlyList<WaitSummary> LongestWaits, IReadOnlyList<string> Clocks)
{
    /// <summary>Reads and summarizes a trace.</summary>
    /// <exception cref="InvalidDataException">The file is not a Tandem trace.</exception>
    public static TraceSummary Read(string path, int waits)
    {
        using JsonDocument document = Parse(path);
        JsonElement root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("traceEvents", out JsonElement eventsElement) || eventsElement.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"{path} has no 'traceEvents' array: it is not a Chrome trace-event file.");
        }

        JsonElement[] events = [.. eventsElement.EnumerateArray()];
        var processes = new Dictionary<int, string>();
        var threads = new Dictionary<(int, int), string>();
        foreach (JsonElement e in events.Where(e => Text(e, "ph") == "M"))
        {
            string? name = e.TryGetProperty("args", out JsonElement args) ? Text(args, "name") : null;
            if (name is null)
            {
                continue;
            }

            if (Text(e, "name") == "process_name")
            {
                processes[Int(e, "pid")] = name;
            }
            else if (Text(e, "name") == "thread_name")
            {
                threads[(Int(e, "pid"), Int(e, "tid"))] = name;
            }
        }

        JsonElement[] ops = events.Where(e => Text(e, "cat") == "op" && Text(e, "ph") == "X").ToArray();
        var streams = new List<StreamSummary>();
        var busyByDevice = new Dictionary<string, List<(double Start, double End)>>();
        double duration = root.TryGetProperty("otherData", out JsonElement other) && other.TryGetProperty("durationUs", out JsonElement d) ? d.GetDouble() : 0;
        duration = Math.Max(duration, ops.Select(End).DefaultIfEmpty(0).Max());
        foreach (IGrouping<(int Pid, int Tid), JsonElement> track in ops.GroupBy(Track))
        {
            string device = processes.GetValueOrDefault(track.Key.Pid, $"process {track.Key.Pid}");
            List<(double, double)> intervals = Merge(track.Select(e => (Start(e), End(e))));
            double busy = intervals.Sum(i => i.Item2 - i.Item1);
            streams.Add(new StreamSummary(threads.GetValueOrDefault(track.Key, $"track {track.Key.Tid}"), device, track.Count(), Ms(busy),
                duration > 0 ? Math.Round(100 * busy / duration, 1) : 0));
            if (!busyByDevice.TryGetValue(device, out List<(double, double)>? all))
            {
                busyByDevice[device] = all = [];
            }

            all.AddRange(intervals);
        }

        var devices = busyByDevice.Select(p => new DeviceSummary(p.Key, Ms(Merge(p.Value).Sum(i => i.End - i.Start)))).OrderBy(dv => dv.Name, StringComparer.Ordinal).ToList();
        List<(double Start, double End)> cpu = Merge(busyByDevice.Where(p => p.Key.StartsWith("CPU", StringComparison.Ordinal)).SelectMany(p => p.Value));
        List<(double Start, double End)> gpu = Merge(busyByDevice.Where(p => p.Key.StartsWith("GPU", StringComparison.Ordinal)).SelectMany(p => p.Value));
        double overlap = Intersection(cpu, gpu);
        double shorter = Math.Min(cpu.Sum(i => i.End - i.Start), gpu.Sum(i => i.End - i.Start));
        IReadOnlyList<string> clocks = other.ValueKind == JsonValueKind.Object && other.TryGetProperty("clocks", out JsonElement c)
            ? c.EnumerateArray().Select(x => string.Create(CultureInfo.InvariantCulture, $"{Text(x, "device")}: {Text(x, "method")}, ±{x.GetProperty("uncertaintyNs").GetDouble() / 1000:0.###} µs")).ToList()
            : [];
        return new TraceSummary(path, Ms(duration), ops.Length, streams.OrderBy(s => s.Device, StringComparer.Ordinal).ThenBy(s => s.Stream, StringComparer.Ordinal).ToList(), devices,
            Ms(overlap), shorter > 0 ? Math.Round(100 * overlap / shorter, 1) : 0, Waits(events, ops, threads).OrderByDescending(w => w.Ms).Take(waits).ToList(), clocks);
    }

    /// <summary>
    /// Every wait: a CPU stream's worker blocked for another stream, a host thread blocked in <c>ToArray</c> or
    /// <c>Synchronize</c>, and a GPU stream idle before an op that had to wait (from the end of its previous op, or the
    /// op's queuing if later, to the op's start).
    /// </summary>
    private static IEnumerable<WaitSummary> Waits(JsonElement[] events, JsonElement[] ops, Dictionary<(int, int), string> threads)
    {
        foreach (JsonElement e in events.Where(e => Text(e, "ph") == "X"))
        {
            switch (Text(e, "cat"))
            {
                case "wait":
                    yield return new WaitSummary("stream wait", Text(e.GetProperty("args"), "consumer") ?? Text(e, "name")!,
                        string.Join(", ", e.GetProperty("args").GetProperty("waitedFor").EnumerateArray().Select(p => p.GetString())), Ms(End(e) - Start(e)));
                    break;
                case "host-wait":
                    yield return new WaitSummary("host wait", $"{Text(e, "name")} on {threads.GetValueOrDefault(Track(e), "a host thread")}",
                        Text(e.GetProperty("args"), "waitedFor") ?? "(work queued before the trace)", Ms(End(e) - Start(e)));
                    break;
            }
        }

        foreach (IGrouping<(int Pid, int Tid), JsonElement> track in ops.Where(o => !events.Any(w => Text(w, "cat") == "wait" && Track(w) == Track(o))).GroupBy(Track))
        {
            double previousEnd = double.NegativeInfinity;
            foreach (JsonElement op in track.OrderBy(Start))
            {
                JsonElement args = op.GetProperty("args");
                if (args.TryGetProperty("waitsFor", out JsonElement producers))
                {
                    double from = Math.Max(previousEnd, args.TryGetProperty("queuedUs", out JsonElement q) ? q.GetDouble() : double.NegativeInfinity);
                    if (Start(op) > from)
                    {
                        yield return new WaitSummary("stream idle before a wait", Text(args, "op") ?? Text(op, "name")!,
                            string.Join(", ", producers.EnumerateArray().Select(p => p.GetString())), Ms(Start(op) - from));
                    }
                }

                previousEnd = End(op);
            }
        }
    }

    private static JsonDocument Parse(string path)
    {
        try
        {
            using FileStream file = System.IO.File.OpenRead(path);
            return JsonDocument.Parse(file);
        }
        catch (JsonException invalid)
        {
            throw new InvalidDataException($"{path} is not JSON: {invalid.Message}", invalid);
        }
    }

    private static List<(double Start, double End)> Merge(IEnumerable<(double Start, double End)> intervals)
    {
        var merged = new List<(double Start, double End)>();
        foreach ((double start, double end) in intervals.OrderBy(i => i.Start))
        {
            if (merged.Count > 0 && start <= merged[^1].End)
            {
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, end));
            }
            else
            {
                merged.Add((start, end));
            }
        }

        return merged;
    }

    /// <summary>The length of the intersection of two sorted, disjoint interval lists.</summary>
    private static double Intersection(List<(double Start, double End)> a, List<(double Start, double End)> b)
    {
        double total = 0;
        for (int i = 0, j = 0; i < a.Count && j < b.Count;)
        {
            total += Math.Max(0, Math.Min(a[i].End, b[j].End) - Math.Max(a[i].Start, b[j].Start));
            if (a[i].End < b[j].End)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return total;
    }

    private static (int Pid, int Tid) Track(JsonElement e) => (Int(e, "pid"), Int(e, "tid"));

    private static double Start(JsonElement e) => e.GetProperty("ts").GetDouble();

    private static double End(JsonElement e) => Start(e) + (e.TryGetProperty("dur", out JsonElement d) ? d.GetDouble() : 0);

    private static int Int(JsonElement e, string name) => e.TryGetProperty(name, out JsonElement v) ? v.GetInt32() : 0;

    private static string? Text(JsonElement e, string name) => e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static double Ms(double microseconds) => Math.Round(microseconds / 1000, 3);
}

/// <summary>One stream's work.</summary>
/// <param name="Stream">Its name (<c>gpu stream 2</c>).</param>
/// <param name="Device">Its device.</param>
/// <param name="Ops">Ops it ran.</param>
/// <param name="BusyMs">Time it ran an op.</param>
/// <param name="BusyPercent">That time as a share of the trace.</param>
internal sealed record StreamSummary(string Stream, string Device, int Ops, double BusyMs, double BusyPercent);

/// <summary>One device's work: the union of its streams' busy times.</summary>
/// <param name="Name">The device.</param>
/// <param name="BusyMs">Time at least one of its streams ran an op.</param>
internal sealed record DeviceSummary(string Name, double BusyMs);

/// <summary>A wait.</summary>
/// <param name="Kind">"stream wait", "host wait" or "stream idle before a wait".</param>
/// <param name="Waiter">What waited.</param>
/// <param name="WaitedFor">What it waited for.</param>
/// <param name="Ms">How long.</param>
internal sealed record WaitSummary(string Kind, string Waiter, string WaitedFor, double Ms);

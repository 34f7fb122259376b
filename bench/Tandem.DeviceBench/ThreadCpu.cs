using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Tandem.DeviceBench;

/// <summary>
/// Each thread's CPU time from Linux's <c>/proc/self/task/*/schedstat</c> and <c>status</c>: which thread of a chain
/// (the issuing one, a stream's worker, its completion thread) is busy all the time and so sets the pace, and whether
/// one that is not blocks (voluntary context switches) or waits for a CPU (time runnable but not running, involuntary
/// switches). Empty where /proc is missing.
/// </summary>
internal static class ThreadCpu
{
    /// <summary>A thread's counters so far: nanoseconds on a CPU and runnable without one, and its context switches.</summary>
    public readonly record struct Counters(string Name, long OnCpu, long RunDelay, long Voluntary, long Involuntary);

    /// <summary>The counters of every thread of this process.</summary>
    public static Dictionary<int, Counters> Snapshot()
    {
        var threads = new Dictionary<int, Counters>();
        if (!Directory.Exists("/proc/self/task"))
        {
            return threads;
        }

        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                var id = int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture);
                var name = File.ReadAllText(Path.Combine(task, "comm")).Trim();
                var (onCpu, runDelay) = Schedstat(Path.Combine(task, "schedstat"));
                var status = File.ReadAllLines(Path.Combine(task, "status"));
                threads[id] = new Counters(name, onCpu, runDelay, StatusField(status, "voluntary_ctxt_switches"), StatusField(status, "nonvoluntary_ctxt_switches"));
            }
            catch (IOException)
            {
                // The thread ended meanwhile.
            }
        }

        return threads;
    }

    /// <summary>
    /// The most CPU time any thread spent per op since <paramref name="before"/> (µs), and in <paramref name="summary"/>
    /// every thread that spent at least a tenth of that, as "name tid: µs on a CPU per op, µs runnable without one per
    /// op, voluntary/involuntary context switches per 1,000 ops".
    /// </summary>
    public static double Busiest(Dictionary<int, Counters> before, int ops, out string summary)
    {
        double perOp = 1.0 / Math.Max(1, ops);
        var spent = Snapshot()
            .Select(now =>
            {
                var then = before.TryGetValue(now.Key, out var earlier) ? earlier : new Counters(now.Value.Name, 0, 0, 0, 0);
                return (now.Key, now.Value.Name, OnCpu: (now.Value.OnCpu - then.OnCpu) / 1e3 * perOp, RunDelay: (now.Value.RunDelay - then.RunDelay) / 1e3 * perOp,
                    Voluntary: (now.Value.Voluntary - then.Voluntary) * 1e3 * perOp, Involuntary: (now.Value.Involuntary - then.Involuntary) * 1e3 * perOp);
            })
            .OrderByDescending(thread => thread.OnCpu)
            .ToList();
        if (spent.Count == 0)
        {
            summary = "no /proc here";
            return 0;
        }

        summary = string.Join(", ", spent.TakeWhile(thread => thread.OnCpu >= spent[0].OnCpu / 10)
            .Select(thread => string.Create(CultureInfo.InvariantCulture,
                $"{thread.Name} {thread.Key}: {thread.OnCpu:F3} on a CPU, {thread.RunDelay:F3} runnable, switches {thread.Voluntary:F1}/{thread.Involuntary:F1} per 1000 ops")));
        return spent[0].OnCpu;
    }

    /// <summary>The first two fields of a <c>schedstat</c> file: nanoseconds on a CPU, and runnable waiting for one.</summary>
    private static (long OnCpu, long RunDelay) Schedstat(string path)
    {
        var fields = File.ReadAllText(path).Split(' ');
        return (long.Parse(fields[0], CultureInfo.InvariantCulture), long.Parse(fields[1], CultureInfo.InvariantCulture));
    }

    /// <summary>A numeric field of a <c>status</c> file ("name:\tvalue"); 0 when missing.</summary>
    private static long StatusField(string[] status, string name)
    {
        var line = status.FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line[(name.Length + 1)..].Trim(), CultureInfo.InvariantCulture);
    }
}

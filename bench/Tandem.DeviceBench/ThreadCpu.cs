using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Tandem.DeviceBench;

/// <summary>
/// Each thread's CPU time from Linux's <c>/proc/self/task/*/schedstat</c>: which thread of a chain (the issuing one, a
/// stream's worker, its completion thread) is busy all the time and so sets the pace. Empty where /proc is missing.
/// </summary>
internal static class ThreadCpu
{
    /// <summary>Nanoseconds on a CPU so far, and the name, of every thread of this process.</summary>
    public static Dictionary<int, (string Name, long Nanoseconds)> Snapshot()
    {
        var threads = new Dictionary<int, (string, long)>();
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
                threads[id] = (name, OnCpu(Path.Combine(task, "schedstat")));
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
    /// every thread that spent at least a tenth of that, as "name tid: µs/op".
    /// </summary>
    public static double Busiest(Dictionary<int, (string Name, long Nanoseconds)> before, int ops, out string summary)
    {
        var spent = Snapshot()
            .Select(now => (now.Key, now.Value.Name, Microseconds: (now.Value.Nanoseconds - (before.TryGetValue(now.Key, out var then) ? then.Nanoseconds : 0)) / 1e3 / Math.Max(1, ops)))
            .OrderByDescending(thread => thread.Microseconds)
            .ToList();
        if (spent.Count == 0)
        {
            summary = "no /proc here";
            return 0;
        }

        summary = string.Join(", ", spent.TakeWhile(thread => thread.Microseconds >= spent[0].Microseconds / 10)
            .Select(thread => string.Create(CultureInfo.InvariantCulture, $"{thread.Name} {thread.Key}: {thread.Microseconds:F3}")));
        return spent[0].Microseconds;
    }

    /// <summary>The calling thread's CPU time so far in nanoseconds (0 where /proc is missing).</summary>
    public static long Current()
    {
        const string Own = "/proc/thread-self/schedstat";
        return File.Exists(Own) ? OnCpu(Own) : 0;
    }

    /// <summary>The first field of a <c>schedstat</c> file: nanoseconds spent on a CPU.</summary>
    private static long OnCpu(string schedstat) =>
        long.Parse(File.ReadAllText(schedstat).Split(' ')[0], CultureInfo.InvariantCulture);
}

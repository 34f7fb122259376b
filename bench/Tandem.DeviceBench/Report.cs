using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;

namespace Tandem.DeviceBench;

/// <summary>Result lines, output checks and timing helpers shared by the measurements.</summary>
internal static class Report
{
    public static List<string> Lines { get; } = new();

    /// <summary>The checks that found a wrong output; the program exits non-zero when there is one.</summary>
    public static List<string> Wrong { get; } = new();

    /// <summary>Prints "CHECK what ok" or "CHECK what WRONG: failure" (<paramref name="failure"/> null: the output is right).</summary>
    public static void Check(string what, string? failure)
    {
        var line = failure is null ? $"CHECK {what} ok" : $"CHECK {what} WRONG: {failure}";
        Console.WriteLine(line);
        if (failure is not null)
        {
            Wrong.Add(line);
        }
    }

    public static void Result(string key, double value, string unit, string note = "")
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"RESULT {key} {value:G6} {unit} {note}").TrimEnd();
        Console.WriteLine(line);
        Lines.Add(line);
    }

    /// <summary>Runs <paramref name="action"/> for at least <paramref name="warmupSeconds"/> (the JIT tiers up with time, not calls), then returns the median of <paramref name="runs"/> timed runs in milliseconds.</summary>
    public static double MedianMs(Action action, int runs, double warmupSeconds = 1.0)
    {
        var warmup = Stopwatch.StartNew();
        do
        {
            action();
        }
        while (warmup.Elapsed.TotalSeconds < warmupSeconds);

        var times = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            action();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        return Median(times);
    }

    /// <summary>The middle value of <paramref name="values"/> (the upper one of an even count), sorting them in place.</summary>
    public static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}

using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Tandem.Cli;

/// <summary><c>tandem trace &lt;file&gt;</c>: a text (or JSON) summary of a timeline trace.</summary>
internal static class TraceCommand
{
    public static Command Create(TextWriter output)
    {
        var file = new Argument<FileInfo>("file") { Description = "A trace written by Mx.Trace.Stop(path) or TANDEM_TRACE=path." };
        var top = new Option<int>("--waits") { Description = "How many of the longest waits to list.", DefaultValueFactory = _ => 10 };
        Option<bool> json = TandemCommand.JsonOption();
        var command = new Command("trace", "Summarize a trace: each stream's busy time, how long CPU and GPU worked at once, the longest waits and what they waited for.")
        {
            file,
            top,
            json,
        };
        command.SetAction(parsed =>
        {
            FileInfo path = parsed.GetValue(file)!;
            if (!path.Exists)
            {
                parsed.InvocationConfiguration.Error.WriteLine($"No such trace: {path.FullName}");
                return ExitCodes.Failure;
            }

            TraceSummary summary;
            try
            {
                summary = TraceSummary.Read(path.FullName, parsed.GetValue(top));
            }
            catch (InvalidDataException invalid)
            {
                parsed.InvocationConfiguration.Error.WriteLine(invalid.Message);
                return ExitCodes.Failure;
            }

            output.WriteLine(parsed.GetValue(json) ? CliJson.Write(summary, CliJson.Default.TraceSummary) : Text(summary));
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Text(TraceSummary s)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        text.WriteLine($"{s.File}: {s.DurationMs:0.###} ms, {s.Ops} ops");
        text.WriteLine();
        text.WriteLine($"{"stream",-16} {"device",-40} {"ops",7} {"busy ms",10} {"busy",6}");
        foreach (StreamSummary stream in s.Streams)
        {
            text.WriteLine($"{stream.Stream,-16} {Shorten(stream.Device, 40),-40} {stream.Ops,7} {stream.BusyMs,10:0.###} {stream.BusyPercent,5:0.#}%");
        }

        text.WriteLine();
        foreach (DeviceSummary device in s.Devices)
        {
            text.WriteLine($"{device.Name}: busy {device.BusyMs:0.###} ms");
        }

        text.WriteLine($"CPU and GPU both busy: {s.CpuGpuOverlapMs:0.###} ms ({s.CpuGpuOverlapPercent:0.#}% of the less busy device's time)");
        text.WriteLine();
        text.WriteLine(s.LongestWaits.Count == 0 ? "No waits." : "Longest waits:");
        foreach (WaitSummary wait in s.LongestWaits)
        {
            text.WriteLine($"{wait.Ms,10:0.###} ms  {wait.Kind}: {wait.Waiter} waited for {wait.WaitedFor}");
        }

        if (s.Clocks.Count > 0)
        {
            text.WriteLine();
            text.WriteLine("GPU times: " + string.Join("; ", s.Clocks));
        }

        return text.ToString().TrimEnd();
    }

    private static string Shorten(string text, int width) => text.Length <= width ? text : string.Concat(text.AsSpan(0, width - 1), "…");
}

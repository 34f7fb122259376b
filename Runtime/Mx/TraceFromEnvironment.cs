using System;
using System.Runtime.CompilerServices;

namespace Tandem;

/// <summary><c>TANDEM_TRACE=path</c>: traces the whole run, written when the process exits.</summary>
internal static class TraceFromEnvironment
{
    /// <summary>The environment variable naming the file a whole-run trace goes to.</summary>
    public const string Variable = "TANDEM_TRACE";

#pragma warning disable CA2255 // The trace must start before user code queues its first op.
    [ModuleInitializer]
    internal static void StartIfAsked()
#pragma warning restore CA2255
    {
        string? path = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(path))
        {
            return;
        }

        Mx.Trace.Start();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            if (!Mx.Trace.IsRecording)
            {
                return; // the program stopped it itself
            }

            try
            {
                Mx.Trace.Stop(path);
                Console.Error.WriteLine($"Tandem: trace written to {path} ({Variable}).");
            }
#pragma warning disable CA1031 // At exit there is no caller to throw to: say why the trace is missing instead.
            catch (Exception failure)
#pragma warning restore CA1031
            {
                Console.Error.WriteLine($"Tandem: the trace for {Variable}={path} was not written: {failure.Message}");
            }
        };
    }
}

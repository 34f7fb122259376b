using System;
using System.Threading;

namespace Tandem.Tracing;

/// <summary>
/// The trace being recorded, if any. Every hook in the runtime reads <see cref="Active"/> once and does nothing more
/// when it is null: tracing off costs one field read per op.
/// </summary>
internal static class TraceRecorder
{
    private static TraceSession? s_active;

    /// <summary>The session recording now, or null.</summary>
    public static TraceSession? Active => Volatile.Read(ref s_active);

    /// <summary>Starts a session.</summary>
    /// <exception cref="InvalidOperationException">A trace is being recorded already.</exception>
    public static void Start()
    {
        if (Interlocked.CompareExchange(ref s_active, new TraceSession(), null) is not null)
        {
            throw new InvalidOperationException("A trace is being recorded already: call Mx.Trace.Stop(path) before starting another.");
        }
    }

    /// <summary>Ends the session and returns it; ops queued from now on are not recorded.</summary>
    /// <exception cref="InvalidOperationException">No trace is being recorded.</exception>
    public static TraceSession Stop()
    {
        TraceSession session = Interlocked.Exchange(ref s_active, null)
            ?? throw new InvalidOperationException("No trace is being recorded: call Mx.Trace.Start() first (or set TANDEM_TRACE).");
        session.Stop();
        return session;
    }
}

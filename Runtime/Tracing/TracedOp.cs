using System.Diagnostics;

namespace Tandem.Tracing;

/// <summary>
/// One op of a trace: queued by the scheduler, then filled in by its stream's executor. Times are host ticks
/// (<see cref="Stopwatch.GetTimestamp"/>); 0 means "did not happen" (an op that was skipped never ran). The executor
/// writes each field from one thread before the op's completion is signalled; the writer reads them after waiting for
/// that completion, so no field needs a lock.
/// </summary>
internal sealed class TracedOp
{
    public TracedOp(TraceSession session, DeviceStream stream, ulong sequence, string name, Index3D extent, long queued, TracedProducer[] waitsFor)
    {
        Session = session;
        Stream = stream;
        Sequence = sequence;
        Name = name;
        Extent = extent;
        Queued = queued;
        WaitsFor = waitsFor;
    }

    /// <summary>The trace it belongs to (a GPU batch that completes after the trace stopped still reports there).</summary>
    public TraceSession Session { get; }

    /// <summary>The stream the op runs on.</summary>
    public DeviceStream Stream { get; }

    /// <summary>Its number on the stream.</summary>
    public ulong Sequence { get; }

    /// <summary>The kernel's name.</summary>
    public string Name { get; }

    /// <summary>Threads along each axis.</summary>
    public Index3D Extent { get; }

    /// <summary>When the launch was queued.</summary>
    public long Queued { get; }

    /// <summary>The other streams' ops the scheduler made it wait for (the inserted cross-stream waits).</summary>
    public TracedProducer[] WaitsFor { get; }

    /// <summary>When the executor began and ended waiting for <see cref="WaitsFor"/> on its own thread.</summary>
    public long WaitStart { get; set; }

    /// <inheritdoc cref="WaitStart"/>
    public long WaitEnd { get; set; }

    /// <summary>When the executor's thread began and ended the op: ran it (CPU), or recorded it (GPU).</summary>
    public long HostStart { get; set; }

    /// <inheritdoc cref="HostStart"/>
    public long HostEnd { get; set; }

    /// <summary>When the device ran it, converted to host ticks (GPU timestamps); 0 when the device gave no times.</summary>
    public long DeviceStart { get; set; }

    /// <inheritdoc cref="DeviceStart"/>
    public long DeviceEnd { get; set; }

    /// <summary>
    /// The device's own start time where it lies before <see cref="DeviceStart"/>: a dispatch the GPU began while the
    /// one before it still ran (independent dispatches of one batch may overlap); the trace draws it from that one's end.
    /// </summary>
    public long DeviceStartOverlapped { get; set; }

    /// <summary>The batch the op was submitted in (GPU streams).</summary>
    public TracedBatch? Batch { get; set; }

    /// <summary>Null when the op ran; else "failed" or "skipped" (an input's writer failed).</summary>
    public string? Outcome { get; set; }

    /// <summary>How messages and the trace's flows name it.</summary>
    public override string ToString() => $"{Name} @ {Stream.Device.ShortName} stream {Stream.Index} #{Sequence}";
}

/// <summary>An op another one waits for, by its stream and number; the writer finds its <see cref="TracedOp"/>.</summary>
/// <param name="Stream">The producer's stream.</param>
/// <param name="Sequence">Its number there.</param>
/// <param name="Name">Its kernel's name (for producers queued before the trace started).</param>
internal readonly record struct TracedProducer(DeviceStream Stream, ulong Sequence, string Name);

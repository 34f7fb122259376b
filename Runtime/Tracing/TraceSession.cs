using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;

namespace Tandem.Tracing;

/// <summary>
/// What one trace recorded, from <see cref="TraceRecorder.Start"/> to <see cref="TraceRecorder.Stop"/>. Any thread
/// adds to it (launching threads, stream workers, completion threads); the collections are lock-free queues.
/// </summary>
internal sealed class TraceSession
{
    private readonly ConcurrentQueue<TracedOp> _ops = new();
    private readonly ConcurrentQueue<TracedBatch> _batches = new();
    private readonly ConcurrentQueue<TracedHostWait> _hostWaits = new();
    private readonly ConcurrentQueue<TracedTransfer> _transfers = new();
    private readonly ConcurrentDictionary<Device, TracedClock> _clocks = new();
    private long _stopped;

    /// <summary>The host tick the trace's time 0 stands for.</summary>
    public long Started { get; } = Stopwatch.GetTimestamp();

    /// <summary>When the trace stopped; 0 while it records.</summary>
    public long Stopped => Interlocked.Read(ref _stopped);

    public IReadOnlyCollection<TracedOp> Ops => _ops;

    public IReadOnlyCollection<TracedBatch> Batches => _batches;

    public IReadOnlyCollection<TracedHostWait> HostWaits => _hostWaits;

    public IReadOnlyCollection<TracedTransfer> Transfers => _transfers;

    public IReadOnlyCollection<TracedClock> Clocks => (IReadOnlyCollection<TracedClock>)_clocks.Values;

    /// <summary>Records a queued op; its executor fills in the rest.</summary>
    public TracedOp Queued(DeviceStream stream, ulong sequence, string name, Index3D extent, TracedProducer[] waitsFor)
    {
        var op = new TracedOp(this, stream, sequence, name, extent, Stopwatch.GetTimestamp(), waitsFor);
        _ops.Enqueue(op);
        return op;
    }

    public void Add(TracedBatch batch) => _batches.Enqueue(batch);

    public void Add(TracedTransfer transfer) => _transfers.Enqueue(transfer);

    /// <summary>Records a host thread's wait that began at <paramref name="start"/> and ends now.</summary>
    public void HostWaited(string kind, long start, TracedProducer? waitedFor)
    {
        Thread thread = Thread.CurrentThread;
        _hostWaits.Enqueue(new TracedHostWait(kind, thread.ManagedThreadId, thread.Name, start, Stopwatch.GetTimestamp(), waitedFor));
    }

    /// <summary>Notes how a device's times were converted (once per device and trace).</summary>
    public void Describe(TracedClock clock) => _clocks.TryAdd(clock.Device, clock);

    /// <summary>Marks the end of the recording.</summary>
    public void Stop() => Interlocked.CompareExchange(ref _stopped, Stopwatch.GetTimestamp(), 0);

    /// <summary>The traced ops by stream index and number, for flows.</summary>
    public Dictionary<(int Stream, ulong Sequence), TracedOp> OpsByKey()
        => _ops.ToDictionary(op => (op.Stream.Index, op.Sequence));
}

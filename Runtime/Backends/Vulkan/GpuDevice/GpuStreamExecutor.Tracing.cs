using System;
using System.Collections.Generic;
using System.Diagnostics;
using Tandem.Backends.Vulkan.Compute;
using Tandem.Tracing;

namespace Tandem.Backends.Vulkan.GpuDevice;

/// <summary>
/// The GPU's part of tracing: a traced op's dispatch is bracketed by two timestamp queries in its batch; when the
/// batch completed, the ticks are read, turned into host time (<see cref="GpuClock"/>, anchored once per trace) and
/// written into the op's <see cref="TracedOp"/>, with the batch's submission and completion times. Untraced ops cost
/// one null check.
/// </summary>
internal sealed partial class GpuStreamExecutor
{
    /// <summary>The most ops of one batch that get device times (each takes two queries).</summary>
    private const int MaxTimedOpsPerBatch = 1024;

    private readonly Stack<TimestampQueries> _freeQueries = new();
    private BatchTiming? _timing;
    private int _timestampBits = -1;
    private (TraceSession Session, GpuClock Clock)? _clock;

    /// <summary>Writes the start timestamp of a traced op's dispatch; returns its query index, or -1 when not timed.</summary>
    private int BeginTimedDispatch(TracedOp traced)
    {
        if (_timing is null)
        {
            if (_timestampBits < 0)
            {
                _timestampBits = GpuClock.TimestampBits(_backend.Context);
            }

            if (_timestampBits == 0)
            {
                return -1; // the op keeps its host times
            }

            if (_clock is not { } clock || clock.Session != traced.Session)
            {
                clock = (traced.Session, GpuClock.Calibrate(_backend.Context));
                _clock = clock;
                traced.Session.Describe(new TracedClock(Stream.Device, clock.Clock.Method, clock.Clock.UncertaintyNanoseconds));
            }

            TimestampQueries queries = TakeQueries();
            _recorder.ResetQueries(queries);
            _timing = new BatchTiming(traced.Session, clock.Clock, queries);
        }

        if (_timing.Ops.Count >= _timing.Queries.Count / 2)
        {
            return -1;
        }

        int first = _timing.Ops.Count * 2;
        _recorder.WriteTimestamp(_timing.Queries, first, afterWork: false);
        return first;
    }

    /// <summary>Writes the end timestamp of a dispatch <see cref="BeginTimedDispatch"/> started (also when recording it failed).</summary>
    private void EndTimedDispatch(TracedOp traced, int first)
    {
        _recorder.WriteTimestamp(_timing!.Queries, first + 1, afterWork: true);
        _timing.Ops.Add(traced);
    }

    /// <summary>The timing of the batch about to be submitted, stamped with its submission time; null when untimed.</summary>
    private BatchTiming? TakeTiming()
    {
        BatchTiming? timing = _timing;
        _timing = null;
        timing?.Submitted = Stopwatch.GetTimestamp();
        return timing;
    }

    /// <summary>Fills in the device times of a completed batch's ops; called once per batch, before the timeline passes it.</summary>
    private void FinishTiming(InFlightBatch batch)
    {
        if (batch.Timing is not { } timing)
        {
            return;
        }

        long completed = Stopwatch.GetTimestamp();
        var ticks = new ulong[timing.Ops.Count * 2];
        timing.Queries.Read(ticks);
        long previousEnd = long.MinValue;
        for (int i = 0; i < timing.Ops.Count; i++)
        {
            TracedOp op = timing.Ops[i];
            long start = timing.Clock.ToHost(ticks[2 * i]);
            long end = timing.Clock.ToHost(ticks[(2 * i) + 1]);
            if (start < previousEnd)
            {
                // Dispatches of one batch without a barrier between them may overlap: draw this one from the end of
                // the one before (a stream's track shows one op at a time) and keep the device's own start beside it.
                op.DeviceStartOverlapped = start;
                start = previousEnd;
            }

            op.DeviceStart = start;
            op.DeviceEnd = Math.Max(start, end);
            previousEnd = op.DeviceEnd;
        }

        var traced = new TracedBatch(Stream, batch.Value, timing.Submitted, completed, timing.Ops.Count);
        foreach (TracedOp op in timing.Ops)
        {
            op.Batch = traced;
        }

        timing.Session.Add(traced);
        ReturnQueries(timing);
    }

    /// <summary>Gives the queries of a batch that will not be read (never submitted, or lost with the device) back.</summary>
    private void ReturnQueries(BatchTiming? timing)
    {
        if (timing is null)
        {
            return;
        }

        lock (_freeQueries)
        {
            _freeQueries.Push(timing.Queries);
        }
    }

    private TimestampQueries TakeQueries()
    {
        lock (_freeQueries)
        {
            if (_freeQueries.TryPop(out TimestampQueries? queries))
            {
                return queries;
            }
        }

        return new TimestampQueries(_backend.Context, 2 * Math.Min(_batchOps, MaxTimedOpsPerBatch));
    }

    /// <summary>Destroys the query pools; the stream is drained.</summary>
    private void DisposeTiming()
    {
        ReturnQueries(_timing);
        _timing = null;
        lock (_freeQueries)
        {
            while (_freeQueries.TryPop(out TimestampQueries? queries))
            {
                queries.Dispose();
            }
        }
    }

    /// <summary>The timestamps of one batch's traced ops.</summary>
    private sealed class BatchTiming(TraceSession session, GpuClock clock, TimestampQueries queries)
    {
        public TraceSession Session { get; } = session;

        public GpuClock Clock { get; } = clock;

        public TimestampQueries Queries { get; } = queries;

        /// <summary>The ops timed, in dispatch order: op i wrote queries 2i and 2i + 1.</summary>
        public List<TracedOp> Ops { get; } = [];

        public long Submitted { get; set; }
    }
}

using System;
using System.Collections.Generic;
using System.Threading;
using Tandem.Scheduling;
using Tandem.Vulkan;

namespace Tandem.Gpu;

/// <summary>
/// The completion side: batches in flight, a thread that waits for each and releases its buffers, and what happens
/// when the device is lost (every op in flight fails, naming its kernel, and the timeline passes them so no waiter hangs).
/// </summary>
internal sealed partial class GpuStreamExecutor
{
    private readonly Queue<InFlightBatch> _inFlight = new();
    private readonly object _inFlightGate = new();
    private volatile Exception? _lost;

    private void StartCompletionThread()
    {
        var completer = new Thread(RunCompletion) { IsBackground = true, Name = $"Tandem {_stream.Description} completion" };
        completer.Start();
    }

    private void AddInFlight(InFlightBatch batch)
    {
        lock (_inFlightGate)
        {
            _inFlight.Enqueue(batch);
            Monitor.Pulse(_inFlightGate);
        }
    }

    private void RunCompletion()
    {
        while (true)
        {
            ulong oldest;
            lock (_inFlightGate)
            {
                while (_inFlight.Count == 0)
                {
                    Monitor.Wait(_inFlightGate);
                }

                oldest = _inFlight.Peek().Value;
            }

            try
            {
                _compute.Timeline.Wait(oldest);
            }
            catch (VulkanException lost)
            {
                Abandon(lost);
                continue;
            }

            Reclaim(oldest);
        }
    }

    /// <summary>
    /// The value signalled by the submitted batch that holds op <paramref name="value"/>, or 0 when that batch already
    /// completed. Waits use it rather than the op's own value: the batch completes as a whole anyway, and the Khronos
    /// validation layer (1.3.239) stalls 10 s and reports UNASSIGNED-VkSemaphore-state-timeout when a wait names a
    /// value no submission signals exactly.
    /// </summary>
    public ulong SignalCovering(ulong value)
    {
        lock (_inFlightGate)
        {
            foreach (InFlightBatch batch in _inFlight)
            {
                if (batch.Value >= value)
                {
                    return batch.Value;
                }
            }

            return 0;
        }
    }

    /// <summary>Releases the buffers of every batch up to <paramref name="reached"/> and advances the timeline past them.</summary>
    private void Reclaim(ulong reached)
    {
        lock (_inFlightGate)
        {
            while (_inFlight.Count > 0 && _inFlight.Peek().Value <= reached)
            {
                foreach (ScheduledOp op in _inFlight.Dequeue().Ops)
                {
                    op.ReleaseBuffers();
                }
            }

            // After the release, so a host that saw the value also sees the memory of disposed arrays released.
            _timeline.Advance(reached);
        }
    }

    /// <summary>The device is lost: fail every op in flight (naming its kernel) and let the timeline pass them.</summary>
    private void Abandon(Exception lost)
    {
        Exception cause = lost;
        _lost ??= cause;
        lock (_inFlightGate)
        {
            ulong upTo = 0;
            while (_inFlight.TryDequeue(out InFlightBatch? batch))
            {
                foreach (ScheduledOp op in batch.Ops)
                {
                    FailWithDevice(op, cause);
                    op.ReleaseBuffers();
                }

                upTo = batch.Value;
            }

            _timeline.Advance(upTo);
        }
    }

    /// <summary>A submitted batch: the value it signals and the ops it holds buffers for.</summary>
    private sealed record InFlightBatch(ulong Value, ScheduledOp[] Ops);
}

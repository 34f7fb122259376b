using System;
using System.Collections.Generic;
using System.Threading;
using Tandem.Backends.Vulkan.Compute;
using Tandem.Scheduling;

namespace Tandem.Backends.Vulkan.GpuDevice;

/// <summary>
/// The completion side: batches in flight, a thread that waits for each and releases its buffers, and what happens
/// when the device is lost (every op in flight fails, naming its kernel, and the timeline passes them so no waiter hangs).
/// </summary>
internal sealed partial class GpuStreamExecutor
{
    private readonly Queue<InFlightBatch> _inFlight = new();
    private readonly object _inFlightGate = new();
    private ulong _lastInFlightValue;

    private readonly Thread _completer;
    private bool _completionStopping;

    private Thread StartCompletionThread()
    {
        var completer = new Thread(RunCompletion) { IsBackground = true, Name = $"Tandem {Stream.Description} completion" };
        completer.Start();
        return completer;
    }

    /// <summary>Ends the completion thread; every batch completed already (the stream was drained).</summary>
    private void StopCompletionThread()
    {
        lock (_inFlightGate)
        {
            _completionStopping = true;
            Monitor.Pulse(_inFlightGate);
        }

        _completer.Join();
    }

    private void AddInFlight(InFlightBatch batch)
    {
        lock (_inFlightGate)
        {
            _inFlight.Enqueue(batch);
            _lastInFlightValue = batch.Value;
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
                    if (_completionStopping)
                    {
                        return;
                    }

                    Monitor.Wait(_inFlightGate);
                }

                oldest = _inFlight.Peek().Value;
            }

            try
            {
                _recorder.Timeline.Wait(oldest);
            }
            catch (VulkanDeviceLostException lost)
            {
                Abandon(_backend.Loss.Report(lost));
                continue;
            }
            catch (Exception transient) when (transient is VulkanException or OutOfMemoryException)
            {
                // vkWaitSemaphores ran out of host memory: the batch still runs on the GPU, so its buffers stay held;
                // wait again a moment later.
                Thread.Sleep(1);
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
    internal ulong SignalCovering(ulong value)
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
                InFlightBatch batch = _inFlight.Dequeue();
                FinishTiming(batch);
                foreach (ScheduledOp op in batch.Ops)
                {
                    op.ReleaseBuffers();
                }
            }

            // After the release, so a host that saw the value also sees the memory of disposed arrays released.
            _timeline.Advance(reached);
        }
    }

    /// <summary>
    /// Waits until every submitted batch completed and releases their buffers; the worker calls it before it completes
    /// ops that never reached the GPU, so the timeline does not pass batches that still run.
    /// </summary>
    private void DrainInFlight()
    {
        ulong last;
        lock (_inFlightGate)
        {
            last = _inFlight.Count == 0 ? 0 : _lastInFlightValue;
        }

        if (last == 0)
        {
            return;
        }

        try
        {
            _recorder.Timeline.Wait(last);
            Reclaim(last);
        }
        catch (VulkanDeviceLostException lost)
        {
            Abandon(_backend.Loss.Report(lost));
        }
    }

    /// <summary>
    /// The device is lost (<paramref name="cause"/>): fail every op in flight (naming its kernel) and let the timeline
    /// pass them.
    /// </summary>
    private void Abandon(Exception cause)
    {
        lock (_inFlightGate)
        {
            ulong upTo = 0;
            while (_inFlight.TryDequeue(out InFlightBatch? batch))
            {
                ReturnQueries(batch.Timing);
                foreach (ScheduledOp op in batch.Ops)
                {
                    FailUnlessFailed(op, cause);
                    op.ReleaseBuffers();
                }

                upTo = batch.Value;
            }

            _timeline.Advance(upTo);
        }
    }

    /// <summary>A submitted batch: the value it signals, the ops it holds buffers for, and their timestamps when traced.</summary>
    private sealed record InFlightBatch(ulong Value, ScheduledOp[] Ops, BatchTiming? Timing);
}

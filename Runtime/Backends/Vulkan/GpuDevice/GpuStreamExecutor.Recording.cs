using System;
using Tandem.Abi;
using Tandem.Backends.Vulkan.Compute;
using Tandem.CompilerServices;
using Tandem.Memory;
using Tandem.Scheduling;
using Tandem.Tracing;

namespace Tandem.Backends.Vulkan.GpuDevice;

/// <summary>The worker's side: waits, the failed-input check, recording a dispatch, submitting a batch.</summary>
internal sealed partial class GpuStreamExecutor
{
    private void Process(ScheduledOp op)
    {
        Execute(op);
        // Skipped and failed ops ride along in the batch too: its signal passes them, and then their buffers go.
        _recording.Add(op);
    }

    protected override void AwaitDependencies(ScheduledOp op)
    {
        if (_backend.Loss.Cause is { } lost)
        {
            throw lost;
        }

        foreach (Event other in op.Waits)
        {
            Await(other);
        }
    }

    /// <summary>Makes the batch being recorded respect another stream's op.</summary>
    private void Await(Event other)
    {
        if (other.IsCompleted)
        {
            return;
        }

        if (other.Timeline is GpuTimeline gpu && gpu.Backend == _backend)
        {
            if (!gpu.IsSubmitted(other.Value))
            {
                // Never block while holding recorded work: the other stream may be waiting for it.
                SubmitPending();
            }

            // Its outcome is known once it is submitted (ops fail before their batch is submitted). A failed op did not
            // run: nothing to order against, and the failed-input check deals with it. Otherwise the device waits, not
            // this thread.
            ulong signal = gpu.EnsureSubmitted(other.Value);
            if (other.Error is null && signal != 0)
            {
                _recorder.WaitFor(gpu.Semaphore, signal);
            }

            return;
        }

        // A CPU stream's op: wait for it here (its outcome decides whether this op runs), after submitting what was
        // recorded so far, so a CPU op that waits for this stream can proceed meanwhile.
        SubmitPending();
        other.Wait();
    }

    protected override void Run(ScheduledOp op)
    {
        KernelLaunch launch = op.Launch;
        UnifiedArray[] arrays = launch.Arrays;
        bool wide = WideEntryPoint.Fits(launch.Kernel, launch.Extent, arrays);
        ComputePipeline pipeline = _backend.Pipelines.Get(launch.Kernel, wide);
        if (_bindings.Length < arrays.Length)
        {
            _bindings = new BufferBinding[arrays.Length];
        }

        for (int i = 0; i < arrays.Length; i++)
        {
            UnifiedArray array = arrays[i];
            bool writes = launch.Kernel.Buffers[i].Writes;
            var allocation = GpuAllocation.Of(array.Buffer.PrepareDeviceAccess(writes, this));
            if (writes)
            {
                allocation.LastWriter = _recorder;
            }

            BufferSlice slice = allocation.Slice;

            // A view binds from its first element; ViewBinding made sure that is on the device's alignment.
            ulong viewOffset = (ulong)array.Offset * (ulong)array.ElementSize;
            _bindings[i] = new BufferBinding(slice.Buffer, slice.Offset + viewOffset, (ulong)array.Length * (ulong)array.ElementSize, array.Length);
        }

        bool barrier = _hazards.NeedsBarrier(launch);
        TracedOp? traced = op.Trace;
        int timed = traced is null ? -1 : BeginTimedDispatch(traced);
        try
        {
            _recorder.Dispatch(pipeline, launch.Kernel.Rank, launch.Extent, _bindings.AsSpan(0, arrays.Length), launch.Uniforms, barrier,
                wide ? KernelAbi.WideElementsPerThread : 1);
        }
        finally
        {
            if (timed >= 0)
            {
                EndTimedDispatch(traced!, timed);
            }
        }
    }

    void IDeviceTransfers.Upload(DeviceMemory destination, nint source, long bytes)
        => AwaitTransfer(_backend.Transfer.Upload(GpuAllocation.Of(destination), source, bytes));

    void IDeviceTransfers.FillZeros(DeviceMemory destination, long bytes)
        => AwaitTransfer(_backend.Transfer.FillZeros(GpuAllocation.Of(destination), bytes));

    /// <summary>Orders this batch after the transfer stream's work up to <paramref name="value"/> (0: nothing pending).</summary>
    private void AwaitTransfer(ulong value)
    {
        if (value > 0)
        {
            _recorder.WaitFor(_backend.Transfer.Recorder!, value);
        }
    }

    /// <summary>Submits the recorded ops as one batch signalling the last one's sequence number.</summary>
    private void SubmitPending()
    {
        if (_recording.Count == 0)
        {
            return;
        }

        ScheduledOp[] ops = _recording.ToArray();
        ulong value = ops[^1].Completion.Value;
        _recording.Clear();
        _hazards.Reset();
        BatchTiming? timing = TakeTiming();
        if (_backend.Loss.Cause is { } lostBefore)
        {
            // Another stream saw the device go: what this one has in flight cannot complete either, and what it
            // recorded is never submitted. The recorder must forget those commands: it goes to the next GPU stream
            // made, whose first batch would otherwise run them on the memory of arrays freed since.
            _recorder.Discard();
            Abandon(lostBefore);
            FailUnsubmitted(ops, lostBefore);
        }
        else
        {
            try
            {
                _recorder.Submit(value);
                AddInFlight(new InFlightBatch(value, ops, timing));
                timing = null;
            }
            catch (VulkanDeviceLostException lost)
            {
                Exception cause = _backend.Loss.Report(lost);
                Abandon(cause);
                FailUnsubmitted(ops, cause);
            }
            catch (Exception rejected) when (rejected is VulkanException or OutOfMemoryException)
            {
                // The driver refused the batch (out of memory, say); the device still works. The batch never ran, but
                // the batches before it may still be running: its ops complete (failed) only after them, or the
                // timeline would claim those finished too. The stream stays usable.
                DrainInFlight();
                FailUnsubmitted(ops, rejected);
            }
        }

        ReturnQueries(timing); // not submitted: never read

        lock (_submitGate)
        {
            _submittedValue = value;
            System.Threading.Monitor.PulseAll(_submitGate);
        }
    }

    /// <summary>Completes the ops of a batch that never reached the GPU: each fails (unless it already had), then passes.</summary>
    private void FailUnsubmitted(ScheduledOp[] ops, Exception cause)
    {
        foreach (ScheduledOp op in ops)
        {
            FailUnlessFailed(op, cause);
            op.ReleaseBuffers();
        }

        _timeline.Advance(ops[^1].Completion.Value);
    }

    /// <summary>Fails an op that did not run because of <paramref name="cause"/>, naming its kernel.</summary>
    private void FailUnlessFailed(ScheduledOp op, Exception cause)
    {
        if (op.Completion.Error is null)
        {
            Fail(op, cause);
        }
    }
}

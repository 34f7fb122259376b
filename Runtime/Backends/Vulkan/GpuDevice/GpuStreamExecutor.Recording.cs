using System;
using Tandem.Abi;
using Tandem.Backends.Vulkan.Compute;
using Tandem.CompilerServices;
using Tandem.Diagnostics;
using Tandem.Memory;
using Tandem.Scheduling;

namespace Tandem.Backends.Vulkan.GpuDevice;

/// <summary>The worker's side: waits, the failed-input check, recording a dispatch, submitting a batch.</summary>
internal sealed partial class GpuStreamExecutor
{
    private void Process(ScheduledOp op)
    {
        Event completion = op.Completion;
        try
        {
            if (_backend.Loss.Cause is { } lost)
            {
                throw lost;
            }

            foreach (Event other in op.Plan.Waits)
            {
                Await(other);
            }

            if (op.FindFailedInput() is { } failedInput)
            {
                completion.Fail(KernelExecutionException.Skipped(completion.OperationName, _stream, failedInput.Error!), failedInput);
                RecordFailure(completion);
            }
            else
            {
                Record(op);
            }
        }
#pragma warning disable CA1031 // Any failure to prepare or record an op (a shader that does not compile, a lost device) is that op's error.
        catch (Exception thrown)
#pragma warning restore CA1031
        {
            completion.Fail(KernelExecutionException.Threw(completion.OperationName, _stream, thrown), null);
            RecordFailure(completion);
        }

        // Skipped and failed ops ride along in the batch too: its signal passes them, and then their buffers go.
        _recording.Add(op);
    }

    /// <summary>Makes the batch being recorded respect another stream's op.</summary>
    private void Await(Event other)
    {
        if (other.IsCompleted)
        {
            return;
        }

        if (other.Timeline is GpuTimeline { Owner: { } gpu } && gpu._backend == _backend)
        {
            if (!gpu.IsSubmitted(other.Value))
            {
                // Never block while holding recorded work: the other stream may be waiting for it.
                SubmitPending();
                gpu.EnsureSubmitted(other.Value);
            }

            // Its outcome is known now (ops fail before their batch is submitted). A failed op did not run: nothing to
            // order against, and the failed-input check deals with it. Otherwise the device waits, not this thread.
            ulong signal = gpu.SignalCovering(other.Value);
            if (other.Error is null && signal != 0)
            {
                _recorder.WaitFor(gpu._recorder.Timeline, signal);
            }

            return;
        }

        // A CPU stream's op: wait for it here (its outcome decides whether this op runs), after submitting what was
        // recorded so far, so a CPU op that waits for this stream can proceed meanwhile.
        SubmitPending();
        other.Wait();
    }

    private void Record(ScheduledOp op)
    {
        KernelLaunch launch = op.Launch;
        UnifiedArray[] arrays = launch.Arrays;
        bool wide = launch.Kernel.WideEntryPoint is not null && !BindsWrittenArrayTwice(launch.Kernel, arrays);
        ComputePipeline pipeline = _backend.Pipelines.Get(launch.Kernel, wide);
        if (_bindings.Length < arrays.Length)
        {
            _bindings = new BufferBinding[arrays.Length];
        }

        for (int i = 0; i < arrays.Length; i++)
        {
            UnifiedArray array = arrays[i];
            bool writes = launch.Kernel.Buffers[i].Access == BufferAccess.ReadWrite;
            var allocation = GpuAllocation.Of(array.Buffer.PrepareDeviceAccess(writes, this));
            if (writes)
            {
                allocation.LastWriter = _recorder;
            }

            BufferSlice slice = allocation.Slice;
            _bindings[i] = new BufferBinding(slice.Buffer, slice.Offset, (ulong)array.Length * (ulong)array.ElementSize, array.Length);
        }

        if (FaultInjection.IsArmed)
        {
            FaultInjection.OnLaunch(op.Completion);
        }

        bool barrier = _hazards.NeedsBarrier(launch);
        _recorder.Dispatch(pipeline, launch.Kernel.Rank, launch.Extent, _bindings.AsSpan(0, arrays.Length), launch.Uniforms, barrier,
            wide ? KernelAbi.WideElementsPerThread : 1);
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

    /// <summary>
    /// True when one array is bound to two buffers and one of them is written: the wide entry point reads a thread's
    /// elements before it writes any, so such a launch runs the ordinary one, which keeps per-element order.
    /// </summary>
    private static bool BindsWrittenArrayTwice(KernelDescriptor kernel, UnifiedArray[] arrays)
    {
        for (int i = 0; i < arrays.Length; i++)
        {
            for (int j = i + 1; j < arrays.Length; j++)
            {
                if (ReferenceEquals(arrays[i].Buffer, arrays[j].Buffer)
                    && (kernel.Buffers[i].Access == BufferAccess.ReadWrite || kernel.Buffers[j].Access == BufferAccess.ReadWrite))
                {
                    return true;
                }
            }
        }

        return false;
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
        if (_backend.Loss.Cause is { } lostBefore)
        {
            // Another stream saw the device go: what this one has in flight cannot complete either.
            Abandon(lostBefore);
            FailUnsubmitted(ops, lostBefore);
        }
        else
        {
            try
            {
                _recorder.Submit(value);
                AddInFlight(new InFlightBatch(value, ops));
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
            op.Completion.Fail(KernelExecutionException.Threw(op.Completion.OperationName, _stream, cause), null);
            RecordFailure(op.Completion);
        }
    }
}

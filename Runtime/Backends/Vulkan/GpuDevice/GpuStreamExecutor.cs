using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using Tandem.Backends.Vulkan.Compute;
using Tandem.Memory;
using Tandem.Scheduling;

namespace Tandem.Backends.Vulkan.GpuDevice;

/// <summary>
/// A GPU stream: a worker thread records the queued ops into a command buffer (one <c>vkCmdDispatch</c> each, push
/// descriptors and push constants, barriers only between dependent dispatches) and submits a batch every
/// <see cref="GpuSettings.BatchOps"/> ops, after an op of <see cref="GpuSettings.SubmitAloneThreads"/> threads or more,
/// when a host thread or another stream waits for an op still being recorded, before the worker blocks, and when no
/// new op came for <see cref="IdleSubmitDelay"/> (<see cref="IdleGpuSubmitDelay"/> while the GPU has nothing of the
/// stream's to run). Each batch signals the sequence number of its last op on the stream's timeline semaphore; a
/// completion thread waits for it and then releases the batch's buffers.
/// </summary>
/// <remarks>
/// Waits for other streams: another GPU stream's op becomes a device-side semaphore wait of the batch (once that
/// stream submitted it, which is requested here); a CPU stream's op is waited for on the worker thread, after
/// submitting what was recorded so far, so nothing this stream owes anyone is held back. Either way the op's outcome
/// is known before the failed-input check runs.
/// </remarks>
internal sealed partial class GpuStreamExecutor : StreamExecutor, IDeviceTransfers
{
    /// <summary>How long the worker waits for more ops before submitting a partial batch on its own.</summary>
    public static readonly TimeSpan IdleSubmitDelay = TimeSpan.FromMilliseconds(2);

    /// <summary>
    /// The same wait while the GPU has nothing of this stream's to run: waiting longer cannot save a submit worth the
    /// idle GPU (the headline's matmul, issued before 500 CPU ops, otherwise waited for the host's Synchronize instead
    /// of running beside them). A chain issued without pause never waits this long, so its batches stay full.
    /// </summary>
    public static readonly TimeSpan IdleGpuSubmitDelay = TimeSpan.FromMicroseconds(50);

    private readonly GpuBackend _backend;
    private readonly CommandRecorder _recorder;
    private readonly GpuTimeline _timeline;
    private readonly int _batchOps;

    // The user side: ops queued by Enqueue, drained by the worker.
    private readonly Queue<ScheduledOp> _queue = new();
    private readonly object _queueGate = new();
    private bool _workerSleeping;
    private bool _stopping;
    private int _queued;
    private readonly Thread _worker;

    // The worker side: the batch being recorded and what it needs.
    private readonly List<ScheduledOp> _recording = [];
    private readonly DispatchHazards _hazards = new();
    private BufferBinding[] _bindings = new BufferBinding[8];

    // Submission progress: the value of the last submitted batch, and the value some waiter wants submitted.
    private readonly object _submitGate = new();
    private ulong _submittedValue;
    private ulong _flushTarget;

    /// <param name="backend">The GPU.</param>
    /// <param name="stream">The stream this executor runs.</param>
    /// <param name="recorder">
    /// Its Vulkan stream, new or left by a disposed stream: op numbers continue past the values its timeline semaphore
    /// already signalled, since a semaphore's value only grows.
    /// </param>
    public GpuStreamExecutor(GpuBackend backend, DeviceStream stream, CommandRecorder recorder)
        : base(stream, recorder.SubmittedValue)
    {
        _backend = backend;
        _recorder = recorder;
        _batchOps = GpuSettings.BatchOps;
        _submittedValue = recorder.SubmittedValue;
        _timeline = new GpuTimeline(this, backend, recorder.Timeline, recorder.SubmittedValue);
        _completer = StartCompletionThread();
        _worker = new Thread(RunWorker) { IsBackground = true, Name = $"Tandem {stream.Description}" };
        _worker.Start();
    }

    /// <summary>The Vulkan stream the batches go to.</summary>
    public CommandRecorder Recorder => _recorder;

    /// <summary>Stops the worker and the completion thread, then leaves the Vulkan stream to the backend for reuse.</summary>
    public override void Shutdown()
    {
        lock (_queueGate)
        {
            _stopping = true;
            Monitor.Pulse(_queueGate);
        }

        _worker.Join();
        StopCompletionThread();
        DisposeTiming();
        // Not destroyed: other streams' batches may still wait on its timeline semaphore (values it reached), and
        // arrays remember it as their last writer. The next GPU stream reuses it.
        _backend.ReturnRecorder(_recorder);
    }

    public override Timeline Timeline => _timeline;

    /// <summary>The Vulkan queue this stream submits to.</summary>
    public VulkanQueue Queue => _recorder.Queue;

    public override void Enqueue(ScheduledOp op)
    {
        lock (_queueGate)
        {
            _queue.Enqueue(op);
            Volatile.Write(ref _queued, _queue.Count);
            if (_workerSleeping)
            {
                Monitor.Pulse(_queueGate);
            }
        }
    }

    /// <summary>Kernels bind arrays' device copies.</summary>
    public override MemorySide MemorySide => MemorySide.Device;

    public override bool ReadsUniformBlock => true;

    public override int BufferOffsetAlignment => (int)_backend.Context.Info.Limits.MinStorageBufferOffsetAlignment;

    public override void CheckCanRun(CompilerServices.KernelDescriptor kernel, IReadOnlyList<UnifiedArray> arrays)
    {
        _backend.Loss.ThrowIfLost(kernel.Name);
        _backend.Pipelines.CheckCanRun(kernel, arrays);
    }

    /// <summary>True once the op <paramref name="value"/> is in a submitted batch (or failed without one).</summary>
    internal bool IsSubmitted(ulong value) => Volatile.Read(ref _submittedValue) >= value;

    /// <summary>Asks the worker to submit up to <paramref name="value"/> and blocks until it did.</summary>
    internal void EnsureSubmitted(ulong value)
    {
        if (IsSubmitted(value))
        {
            return;
        }

        RequestFlush(value);
        if (Spinning.Until((Executor: this, Value: value), static wait => wait.Executor.IsSubmitted(wait.Value), Spinning.HandOff))
        {
            return;
        }

        lock (_submitGate)
        {
            while (Volatile.Read(ref _submittedValue) < value)
            {
                Monitor.Wait(_submitGate);
            }
        }
    }

    /// <summary>Blocks the calling host thread until op <paramref name="value"/> finished (or failed with the device).</summary>
    internal void WaitUntilCompleted(ulong value)
    {
        EnsureSubmitted(value);
        ulong signal = SignalCovering(value);
        if (signal == 0 || _timeline.HasReached(value))
        {
            return; // completed (or failed with the device) meanwhile
        }

        try
        {
            _recorder.Timeline.SpinThenWait(signal);
        }
        catch (VulkanDeviceLostException lost)
        {
            Abandon(_backend.Loss.Report(lost));
            return;
        }

        Reclaim(signal);
    }

    /// <summary>Asks the worker to submit the ops up to <paramref name="value"/> now rather than when its batch fills.</summary>
    internal void RequestFlush(ulong value)
    {
        AtomicMaximum.Raise(ref _flushTarget, value);

        lock (_queueGate)
        {
            if (_workerSleeping)
            {
                Monitor.Pulse(_queueGate);
            }
        }
    }

    private static bool IsLarge(KernelLaunch launch)
        => (long)launch.Extent.X * launch.Extent.Y * launch.Extent.Z >= GpuSettings.SubmitAloneThreads;

    private bool FlushWanted => Volatile.Read(ref _flushTarget) > Volatile.Read(ref _submittedValue);

    /// <summary>True when the worker has something to do: ops queued, a waiter's flush, or the stream stopping.</summary>
    private bool HasWork => Volatile.Read(ref _queued) != 0 || (_recording.Count > 0 && FlushWanted) || Volatile.Read(ref _stopping);

    private void RunWorker()
    {
        var drained = new Queue<ScheduledOp>();
        while (true)
        {
            // Poll before sleeping: the next op of a chain, or a waiter's flush, comes within microseconds, and a
            // sleeping worker costs each of them a wake-up. The poll counts toward the idle submit delays.
            long idleSince = Stopwatch.GetTimestamp();
            Spinning.Until(this, static worker => worker.HasWork, Spinning.HandOff);
            lock (_queueGate)
            {
                bool timedOut = false;
                while (_queue.Count == 0 && !(_recording.Count > 0 && (timedOut || FlushWanted)))
                {
                    if (_stopping && _recording.Count == 0)
                    {
                        return;
                    }

                    TimeSpan wait = _recording.Count == 0 ? Timeout.InfiniteTimeSpan
                        : (_timeline.HasReached(Volatile.Read(ref _submittedValue)) ? IdleGpuSubmitDelay : IdleSubmitDelay) - Stopwatch.GetElapsedTime(idleSince);
                    if (wait != Timeout.InfiniteTimeSpan && wait <= TimeSpan.Zero)
                    {
                        timedOut = true;
                        continue;
                    }

                    _workerSleeping = true;
                    timedOut = !Monitor.Wait(_queueGate, wait);
                    _workerSleeping = false;
                }

                // Take everything queued so far: fewer trips through the lock on long chains of small ops.
                while (_queue.TryDequeue(out ScheduledOp? op))
                {
                    drained.Enqueue(op);
                }

                Volatile.Write(ref _queued, 0);
            }

            if (drained.Count == 0)
            {
                SubmitPending(); // idle, or a waiter wants what was recorded
                continue;
            }

            while (drained.TryDequeue(out ScheduledOp? op))
            {
                Process(op);
                ulong value = op.Completion.Value;
                if (_recording.Count >= _batchOps || IsLarge(op.Launch) || (value >= Volatile.Read(ref _flushTarget) && FlushWanted))
                {
                    SubmitPending();
                }
            }
        }
    }
}

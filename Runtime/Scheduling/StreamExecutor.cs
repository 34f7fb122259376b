using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using Tandem.Tracing;

namespace Tandem.Scheduling;

/// <summary>
/// Runs the ops of one stream, in order. The CPU backend runs them on a worker thread of its own; a GPU backend
/// records them into command buffers. Either way <see cref="Execute"/> applies the protocol every op follows: wait
/// for its <see cref="ScheduledOp.Waits"/>, fail it instead of running it when an input's writer failed, turn
/// anything it throws into its error; the executor then advances its <see cref="Timeline"/> past the op.
/// </summary>
internal abstract class StreamExecutor
{
    private readonly List<Event> _failures = [];
    private readonly Lock _failuresGate = new();
    private ulong _lastSubmitted;

    /// <param name="stream">The stream this executor runs; messages name it.</param>
    /// <param name="firstSequence">
    /// The number before the first op's: 0 for a new timeline; a GPU stream that reuses a disposed stream's timeline
    /// semaphore continues past the values that semaphore already reached.
    /// </param>
    protected StreamExecutor(DeviceStream stream, ulong firstSequence = 0)
    {
        Stream = stream;
        _lastSubmitted = firstSequence;
    }

    /// <summary>The stream this executor runs.</summary>
    protected DeviceStream Stream { get; }

    /// <summary>The stream's progress; other streams and the host wait on it.</summary>
    public abstract Timeline Timeline { get; }

    /// <summary>The sequence number of the last op queued; the stream is idle when its timeline reached it.</summary>
    public ulong LastSubmitted => Volatile.Read(ref _lastSubmitted);

    /// <summary>Numbers the next op. Called with the scheduler's lock held, right before <see cref="Enqueue"/>.</summary>
    public ulong ReserveSequence()
    {
        ulong next = _lastSubmitted + 1;
        Volatile.Write(ref _lastSubmitted, next);
        return next;
    }

    /// <summary>Which copy of an array this stream's kernels use: the host's (CPU), or the device's (GPU).</summary>
    public virtual Memory.MemorySide MemorySide => Memory.MemorySide.Host;

    /// <summary>
    /// True when this stream's kernels read the launch's uniform block (a GPU dispatch pushes it); a CPU body has its
    /// scalars bound as arguments, so a CPU launch keeps no copy of the block.
    /// </summary>
    public virtual bool ReadsUniformBlock => false;

    /// <summary>
    /// The byte boundary a buffer binding must start on, on this stream's device (the CPU: any; a Vulkan GPU: its
    /// <c>minStorageBufferOffsetAlignment</c>); see <see cref="CompilerServices.ViewBinding"/>.
    /// </summary>
    public virtual int BufferOffsetAlignment => 1;

    /// <summary>
    /// Throws when this stream's device cannot run <paramref name="kernel"/> on <paramref name="arrays"/> (a feature it
    /// lacks, a buffer larger than it binds), so the launch fails at the call with a message saying what to change.
    /// Called before the op is numbered; the CPU runs everything.
    /// </summary>
    public virtual void CheckCanRun(CompilerServices.KernelDescriptor kernel, IReadOnlyList<UnifiedArray> arrays)
    {
    }

    /// <summary>
    /// Queues an op behind the earlier ones. Called with the scheduler's lock held, in sequence order; must not block.
    /// </summary>
    public abstract void Enqueue(ScheduledOp op);

    /// <summary>
    /// Stops the executor's threads once its stream is disposed and every op it queued finished (no new op can come).
    /// </summary>
    public abstract void Shutdown();

    /// <summary>
    /// Takes the failures of ops up to <paramref name="upTo"/> and returns the first one no synchronization threw
    /// yet (or null); all of them count as reported afterwards.
    /// </summary>
    public KernelExecutionException? TakeFailures(ulong upTo)
    {
        KernelExecutionException? first = null;
        lock (_failuresGate)
        {
            int taken = 0;
            while (taken < _failures.Count && _failures[taken].Value <= upTo)
            {
                Event failed = _failures[taken++];
                if (first is null && !failed.IsReported)
                {
                    first = failed.Error;
                }

                failed.MarkReported();
            }

            _failures.RemoveRange(0, taken);
        }

        return first;
    }

    /// <summary>
    /// Runs <paramref name="op"/> the way every op runs: <see cref="AwaitDependencies"/>, then, unless the writer of
    /// one of its inputs failed (the op then fails naming that writer, without running), <see cref="Scheduler.BeforeRun"/>
    /// and <see cref="Run"/>. Anything they throw becomes the op's error. The caller then lets the timeline pass it.
    /// </summary>
    protected void Execute(ScheduledOp op)
    {
        ArgumentNullException.ThrowIfNull(op);
        Event completion = op.Completion;
        TracedOp? traced = op.Trace;
        try
        {
            if (traced is not null)
            {
                traced.WaitStart = Stopwatch.GetTimestamp();
                AwaitDependencies(op);
                traced.WaitEnd = Stopwatch.GetTimestamp();
            }
            else
            {
                AwaitDependencies(op);
            }

            if (op.FindFailedInput() is { } failedInput)
            {
                traced?.Outcome = "skipped";
                Event writer = failedInput.InputWriter!;
                completion.Fail(KernelExecutionException.Skipped(completion.OperationName, Stream, failedInput.Parameter, writer.OperationName,
                    writer.Stream, writer.Error!), writer);
                op.ForgetFailedFirstWrites();
                RecordFailure(completion);
                return;
            }

            Scheduler.BeforeRun?.Invoke(completion);
            if (traced is not null)
            {
                traced.HostStart = Stopwatch.GetTimestamp();
                Run(op);
                traced.HostEnd = Stopwatch.GetTimestamp();
            }
            else
            {
                Run(op);
            }
        }
#pragma warning disable CA1031 // Whatever an op throws (a kernel's exception, a shader that does not compile, a lost device) is its error, never the worker's end.
        catch (Exception thrown)
#pragma warning restore CA1031
        {
            traced?.Outcome = "failed";
            Fail(op, Unwrap(thrown));
        }
    }

    /// <summary>Waits (or makes the device wait) for the other streams' work <paramref name="op"/> depends on.</summary>
    protected abstract void AwaitDependencies(ScheduledOp op);

    /// <summary>Runs <paramref name="op"/>'s kernel, or records it for the device.</summary>
    protected abstract void Run(ScheduledOp op);

    /// <summary>Fails an op with <paramref name="cause"/>, naming its kernel and this stream; before its completion is signalled.</summary>
    protected void Fail(ScheduledOp op, Exception cause)
    {
        ArgumentNullException.ThrowIfNull(op);
        Event completion = op.Completion;
        completion.Fail(KernelExecutionException.Threw(completion.OperationName, Stream, cause), null);
        op.ForgetFailedFirstWrites();
        RecordFailure(completion);
    }

    /// <summary>Records a failed op for the next synchronization; called before its completion is signalled.</summary>
    private void RecordFailure(Event failed)
    {
        lock (_failuresGate)
        {
            _failures.Add(failed);
        }
    }

    /// <summary>The first exception of a parallel CPU launch rather than the aggregate that wraps it.</summary>
    private static Exception Unwrap(Exception thrown)
        => thrown is AggregateException { InnerExceptions.Count: > 0 } aggregate ? aggregate.Flatten().InnerExceptions[0] : thrown;
}

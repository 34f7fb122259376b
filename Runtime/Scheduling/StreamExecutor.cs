using System;
using System.Collections.Generic;
using System.Threading;

namespace Tandem.Scheduling;

/// <summary>
/// Runs the ops of one stream, in order. The CPU backend runs them on a worker thread of its own; a GPU backend
/// records them into command buffers. Either way the executor waits for each op's <see cref="DependencyPlan.Waits"/>
/// before the op starts, fails the op instead of running it when an input's writer failed, and advances its
/// <see cref="Timeline"/> when the op finished.
/// </summary>
internal abstract class StreamExecutor
{
    private readonly List<Event> _failures = [];
    private readonly Lock _failuresGate = new();
    private ulong _lastSubmitted;

    /// <param name="firstSequence">
    /// The number before the first op's: 0 for a new timeline; a GPU stream that reuses a disposed stream's timeline
    /// semaphore continues past the values that semaphore already reached.
    /// </param>
    protected StreamExecutor(ulong firstSequence = 0) => _lastSubmitted = firstSequence;

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

    /// <summary>Records a failed op for the next synchronization; called before its completion is signalled.</summary>
    protected void RecordFailure(Event failed)
    {
        ArgumentNullException.ThrowIfNull(failed);
        lock (_failuresGate)
        {
            _failures.Add(failed);
        }
    }
}

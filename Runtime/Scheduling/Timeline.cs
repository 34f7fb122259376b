using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Tandem.Scheduling;

/// <summary>
/// A stream's progress: a counter that only grows, one step per op the stream finishes (the sequence number of its
/// last finished op). It is the device-neutral form of "has op n of stream s finished?": a CPU stream counts on the
/// host; a GPU stream maps it onto a Vulkan timeline semaphore.
/// </summary>
internal abstract class Timeline
{
    private readonly object _waitersGate = new();
    private readonly List<(ulong Value, TaskCompletionSource Reached)> _waiters = [];
    private int _waiterCount;

    /// <summary>The sequence number of the last finished op; 0 before the first.</summary>
    public abstract ulong CompletedValue { get; }

    /// <summary>True once the op numbered <paramref name="value"/> finished.</summary>
    public bool HasReached(ulong value) => CompletedValue >= value;

    /// <summary>Blocks the calling host thread until the op numbered <paramref name="value"/> finished.</summary>
    public abstract void WaitHost(ulong value);

    /// <summary>
    /// A task that completes once the op numbered <paramref name="value"/> finished, without a thread waiting for it
    /// meanwhile: the thread that advances the timeline completes it (its continuations run on the thread pool).
    /// </summary>
    public Task WhenReached(ulong value)
    {
        if (HasReached(value))
        {
            return Task.CompletedTask;
        }

        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waitersGate)
        {
            _waiters.Add((value, reached));
            Interlocked.Increment(ref _waiterCount);
        }

        // The count is raised (a full fence) before the value is read again here, and an advancing thread raises the
        // value (a full fence) before it reads the count: one of the two sees the other, so no waiter is missed.
        ReleaseReachedWaiters();
        RequestProgress(value);
        return reached.Task;
    }

    /// <summary>
    /// Asks the stream to make progress towards <paramref name="value"/> without waiting for it (a GPU stream submits
    /// the batch being recorded); a stream that always makes progress by itself does nothing.
    /// </summary>
    protected virtual void RequestProgress(ulong value)
    {
    }

    /// <summary>Completes the <see cref="WhenReached"/> tasks the timeline has passed; call after each advance.</summary>
    protected void ReleaseReachedWaiters()
    {
        Interlocked.MemoryBarrier();
        if (Volatile.Read(ref _waiterCount) == 0)
        {
            return;
        }

        List<TaskCompletionSource>? released = null;
        lock (_waitersGate)
        {
            ulong completed = CompletedValue;
            for (int i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Value <= completed)
                {
                    (released ??= []).Add(_waiters[i].Reached);
                    _waiters.RemoveAt(i);
                    Interlocked.Decrement(ref _waiterCount);
                }
            }
        }

        released?.ForEach(reached => reached.TrySetResult());
    }
}

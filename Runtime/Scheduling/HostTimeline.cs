using System.Threading;

namespace Tandem.Scheduling;

/// <summary>
/// A timeline advanced by a host thread: a counter, a mutex and a condition variable (the shape of MLX's
/// <c>backend/no_gpu/event.cpp</c>).
/// </summary>
internal sealed class HostTimeline : Timeline
{
    private readonly object _gate = new();
    private ulong _completed;

    // The least value a sleeping waiter waits for; ulong.MaxValue while none sleeps. Signalling wakes the sleepers
    // only once it reaches that value: a host thread asleep in Synchronize behind a long chain is woken once, not
    // once per op (which cost the signalling worker a third of a microsecond per op, and the sleeper a core).
    private ulong _wakeAt = ulong.MaxValue;

    public override ulong CompletedValue => Volatile.Read(ref _completed);

    /// <summary>Marks every op up to <paramref name="value"/> finished and wakes the threads waiting for them.</summary>
    /// <remarks>
    /// Takes the lock only when a sleeper waits for a value reached now: the value is published with a full fence
    /// before the sleepers' least value is read, and a sleeper lowers that value (a full fence too) before it reads
    /// the completed value, so either the signaller sees the sleeper or the sleeper sees the value.
    /// </remarks>
    public void Signal(ulong value)
    {
        Interlocked.Exchange(ref _completed, value);
        if (value >= Volatile.Read(ref _wakeAt))
        {
            lock (_gate)
            {
                // Every sleeper wakes; those still short of their value lower it again before sleeping.
                Volatile.Write(ref _wakeAt, ulong.MaxValue);
                Monitor.PulseAll(_gate);
            }
        }

        ReleaseReachedWaiters();
    }

    public override void WaitHost(ulong value)
    {
        if (Spinning.Until((Timeline: this, Value: value), static wait => wait.Timeline.HasReached(wait.Value), Spinning.BeforeBlocking))
        {
            return;
        }

        lock (_gate)
        {
            while (true)
            {
                // Every write of _wakeAt is under the lock; the fence orders this one before the value is read.
                if (value < _wakeAt)
                {
                    Volatile.Write(ref _wakeAt, value);
                }

                Interlocked.MemoryBarrier();
                if (HasReached(value))
                {
                    return;
                }

                Monitor.Wait(_gate);
            }
        }
    }
}

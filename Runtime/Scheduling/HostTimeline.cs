using System.Threading;

namespace Tandem.Scheduling;

/// <summary>
/// A timeline advanced by a host thread: a counter, a mutex and a condition variable (the shape of MLX's
/// <c>backend/no_gpu/event.cpp</c>).
/// </summary>
internal sealed class HostTimeline : Timeline
{
    // A waiter spins this many rounds before sleeping: dependent tiny ops usually finish within microseconds.
    private const int SpinRounds = 20;

    private readonly object _gate = new();
    private ulong _completed;
    private int _sleepers;

    public override ulong CompletedValue => Volatile.Read(ref _completed);

    /// <summary>Marks every op up to <paramref name="value"/> finished and wakes the threads waiting for them.</summary>
    /// <remarks>
    /// Takes the lock only when a thread sleeps: the value is published with a full fence before the sleeper count is
    /// read, and a sleeper counts itself (a full fence too) before it reads the value, so either the signaller sees
    /// the sleeper or the sleeper sees the value.
    /// </remarks>
    public void Signal(ulong value)
    {
        Interlocked.Exchange(ref _completed, value);
        if (Volatile.Read(ref _sleepers) > 0)
        {
            lock (_gate)
            {
                Monitor.PulseAll(_gate);
            }
        }

        ReleaseReachedWaiters();
    }

    public override void WaitHost(ulong value)
    {
        SpinWait spinner = default;
        for (int round = 0; round < SpinRounds; round++)
        {
            if (HasReached(value))
            {
                return;
            }

            spinner.SpinOnce(sleep1Threshold: -1);
        }

        lock (_gate)
        {
            Interlocked.Increment(ref _sleepers);
            try
            {
                while (!HasReached(value))
                {
                    Monitor.Wait(_gate);
                }
            }
            finally
            {
                Interlocked.Decrement(ref _sleepers);
            }
        }
    }
}

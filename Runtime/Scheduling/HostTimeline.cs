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
    public void Signal(ulong value)
    {
        lock (_gate)
        {
            Volatile.Write(ref _completed, value);
            if (_sleepers > 0)
            {
                Monitor.PulseAll(_gate);
            }
        }
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
            _sleepers++;
            try
            {
                while (!HasReached(value))
                {
                    Monitor.Wait(_gate);
                }
            }
            finally
            {
                _sleepers--;
            }
        }
    }
}

using System;
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
    private Action<ulong>? _mirrors;

    public override ulong CompletedValue => Volatile.Read(ref _completed);

    /// <summary>
    /// Also reports every new value to <paramref name="mirror"/>, right after the host sees it: a GPU backend passes
    /// a host signal of a Vulkan timeline semaphore here, so GPU batches can wait for CPU work on the device.
    /// </summary>
    public void AttachMirror(Action<ulong> mirror)
    {
        ArgumentNullException.ThrowIfNull(mirror);
        lock (_gate)
        {
            _mirrors += mirror;
            mirror(_completed);
        }
    }

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

            // Under the lock, so mirrors see values in order.
            _mirrors?.Invoke(value);
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

using System;
using System.Threading;

namespace Tandem.Memory;

/// <summary>
/// The figures <see cref="Mx.Memory"/> reports (bytes held by live arrays, bytes of freed arrays kept for reuse, the
/// peak) and the limit on the kept bytes. One ledger serves every pool arrays take memory from (host memory, device
/// memory): an array with a copy on each side counts both copies, one shared by both sides counts once, and the limit
/// bounds what all pools keep together. Thread-safe.
/// </summary>
internal sealed class MemoryLedger
{
    private readonly Lock _gate = new();
    private long _limit;
    private long _cached;
    private long _active;
    private long _peak;

    /// <param name="cacheLimitBytes">The most bytes the pools keep for reuse.</param>
    public MemoryLedger(long cacheLimitBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cacheLimitBytes);
        _limit = cacheLimitBytes;
    }

    /// <summary>The figures, with the limit.</summary>
    public MemoryInfo Snapshot()
    {
        lock (_gate)
        {
            return new MemoryInfo(_active, _cached, _peak, _limit);
        }
    }

    /// <summary>A new allocation of <paramref name="bytes"/> became active.</summary>
    public void Activate(long bytes)
    {
        lock (_gate)
        {
            CountActive(bytes);
        }
    }

    /// <summary>A kept allocation was handed out again.</summary>
    public void Reuse(long bytes)
    {
        lock (_gate)
        {
            _cached -= bytes;
            CountActive(bytes);
        }
    }

    /// <summary>
    /// An active allocation was freed: true when the limit leaves room to keep it (it is counted as kept), false when
    /// it must go back to where it came from.
    /// </summary>
    public bool TryKeep(long bytes, bool reusable)
    {
        lock (_gate)
        {
            _active -= bytes;
            if (!reusable || _cached + bytes > _limit)
            {
                return false;
            }

            _cached += bytes;
            return true;
        }
    }

    /// <summary>Kept allocations of <paramref name="bytes"/> in total went back to where they came from.</summary>
    public void Released(long bytes)
    {
        lock (_gate)
        {
            _cached -= bytes;
        }
    }

    /// <summary>Sets the limit; returns the previous one. The caller releases kept memory when it went down.</summary>
    public long SetLimit(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        lock (_gate)
        {
            long previous = _limit;
            _limit = bytes;
            return previous;
        }
    }

    /// <summary>Makes the peak equal to the bytes active now.</summary>
    public void ResetPeak()
    {
        lock (_gate)
        {
            _peak = _active;
        }
    }

    private void CountActive(long bytes)
    {
        _active += bytes;
        _peak = Math.Max(_peak, _active);
    }
}

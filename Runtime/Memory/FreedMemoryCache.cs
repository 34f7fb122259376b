using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Threading;

namespace Tandem.Memory;

/// <summary>
/// Freed memory kept for reuse in buckets of equal capacity, up to a limit, with the active/cached/peak counters
/// <see cref="Mx.Memory"/> reports. Both array allocators use it (native memory without a GPU, Vulkan memory with
/// one); each decides its bucket capacities and what an item is. Thread-safe: arrays are made on user threads and
/// freed by stream workers and finalizers.
/// </summary>
/// <typeparam name="T">What a cached allocation is: a block, or a backend's allocation.</typeparam>
internal sealed class FreedMemoryCache<T>
{
    private readonly Dictionary<ulong, Stack<T>> _buckets = [];
    private readonly Lock _gate = new();
    private long _limit;
    private long _cached;
    private long _active;
    private long _peak;

    /// <param name="limitBytes">The most bytes kept.</param>
    public FreedMemoryCache(long limitBytes) => _limit = limitBytes;

    /// <summary>The counters, with the limit.</summary>
    public MemoryInfo Statistics
    {
        get
        {
            lock (_gate)
            {
                return new MemoryInfo(_active, _cached, _peak, _limit);
            }
        }
    }

    /// <summary>Takes a cached allocation of exactly <paramref name="capacity"/> bytes, which becomes active.</summary>
    public bool TryTake(ulong capacity, [MaybeNullWhen(false)] out T item)
    {
        lock (_gate)
        {
            if (_buckets.TryGetValue(capacity, out Stack<T>? bucket) && bucket.TryPop(out item))
            {
                _cached -= (long)capacity;
                CountActive((long)capacity);
                return true;
            }
        }

        item = default;
        return false;
    }

    /// <summary>A new allocation of <paramref name="capacity"/> bytes became active.</summary>
    public void AddActive(ulong capacity)
    {
        lock (_gate)
        {
            CountActive((long)capacity);
        }
    }

    /// <summary>
    /// An active allocation was freed: keeps it when <paramref name="reusable"/> and the limit leaves room; false when
    /// the caller must give it back to where it came from.
    /// </summary>
    public bool TryKeep(T item, ulong capacity, bool reusable = true)
    {
        lock (_gate)
        {
            _active -= (long)capacity;
            if (!reusable || _cached + (long)capacity > _limit)
            {
                return false;
            }

            if (!_buckets.TryGetValue(capacity, out Stack<T>? bucket))
            {
                bucket = new Stack<T>();
                _buckets.Add(capacity, bucket);
            }

            bucket.Push(item);
            _cached += (long)capacity;
            return true;
        }
    }

    /// <summary>Empties the cache; the caller gives what it returns back to where it came from.</summary>
    public List<T> TakeAll()
    {
        List<T> released = [];
        lock (_gate)
        {
            foreach (Stack<T> bucket in _buckets.Values)
            {
                released.AddRange(bucket);
                bucket.Clear();
            }

            _cached = 0;
        }

        return released;
    }

    /// <summary>Sets the limit; returns the previous one. The caller trims (<see cref="TakeAll"/>) when it went down.</summary>
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

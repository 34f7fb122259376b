using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Threading;

namespace Tandem.Memory;

/// <summary>
/// Freed memory of one pool kept for reuse in buckets of equal capacity, counted in the <see cref="MemoryLedger"/> all
/// pools share (which also decides whether there is room to keep more). The host allocator and the device allocator
/// each have one; each decides its bucket capacities and what an item is. Thread-safe: arrays are made on user
/// threads and freed by stream workers and finalizers.
/// </summary>
/// <typeparam name="T">What a cached allocation is: a host block, or a backend's device memory.</typeparam>
internal sealed class FreedMemoryCache<T>
{
    private readonly Dictionary<ulong, Stack<T>> _buckets = [];
    private readonly Lock _gate = new();
    private readonly MemoryLedger _ledger;

    public FreedMemoryCache(MemoryLedger ledger) => _ledger = ledger;

    /// <summary>Takes a cached allocation of exactly <paramref name="capacity"/> bytes, which becomes active.</summary>
    public bool TryTake(ulong capacity, [MaybeNullWhen(false)] out T item)
    {
        lock (_gate)
        {
            if (!_buckets.TryGetValue(capacity, out Stack<T>? bucket) || !bucket.TryPop(out item))
            {
                item = default;
                return false;
            }
        }

        _ledger.Reuse((long)capacity);
        return true;
    }

    /// <summary>A new allocation of <paramref name="capacity"/> bytes became active.</summary>
    public void AddActive(ulong capacity) => _ledger.Activate((long)capacity);

    /// <summary>
    /// An active allocation was freed: keeps it when <paramref name="reusable"/> and the limit leaves room; false when
    /// the caller must give it back to where it came from.
    /// </summary>
    public bool TryKeep(T item, ulong capacity, bool reusable = true)
    {
        if (!_ledger.TryKeep((long)capacity, reusable))
        {
            return false;
        }

        lock (_gate)
        {
            if (!_buckets.TryGetValue(capacity, out Stack<T>? bucket))
            {
                bucket = new Stack<T>();
                _buckets.Add(capacity, bucket);
            }

            bucket.Push(item);
        }

        return true;
    }

    /// <summary>Empties the cache; the caller gives what it returns back to where it came from.</summary>
    public List<(T Item, ulong Capacity)> TakeAll()
    {
        List<(T, ulong)> released = [];
        long bytes = 0;
        lock (_gate)
        {
            foreach ((ulong capacity, Stack<T> bucket) in _buckets)
            {
                foreach (T item in bucket)
                {
                    released.Add((item, capacity));
                    bytes += (long)capacity;
                }

                bucket.Clear();
            }
        }

        _ledger.Released(bytes);
        return released;
    }
}

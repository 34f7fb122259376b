using System;
using System.Collections.Generic;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Threading;

namespace Tandem.Memory;

/// <summary>
/// Keeps freed blocks in power-of-two size buckets and hands them out again, zeroed, so that chains of ops that
/// allocate and drop same-sized temporaries do not go to the system allocator every time.
/// </summary>
internal sealed unsafe class CachingAllocator : MemoryAllocator
{
    // Below this size the system allocator is as fast as the cache; above the cap the rounding waste is too big.
    private const int SmallestCachedShift = 12;
    private const int LargestCachedShift = 28;

    private readonly MemoryAllocator _inner;
    private long _maxCachedBytes;
    private long _activeBytes;
    private long _peakBytes;
    private readonly Stack<MemoryBlock>?[] _buckets = new Stack<MemoryBlock>?[LargestCachedShift + 1];
    private readonly Lock _gate = new();
    private long _cachedBytes;

    public CachingAllocator(MemoryAllocator inner, long maxCachedBytes)
    {
        _inner = inner;
        _maxCachedBytes = maxCachedBytes;
    }

    /// <summary>The bytes held in the cache, ready for reuse.</summary>
    public long CachedBytes
    {
        get
        {
            lock (_gate)
            {
                return _cachedBytes;
            }
        }
    }

    public override MemoryBlock Allocate(nuint byteLength)
    {
        int shift = BucketShift(byteLength);
        if (shift < 0)
        {
            MemoryBlock uncached = AllocateInner(byteLength);
            lock (_gate)
            {
                CountActive((long)uncached.Capacity);
            }

            return uncached;
        }

        lock (_gate)
        {
            if (_buckets[shift] is { Count: > 0 } bucket)
            {
                MemoryBlock block = bucket.Pop();
                _cachedBytes -= (long)block.Capacity;
                CountActive((long)block.Capacity);
                NativeMemory.Clear((void*)block.HostPointer, block.Capacity);
                return block;
            }
        }

        MemoryBlock fresh = AllocateInner((nuint)1 << shift);
        lock (_gate)
        {
            CountActive((long)fresh.Capacity);
        }

        return fresh;
    }

    public override long SourceBytes => _inner.SourceBytes;

    public override MemoryInfo Statistics
    {
        get
        {
            lock (_gate)
            {
                return new MemoryInfo(_activeBytes, _cachedBytes, _peakBytes, _maxCachedBytes);
            }
        }
    }

    public override void ReleaseCached() => Trim();

    public override long SetCacheLimit(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        long previous;
        lock (_gate)
        {
            previous = _maxCachedBytes;
            _maxCachedBytes = bytes;
        }

        if (bytes < previous)
        {
            Trim();
        }

        return previous;
    }

    public override void ResetPeak()
    {
        lock (_gate)
        {
            _peakBytes = _activeBytes;
        }
    }

    public override void Free(MemoryBlock block)
    {
        int shift = BucketShift(block.Capacity);
        lock (_gate)
        {
            _activeBytes -= (long)block.Capacity;
        }

        if (shift >= 0 && block.Capacity == (nuint)1 << shift)
        {
            lock (_gate)
            {
                if (_cachedBytes + (long)block.Capacity <= _maxCachedBytes)
                {
                    (_buckets[shift] ??= new Stack<MemoryBlock>()).Push(block);
                    _cachedBytes += (long)block.Capacity;
                    return;
                }
            }
        }

        _inner.Free(block);
    }

    /// <summary>Allocates from the inner allocator; when it has no room, gives the cache back first and tries once more.</summary>
    private MemoryBlock AllocateInner(nuint byteLength)
    {
        try
        {
            return _inner.Allocate(byteLength);
        }
        catch (OutOfMemoryException)
        {
            Trim();
            return _inner.Allocate(byteLength);
        }
    }

    /// <summary>Gives every cached block back to the inner allocator.</summary>
    public void Trim()
    {
        List<MemoryBlock> released = [];
        lock (_gate)
        {
            foreach (Stack<MemoryBlock>? bucket in _buckets)
            {
                while (bucket is { Count: > 0 })
                {
                    released.Add(bucket.Pop());
                }
            }

            _cachedBytes = 0;
        }

        foreach (MemoryBlock block in released)
        {
            _inner.Free(block);
        }
    }

    private void CountActive(long bytes)
    {
        _activeBytes += bytes;
        _peakBytes = Math.Max(_peakBytes, _activeBytes);
    }

    private static int BucketShift(nuint byteLength)
    {
        if (byteLength <= (nuint)1 << (SmallestCachedShift - 1) || byteLength > (nuint)1 << LargestCachedShift)
        {
            return -1;
        }

        return 64 - BitOperations.LeadingZeroCount((ulong)byteLength - 1);
    }
}

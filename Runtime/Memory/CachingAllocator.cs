using System;
using System.Numerics;
using System.Runtime.InteropServices;

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
    private readonly FreedMemoryCache<MemoryBlock> _cache;

    public CachingAllocator(MemoryAllocator inner, long maxCachedBytes)
    {
        _inner = inner;
        _cache = new FreedMemoryCache<MemoryBlock>(maxCachedBytes);
    }

    /// <summary>The bytes held in the cache, ready for reuse.</summary>
    public long CachedBytes => _cache.Statistics.CachedBytes;

    public override MemoryBlock Allocate(nuint byteLength)
    {
        int shift = BucketShift(byteLength);
        if (shift >= 0 && _cache.TryTake((ulong)1 << shift, out MemoryBlock block))
        {
            NativeMemory.Clear((void*)block.HostPointer, block.Capacity);
            return block;
        }

        MemoryBlock fresh = AllocateInner(shift < 0 ? byteLength : (nuint)1 << shift);
        _cache.AddActive(fresh.Capacity);
        return fresh;
    }

    public override long SourceBytes => _inner.SourceBytes;

    public override MemoryInfo Statistics => _cache.Statistics;

    public override void ReleaseCached() => Trim();

    public override long SetCacheLimit(long bytes)
    {
        long previous = _cache.SetLimit(bytes);
        if (bytes < previous)
        {
            Trim();
        }

        return previous;
    }

    public override void ResetPeak() => _cache.ResetPeak();

    public override void Free(MemoryBlock block)
    {
        int shift = BucketShift(block.Capacity);
        if (!_cache.TryKeep(block, block.Capacity, reusable: shift >= 0 && block.Capacity == (nuint)1 << shift))
        {
            _inner.Free(block);
        }
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
        foreach (MemoryBlock block in _cache.TakeAll())
        {
            _inner.Free(block);
        }
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

namespace Tandem.Memory;

/// <summary>
/// Host memory in <see cref="SizeBuckets"/>, with freed blocks kept and handed out again, so that chains of ops that
/// allocate and drop same-sized arrays neither go to the system allocator nor fault fresh pages in every time.
/// </summary>
internal sealed class CachingAllocator : MemoryAllocator
{
    private readonly MemoryAllocator _inner;
    private readonly FreedMemoryCache<MemoryBlock> _cache;

    /// <param name="inner">Where new blocks come from.</param>
    /// <param name="ledger">The counters and the cache limit shared with the other pools.</param>
    public CachingAllocator(MemoryAllocator inner, MemoryLedger ledger)
    {
        _inner = inner;
        _cache = new FreedMemoryCache<MemoryBlock>(ledger);
    }

    public override MemoryBlock Allocate(nuint byteLength)
    {
        ulong capacity = SizeBuckets.RoundUp(byteLength);
        if (_cache.TryTake(capacity, out MemoryBlock block))
        {
            return block;
        }

        MemoryBlock fresh = AllocateInner((nuint)capacity);
        _cache.AddActive(capacity);
        return fresh;
    }

    public override long SourceBytes => _inner.SourceBytes;

    public override void ReleaseCached()
    {
        foreach ((MemoryBlock block, ulong _) in _cache.TakeAll())
        {
            _inner.Free(block);
        }
    }

    public override void Free(MemoryBlock block)
    {
        if (!_cache.TryKeep(block, block.Capacity))
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
        catch (System.OutOfMemoryException)
        {
            ReleaseCached();
            return _inner.Allocate(byteLength);
        }
    }
}

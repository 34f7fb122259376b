namespace Tandem.Memory;

/// <summary>
/// Supplies the memory behind arrays. The CPU-only runtime uses aligned native memory; a GPU backend replaces it
/// with host-visible device memory so that one allocation serves both devices.
/// </summary>
internal abstract class MemoryAllocator
{
    /// <summary>The alignment every block has, in bytes: a cache line, and enough for any SIMD load.</summary>
    public const int Alignment = 64;

    /// <summary>Returns zero-filled memory of at least <paramref name="byteLength"/> bytes.</summary>
    /// <exception cref="System.OutOfMemoryException">There is no room, even after releasing cached memory.</exception>
    public abstract MemoryBlock Allocate(nuint byteLength);

    /// <summary>Takes back a block this allocator handed out; it may be reused at once.</summary>
    public abstract void Free(MemoryBlock block);

    /// <summary>
    /// Bytes this allocator holds from where its memory comes from (the heap, or Vulkan device memory), cached and
    /// pooled memory included: what a memory limit is measured against.
    /// </summary>
    public virtual long SourceBytes => 0;

    /// <summary>Active, cached and peak bytes; zeros for an allocator that does not count.</summary>
    public virtual MemoryInfo Statistics => default;

    /// <summary>Gives cached (freed, kept for reuse) memory back to the system.</summary>
    public virtual void ReleaseCached()
    {
    }

    /// <summary>Sets the most bytes the cache keeps (trimming it now if needed); returns the previous limit.</summary>
    public virtual long SetCacheLimit(long bytes) => 0;

    /// <summary>Makes the peak equal to the bytes active now.</summary>
    public virtual void ResetPeak()
    {
    }
}

namespace Tandem.Memory;

/// <summary>
/// Supplies host memory: the host copies of arrays (see <see cref="UnifiedBuffer"/>), of any size the process can have.
/// </summary>
internal abstract class MemoryAllocator
{
    /// <summary>The alignment every block has, in bytes: a cache line, and enough for any SIMD load.</summary>
    public const int Alignment = 64;

    /// <summary>Returns memory of at least <paramref name="byteLength"/> bytes; its contents are undefined.</summary>
    /// <exception cref="System.OutOfMemoryException">There is no room, even after releasing cached memory.</exception>
    public abstract MemoryBlock Allocate(nuint byteLength);

    /// <summary>Takes back a block this allocator handed out; it may be reused at once.</summary>
    public abstract void Free(MemoryBlock block);

    /// <summary>
    /// Bytes this allocator holds from where its memory comes from (the process heap), cached memory included: what a
    /// memory limit is measured against.
    /// </summary>
    public virtual long SourceBytes => 0;

    /// <summary>Gives cached (freed, kept for reuse) memory back to the system.</summary>
    public virtual void ReleaseCached()
    {
    }
}

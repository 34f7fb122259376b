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
    public abstract MemoryBlock Allocate(nuint byteLength);

    /// <summary>Takes back a block this allocator handed out; it may be reused at once.</summary>
    public abstract void Free(MemoryBlock block);
}

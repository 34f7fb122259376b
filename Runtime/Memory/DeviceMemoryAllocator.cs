namespace Tandem.Memory;

/// <summary>
/// A device backend's supply of <see cref="DeviceMemory"/>: where buffers' device copies come from, counted in the
/// shared <see cref="MemoryLedger"/>.
/// </summary>
internal abstract class DeviceMemoryAllocator
{
    /// <summary>The size of the device's memory, in bytes: the limit its messages name, and the default cache limit.</summary>
    public abstract long DeviceBytes { get; }

    /// <summary>
    /// Bytes this allocator holds from the device (arrays' memory, its cache, pools), what a memory limit is measured
    /// against.
    /// </summary>
    public abstract long SourceBytes { get; }

    /// <summary>Device memory for a buffer of <paramref name="byteLength"/> bytes; its contents are undefined.</summary>
    /// <exception cref="System.OutOfMemoryException">
    /// The device has no room, even after releasing cached memory; the message names the bytes asked for and the
    /// device's memory.
    /// </exception>
    public abstract DeviceMemory Allocate(long byteLength);

    /// <summary>
    /// Memory with a <see cref="DeviceMemory.SharedHostPointer"/> for a buffer the host touches first, so that a later
    /// kernel binds it without a copy; null where the host should use memory of its own (the device shares no memory
    /// with the host, its kernels could never bind a buffer this large, or it has no room now).
    /// </summary>
    public abstract DeviceMemory? TryAllocateShared(long byteLength);

    /// <summary>Takes back memory no queued work uses any more; it may be reused at once.</summary>
    public abstract void Free(DeviceMemory memory);

    /// <summary>Gives cached (freed, kept for reuse) memory back to the device.</summary>
    public abstract void ReleaseCached();
}

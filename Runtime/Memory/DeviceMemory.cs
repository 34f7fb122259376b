namespace Tandem.Memory;

/// <summary>
/// The device copy of one buffer: memory a device backend allocated (<see cref="DeviceMemoryAllocator"/>) and binds
/// to its kernels. <see cref="UnifiedBuffer"/> decides when bytes move between it and the host copy; the backend
/// moves them.
/// </summary>
internal abstract class DeviceMemory
{
    /// <param name="capacity">The bytes reserved, at least the buffer's length.</param>
    protected DeviceMemory(ulong capacity) => Capacity = capacity;

    /// <summary>The bytes reserved, at least the buffer's length.</summary>
    public ulong Capacity { get; }

    /// <summary>
    /// The host address of this memory when the host may use it as the buffer's host copy too (unified memory:
    /// llvmpipe, integrated GPUs): one allocation then serves both sides, and no byte ever moves. 0 where the host
    /// keeps a copy of its own (a discrete GPU, whose memory the CPU reads slowly or not at all).
    /// </summary>
    public abstract nint SharedHostPointer { get; }

    /// <summary>
    /// Copies the first <paramref name="bytes"/> bytes to host memory at <paramref name="destination"/>, ordered after
    /// the device's last write to this memory (which the caller already waited for); returns once they arrived.
    /// </summary>
    public abstract void Download(nint destination, long bytes);
}

using System;
using Tandem.Backends.Vulkan.Compute;
using Tandem.Memory;

namespace Tandem.Backends.Vulkan.GpuDevice;

/// <summary>
/// The device copy of a buffer when the device is a Vulkan GPU: a range of a Vulkan buffer that kernels bind. On
/// unified memory (llvmpipe, integrated GPUs) it is mapped, host-cached memory the host uses as the buffer's host copy
/// too; on a discrete GPU it is device memory (mapped, write-combined VRAM where the GPU offers it: the CPU writes it
/// well and reads it at a crawl) and bytes move through <see cref="GpuTransfer"/>.
/// </summary>
internal sealed class GpuAllocation : DeviceMemory
{
    private readonly GpuTransfer _transfer;

    /// <param name="slice">Where the bytes are.</param>
    /// <param name="capacity">The bytes reserved.</param>
    /// <param name="hostAccess">What the host may do with it through its mapping.</param>
    /// <param name="transfer">How bytes move to and from it.</param>
    public GpuAllocation(BufferSlice slice, ulong capacity, GpuHostAccess hostAccess, GpuTransfer transfer)
        : base(capacity)
    {
        if (hostAccess != GpuHostAccess.None && slice.Buffer.HostPointer == 0)
        {
            throw new ArgumentException("Memory the host is to access must be mapped.", nameof(hostAccess));
        }

        Slice = slice;
        HostAccess = hostAccess;
        _transfer = transfer;
    }

    /// <summary>The range kernels bind.</summary>
    public BufferSlice Slice { get; }

    /// <summary>What the host may do with the memory through <see cref="MappedPointer"/>.</summary>
    public GpuHostAccess HostAccess { get; }

    /// <summary>The host address of the first byte, where <see cref="HostAccess"/> allows any access; else 0.</summary>
    public nint MappedPointer => HostAccess == GpuHostAccess.None ? 0 : Slice.Buffer.HostPointer + (nint)Slice.Offset;

    public override nint SharedHostPointer => HostAccess == GpuHostAccess.ReadsAndWrites ? MappedPointer : 0;

    /// <summary>
    /// The GPU stream whose batch wrote this memory last (set when that write is recorded): a download waits for it
    /// on the device too, so the copy is ordered after it for the GPU as well as for the host.
    /// </summary>
    public CommandRecorder? LastWriter { get; set; }

    public override void Download(nint destination, long bytes) => _transfer.Download(this, destination, bytes);

    /// <summary>The GPU's allocation behind a buffer's device copy.</summary>
    /// <exception cref="InvalidOperationException">The memory is not this backend's.</exception>
    public static GpuAllocation Of(DeviceMemory memory)
        => memory as GpuAllocation
           ?? throw new InvalidOperationException("An array's device memory was not allocated by the GPU backend, so the GPU cannot bind it.");
}

/// <summary>What the host may do with a <see cref="GpuAllocation"/> through its mapping.</summary>
internal enum GpuHostAccess
{
    /// <summary>Nothing: device memory the CPU cannot map; bytes go through staging buffers.</summary>
    None,

    /// <summary>
    /// Writes only: VRAM mapped through BAR, which the CPU writes at several GB/s and reads at tens of MB/s
    /// (docs/PERFORMANCE.md); reads go through staging buffers, but for a few bytes
    /// (<see cref="GpuTransfer.MappedReadBytes"/>).
    /// </summary>
    Writes,

    /// <summary>Both, at host memory's speed: unified memory, which the host uses as the buffer's host copy too.</summary>
    ReadsAndWrites,
}

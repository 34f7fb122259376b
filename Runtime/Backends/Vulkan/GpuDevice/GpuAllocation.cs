using Tandem.Memory;
using Tandem.Backends.Vulkan.Compute;

namespace Tandem.Backends.Vulkan.GpuDevice;

/// <summary>
/// The <see cref="MemoryBlock.BackendHandle"/> of an array's memory when there is a GPU: its mapped host memory and,
/// on a discrete GPU, the device-local <see cref="DeviceMirror"/> kernels bind instead.
/// </summary>
internal sealed class GpuAllocation : IHostCoherence
{
    public GpuAllocation(BufferSlice host, ulong capacity, DeviceMirror? mirror)
    {
        Host = host;
        Capacity = capacity;
        Mirror = mirror;
    }

    /// <summary>The mapped memory the host uses; on unified memory kernels bind it too.</summary>
    public BufferSlice Host { get; }

    /// <summary>The bytes reserved, at least the array's length.</summary>
    public ulong Capacity { get; }

    /// <summary>The device copy on a discrete GPU; null where one allocation serves both.</summary>
    public DeviceMirror? Mirror { get; }

    public void PrepareHostAccess(bool write) => Mirror?.PrepareHostAccess(write);

    /// <summary>What a kernel on <paramref name="stream"/> binds, made current for it (see <see cref="DeviceMirror"/>).</summary>
    public BufferSlice PrepareDeviceAccess(bool write, CommandRecorder stream, out ulong uploadValue)
    {
        if (Mirror is null)
        {
            uploadValue = 0;
            return Host;
        }

        return Mirror.PrepareDeviceAccess(write, stream, out uploadValue);
    }
}

using System.Threading;
using Tandem.Memory;
using Tandem.Scheduling;

namespace Tandem.Devices;

/// <summary>
/// What a device contributes to the runtime: its <see cref="Tandem.Device"/>, the executors of its streams, and
/// (for a GPU that shares memory with the host) the allocator every array comes from.
/// </summary>
internal abstract class DeviceBackend
{
    private readonly Lock _gate = new();
    private DeviceStream? _defaultStream;

    protected DeviceBackend(Device device) => Device = device;

    /// <summary>The public face of this device.</summary>
    public Device Device { get; }

    /// <summary>
    /// True for a GPU that is software running on the host's cores (a Vulkan device of type CPU, such as llvmpipe): it
    /// serves <see cref="Mx.Gpu"/>, but every op on it is slower than on the CPU backend, so it is not the default.
    /// </summary>
    public virtual bool IsSoftware => false;

    /// <summary>
    /// The allocator for arrays when this backend is active, or null to keep the host allocator. A GPU backend
    /// returns one whose blocks are host-visible device memory, so its kernels bind arrays without copies.
    /// </summary>
    public virtual MemoryAllocator? ArrayAllocator => null;

    /// <summary>The stream ops on this device use unless told otherwise; made on first use.</summary>
    public DeviceStream DefaultStream
    {
        get
        {
            lock (_gate)
            {
                return _defaultStream ??= StreamRegistry.Create(this, isDefault: true);
            }
        }
    }

    /// <summary>Makes the executor of a new stream of this device.</summary>
    public abstract StreamExecutor CreateExecutor(DeviceStream stream);
}

using System.Threading;
using Tandem.Memory;
using Tandem.Scheduling;

namespace Tandem.Devices;

/// <summary>
/// What a device contributes to the runtime: its <see cref="Tandem.Device"/>, the executors of its streams, and
/// (for a GPU) the memory of arrays' device copies.
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
    /// The device's memory for arrays' device copies, counted in <see cref="DeviceRegistry.Ledger"/>; null for a
    /// device that works on host memory (the CPU).
    /// </summary>
    public virtual DeviceMemoryAllocator? DeviceMemory => null;

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

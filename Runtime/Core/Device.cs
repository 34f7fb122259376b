namespace Tandem;

/// <summary>
/// A processor that runs kernels: <see cref="Mx.Cpu"/> or <see cref="Mx.Gpu"/>. Arrays belong to no device; pick
/// the device per operation.
/// </summary>
public sealed class Device
{
    internal Device(DeviceType type, string name, uint vendorId = 0, bool isSoftware = false)
    {
        Type = type;
        Name = name;
        VendorId = vendorId;
        IsSoftware = isSoftware;
    }

    /// <summary>Whether this is the CPU or a GPU.</summary>
    public DeviceType Type { get; }

    /// <summary>A human-readable name, e.g. the GPU's product name.</summary>
    public string Name { get; }

    /// <summary>The GPU's PCI vendor ID (0x10DE NVIDIA, 0x1002 AMD, 0x8086 Intel); 0 for the CPU. Ops tune kernels by it.</summary>
    internal uint VendorId { get; }

    /// <summary>True for a GPU implemented in software on the CPU (llvmpipe), whose limits differ from hardware's.</summary>
    internal bool IsSoftware { get; }

    /// <summary>
    /// The lanes of the device's subgroups where the built-in ops may run kernels that combine through them
    /// (<see cref="Wave"/>); 0 where they may not: the CPU, a GPU without subgroup arithmetic, or
    /// <c>TANDEM_GPU_SUBGROUPS=0</c>.
    /// </summary>
    internal int SubgroupLanes { get; init; }

    /// <summary>The short form used in messages: <c>cpu</c> or <c>gpu</c>.</summary>
    internal string ShortName => Type == DeviceType.Cpu ? "cpu" : "gpu";

    /// <inheritdoc />
    public override string ToString() => $"Device({ShortName}, {Name})";
}

namespace Tandem;

/// <summary>The kind of processor a device is.</summary>
public enum DeviceType
{
    /// <summary>The host's cores.</summary>
    Cpu,

    /// <summary>A GPU, through Vulkan.</summary>
    Gpu,
}

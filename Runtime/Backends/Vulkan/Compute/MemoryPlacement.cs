using System;
using System.Linq;
using Silk.NET.Vulkan;

namespace Tandem.Backends.Vulkan.Compute;

// Tandem.Device (the public device type) would otherwise hide Vulkan's device handle here.
using Device = Silk.NET.Vulkan.Device;

/// <summary>Where a <see cref="VulkanBuffer"/>'s memory lives, and whether the CPU can map it.</summary>
internal enum MemoryPlacement
{
    /// <summary>
    /// The context's policy: <see cref="Unified"/> on unified-memory devices (llvmpipe, integrated GPUs) and
    /// on discrete GPUs whose whole memory is host-visible (resizable BAR); <see cref="DeviceLocal"/> otherwise.
    /// </summary>
    Default,

    /// <summary>
    /// One persistently mapped, host-coherent allocation that the CPU and the device both use: device-local and
    /// host-visible where the device has such memory (integrated, llvmpipe, resizable BAR), else host memory.
    /// </summary>
    Unified,

    /// <summary>Device-local memory the CPU does not map; bytes move through a <see cref="Staging"/> buffer.</summary>
    DeviceLocal,

    /// <summary>
    /// Host memory for copies to and from <see cref="DeviceLocal"/> buffers: host-visible and coherent, cached
    /// where available (fast CPU reads), not device-local where there is a choice.
    /// </summary>
    Staging,
}

/// <summary>Chooses a memory type for a placement.</summary>
internal static class MemoryTypeSelector
{
    private const MemoryPropertyFlags Local = MemoryPropertyFlags.DeviceLocalBit;
    private const MemoryPropertyFlags Mappable = MemoryPropertyFlags.HostVisibleBit | MemoryPropertyFlags.HostCoherentBit;
    private const MemoryPropertyFlags Cached = MemoryPropertyFlags.HostCachedBit;

    /// <summary>Resolves <see cref="MemoryPlacement.Default"/> for a device.</summary>
    public static MemoryPlacement Resolve(MemoryPlacement placement, DeviceInfo device)
        => placement != MemoryPlacement.Default ? placement
            : device.IsUnifiedMemory || device.HasFullHostVisibleDeviceMemory ? MemoryPlacement.Unified
            : MemoryPlacement.DeviceLocal;

    /// <summary>
    /// The best memory type among <paramref name="allowedTypeBits"/> (from <c>VkMemoryRequirements</c>) for a
    /// placement, or -1 when none fits.
    /// </summary>
    public static int Select(DeviceInfo device, MemoryPlacement placement, uint allowedTypeBits)
    {
        MemoryTypeInfo[] allowed = device.MemoryTypes.Where(t => (allowedTypeBits & (1u << t.Index)) != 0).ToArray();

        // Preferences in order; the first flag set that some allowed type has wins, lowest index first
        // (Vulkan orders types so that earlier ones perform better).
        MemoryPropertyFlags[][] preferences = placement switch
        {
            MemoryPlacement.Unified => [[Local | Mappable | Cached], [Local | Mappable], [Mappable | Cached], [Mappable]],
            MemoryPlacement.DeviceLocal => [[Local]],
            MemoryPlacement.Staging => [[Mappable | Cached], [Mappable]],
            _ => throw new ArgumentOutOfRangeException(nameof(placement), placement, "Resolve the default placement first."),
        };

        foreach (MemoryPropertyFlags[] wanted in preferences)
        {
            foreach (MemoryPropertyFlags flags in wanted)
            {
                foreach (MemoryTypeInfo type in allowed)
                {
                    bool deviceLocalOk = placement != MemoryPlacement.Staging || !type.Has(Local) || OnlyLocalMappable(device, allowed);
                    if (type.Has(flags) && deviceLocalOk && (type.Flags & MemoryPropertyFlags.ProtectedBit) == 0)
                    {
                        return type.Index;
                    }
                }
            }
        }

        return -1;
    }

    // Staging memory should be plain host memory, but a unified device may have nothing else.
    private static bool OnlyLocalMappable(DeviceInfo device, MemoryTypeInfo[] allowed)
        => !allowed.Any(t => t.Has(Mappable) && !t.Has(Local));
}

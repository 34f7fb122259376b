using System;
using System.Collections.Generic;
using System.Globalization;
using Silk.NET.Vulkan;
using Tandem.Abi;

namespace Tandem.Backends.Vulkan.Compute;

/// <summary>One memory heap of the device.</summary>
/// <param name="Size">Its size in bytes.</param>
/// <param name="Flags">Whether it is device-local.</param>
internal readonly record struct MemoryHeapInfo(ulong Size, MemoryHeapFlags Flags)
{
    public bool IsDeviceLocal => (Flags & MemoryHeapFlags.DeviceLocalBit) != 0;
}

/// <summary>One memory type of the device.</summary>
/// <param name="Index">Its index, as <c>vkAllocateMemory</c> takes it.</param>
/// <param name="Flags">Its properties.</param>
/// <param name="HeapIndex">The heap it allocates from.</param>
internal readonly record struct MemoryTypeInfo(int Index, MemoryPropertyFlags Flags, int HeapIndex)
{
    public bool Has(MemoryPropertyFlags flags) => (Flags & flags) == flags;
}

/// <summary>The device limits the compute layer checks against.</summary>
internal sealed record DeviceLimits(
    Index3D MaxComputeWorkGroupCount,
    Index3D MaxComputeWorkGroupSize,
    int MaxComputeWorkGroupInvocations,
    ulong MaxStorageBufferRange,
    int MaxPushConstantsSize,
    ulong MinStorageBufferOffsetAlignment,
    int MaxBoundDescriptorSets,
    int MaxPerStageDescriptorStorageBuffers,
    double TimestampPeriodNanoseconds);

/// <summary>Optional features, as supported by the device and enabled on the logical device.</summary>
internal sealed record DeviceFeatures(
    bool ShaderFloat64,
    bool ShaderInt64,
    bool StorageBuffer16BitAccess,
    bool UniformAndStorageBuffer16BitAccess,
    bool ScalarBlockLayout,
    bool RobustBufferAccess2,
    bool PushDescriptor)
{
    /// <summary>
    /// The device honours SPIR-V's SignedZeroInfNanPreserve for 32-bit floats (<c>shaderSignedZeroInfNanPreserveFloat32</c>,
    /// a property of Vulkan 1.2's float controls: nothing to enable).
    /// </summary>
    public bool SignedZeroInfNanPreserveFloat32 { get; init; }

    /// <summary>The same for 64-bit floats (<c>shaderSignedZeroInfNanPreserveFloat64</c>).</summary>
    public bool SignedZeroInfNanPreserveFloat64 { get; init; }

    /// <summary>What the device's subgroups offer compute shaders (Vulkan 1.1's <c>VkPhysicalDeviceSubgroupProperties</c>).</summary>
    public SubgroupSupport Subgroups { get; init; } = SubgroupSupport.None;

    /// <summary>The float widths whose NaN, infinities and signed zeros shaders can ask the driver to keep.</summary>
    public SpirvFloatControls.Widths PreservedFloatWidths =>
        (SignedZeroInfNanPreserveFloat32 ? SpirvFloatControls.Widths.Float32 : SpirvFloatControls.Widths.None)
        | (SignedZeroInfNanPreserveFloat64 ? SpirvFloatControls.Widths.Float64 : SpirvFloatControls.Widths.None);
}

/// <summary>Everything known about the chosen physical device; immutable.</summary>
internal sealed record DeviceInfo(
    int Index,
    string Name,
    PhysicalDeviceType Type,
    uint VendorId,
    uint DeviceId,
    uint ApiVersion,
    uint DriverVersion,
    string DriverName,
    string DriverInfo,
    IReadOnlyList<MemoryHeapInfo> MemoryHeaps,
    IReadOnlyList<MemoryTypeInfo> MemoryTypes,
    DeviceLimits Limits,
    DeviceFeatures Features,
    int ComputeQueueFamily,
    int ComputeQueueFamilyQueueCount,
    bool ComputeQueueFamilyIsComputeOnly)
{
    /// <summary>The API version as text, e.g. <c>1.3.230</c>.</summary>
    public string ApiVersionText => FormatVersion(ApiVersion);

    /// <summary>
    /// True where the CPU and the device share memory: an integrated GPU or a CPU implementation such as
    /// llvmpipe. There one host-visible allocation serves both (see <see cref="MemoryPlacement.Unified"/>).
    /// </summary>
    public bool IsUnifiedMemory => Type is PhysicalDeviceType.IntegratedGpu or PhysicalDeviceType.Cpu;

    /// <summary>
    /// True where (nearly) all device-local memory is also host-visible and coherent (resizable BAR, as on
    /// the H100/H200): a device-local buffer can be mapped by the CPU.
    /// </summary>
    public bool HasFullHostVisibleDeviceMemory
    {
        get
        {
            ulong largestLocal = 0, largestMappable = 0;
            foreach (MemoryHeapInfo heap in MemoryHeaps)
            {
                if (heap.IsDeviceLocal)
                {
                    largestLocal = Math.Max(largestLocal, heap.Size);
                }
            }

            foreach (MemoryTypeInfo type in MemoryTypes)
            {
                if (type.Has(MemoryPropertyFlags.DeviceLocalBit | MemoryPropertyFlags.HostVisibleBit | MemoryPropertyFlags.HostCoherentBit))
                {
                    largestMappable = Math.Max(largestMappable, MemoryHeaps[type.HeapIndex].Size);
                }
            }

            return largestLocal > 0 && largestMappable >= largestLocal / 10 * 9;
        }
    }

    /// <summary>Decodes a packed Vulkan version.</summary>
    public static string FormatVersion(uint version) => string.Create(CultureInfo.InvariantCulture,
        $"{(version >> 22) & 0x7F}.{(version >> 12) & 0x3FF}.{version & 0xFFF}");

    /// <summary>A one-line description for logs and benchmark tables.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Name} ({Type}, Vulkan {ApiVersionText}, {DriverName} {DriverInfo})");
}

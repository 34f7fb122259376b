using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using Silk.NET.Vulkan;

namespace Tandem.Backends.Vulkan.Compute;

/// <summary>
/// Picks the physical device: discrete &gt; integrated &gt; virtual &gt; CPU (llvmpipe), larger device-local
/// memory first among equals; <c>TANDEM_VULKAN_DEVICE</c> (an index or a name substring) overrides. Only
/// devices with Vulkan 1.2+, timeline semaphores and a compute queue qualify.
/// </summary>
internal static unsafe class PhysicalDeviceSelector
{
    public const string DeviceVariable = "TANDEM_VULKAN_DEVICE";
    public const string PushDescriptorExtension = "VK_KHR_push_descriptor";
    public const string Robustness2Extension = "VK_EXT_robustness2";

    /// <summary>Samples the GPU's clock with the host's (tracing); the KHR name first, then the EXT one.</summary>
    public static readonly string[] CalibratedTimestampsExtensions = ["VK_KHR_calibrated_timestamps", "VK_EXT_calibrated_timestamps"];

    /// <summary>A device the selector looked at, with why it does not qualify (null when it does).</summary>
    internal sealed record Candidate(PhysicalDevice Handle, DeviceInfo Info, string? Unsuitable, IReadOnlySet<string> Extensions);

    /// <summary>Chooses a device, or throws <see cref="VulkanUnavailableException"/> saying why none fits.</summary>
    /// <param name="vk">The API.</param>
    /// <param name="instance">The instance.</param>
    /// <param name="preference">An index or a name substring; null reads <see cref="DeviceVariable"/>.</param>
    public static Candidate Select(Vk vk, Instance instance, string? preference)
    {
        List<Candidate> all = Enumerate(vk, instance);
        if (all.Count == 0)
        {
            throw new VulkanUnavailableException("The Vulkan loader found no physical device.");
        }

        preference ??= Environment.GetEnvironmentVariable(DeviceVariable);
        if (!string.IsNullOrWhiteSpace(preference))
        {
            Candidate? chosen = int.TryParse(preference, NumberStyles.Integer, CultureInfo.InvariantCulture, out int index)
                ? all.FirstOrDefault(c => c.Info.Index == index)
                : all.FirstOrDefault(c => c.Info.Name.Contains(preference, StringComparison.OrdinalIgnoreCase));
            if (chosen is null)
            {
                throw VulkanUnavailableException.WithoutInstallHint(
                    $"{DeviceVariable}='{preference}' matches no Vulkan device; found: {Describe(all)}. "
                    + $"Set {DeviceVariable} to one of their indices or a part of a name, or unset it to take the best.");
            }

            return chosen.Unsuitable is null
                ? chosen
                : throw VulkanUnavailableException.WithoutInstallHint(
                    $"{DeviceVariable}='{preference}' picks '{chosen.Info.Name}', which cannot be used: {chosen.Unsuitable}. "
                    + $"Pick another of: {Describe(all)}, or unset {DeviceVariable}.");
        }

        Candidate? best = all.Where(c => c.Unsuitable is null)
            .OrderByDescending(c => Rank(c.Info.Type))
            .ThenByDescending(c => c.Info.MemoryHeaps.Where(h => h.IsDeviceLocal).Select(h => h.Size).DefaultIfEmpty(0UL).Max())
            .ThenBy(c => c.Info.Index)
            .FirstOrDefault();
        return best ?? throw new VulkanUnavailableException($"No Vulkan device is usable: {Describe(all)}.");
    }

    private static int Rank(PhysicalDeviceType type) => type switch
    {
        PhysicalDeviceType.DiscreteGpu => 4,
        PhysicalDeviceType.IntegratedGpu => 3,
        PhysicalDeviceType.VirtualGpu => 2,
        PhysicalDeviceType.Cpu => 1,
        _ => 0,
    };

    private static string Describe(List<Candidate> all) => string.Join("; ", all.Select(c =>
        string.Create(CultureInfo.InvariantCulture, $"[{c.Info.Index}] {c.Info.Name} ({c.Info.Type})") +
        (c.Unsuitable is null ? string.Empty : ": " + c.Unsuitable)));

    /// <summary>Every physical device the loader reports, described, with why each does not qualify.</summary>
    internal static List<Candidate> Enumerate(Vk vk, Instance instance)
    {
        uint count = 0;
        VkCheck.Success(vk.EnumeratePhysicalDevices(instance, &count, null), "vkEnumeratePhysicalDevices");
        var handles = new PhysicalDevice[count];
        fixed (PhysicalDevice* p = handles)
        {
            VkCheck.Success(vk.EnumeratePhysicalDevices(instance, &count, p), "vkEnumeratePhysicalDevices");
        }

        var result = new List<Candidate>((int)count);
        for (int i = 0; i < (int)count; i++)
        {
            result.Add(Describe(vk, handles[i], i));
        }

        return result;
    }

    private static Candidate Describe(Vk vk, PhysicalDevice device, int index)
    {
        HashSet<string> extensions = DeviceExtensions(vk, device);

        var subgroup = new PhysicalDeviceSubgroupProperties { SType = StructureType.PhysicalDeviceSubgroupProperties };
        var floatControls = new PhysicalDeviceFloatControlsProperties { SType = StructureType.PhysicalDeviceFloatControlsProperties, PNext = &subgroup };
        var driver = new PhysicalDeviceDriverProperties { SType = StructureType.PhysicalDeviceDriverProperties, PNext = &floatControls };
        var properties2 = new PhysicalDeviceProperties2 { SType = StructureType.PhysicalDeviceProperties2, PNext = &driver };
        vk.GetPhysicalDeviceProperties2(device, &properties2);
        PhysicalDeviceProperties p = properties2.Properties;

        var robustness2 = new PhysicalDeviceRobustness2FeaturesEXT { SType = StructureType.PhysicalDeviceRobustness2FeaturesExt };
        var f12 = new PhysicalDeviceVulkan12Features { SType = StructureType.PhysicalDeviceVulkan12Features };
        var f11 = new PhysicalDeviceVulkan11Features { SType = StructureType.PhysicalDeviceVulkan11Features, PNext = &f12 };
        if (extensions.Contains(Robustness2Extension))
        {
            f12.PNext = &robustness2;
        }

        var features2 = new PhysicalDeviceFeatures2 { SType = StructureType.PhysicalDeviceFeatures2, PNext = &f11 };
        bool atLeast12 = p.ApiVersion >= VulkanInstance.Version12;
        if (atLeast12)
        {
            vk.GetPhysicalDeviceFeatures2(device, &features2);
        }
        else
        {
            vk.GetPhysicalDeviceFeatures(device, out PhysicalDeviceFeatures basic);
            features2.Features = basic;
        }

        vk.GetPhysicalDeviceMemoryProperties(device, out PhysicalDeviceMemoryProperties memory);
        var heaps = new MemoryHeapInfo[memory.MemoryHeapCount];
        for (int h = 0; h < heaps.Length; h++)
        {
            heaps[h] = new MemoryHeapInfo(memory.MemoryHeaps[h].Size, memory.MemoryHeaps[h].Flags);
        }

        var types = new MemoryTypeInfo[memory.MemoryTypeCount];
        for (int t = 0; t < types.Length; t++)
        {
            types[t] = new MemoryTypeInfo(t, memory.MemoryTypes[t].PropertyFlags, (int)memory.MemoryTypes[t].HeapIndex);
        }

        (int family, int queueCount, bool computeOnly) = FindComputeFamily(vk, device);

        PhysicalDeviceLimits l = p.Limits;
        var limits = new DeviceLimits(
            new Index3D(Clamp(l.MaxComputeWorkGroupCount[0]), Clamp(l.MaxComputeWorkGroupCount[1]), Clamp(l.MaxComputeWorkGroupCount[2])),
            new Index3D(Clamp(l.MaxComputeWorkGroupSize[0]), Clamp(l.MaxComputeWorkGroupSize[1]), Clamp(l.MaxComputeWorkGroupSize[2])),
            Clamp(l.MaxComputeWorkGroupInvocations),
            l.MaxStorageBufferRange,
            Clamp(l.MaxPushConstantsSize),
            l.MinStorageBufferOffsetAlignment,
            Clamp(l.MaxBoundDescriptorSets),
            Clamp(l.MaxPerStageDescriptorStorageBuffers),
            l.TimestampPeriod);

        var features = new DeviceFeatures(
            ShaderFloat64: features2.Features.ShaderFloat64,
            ShaderInt64: features2.Features.ShaderInt64,
            StorageBuffer16BitAccess: atLeast12 && f11.StorageBuffer16BitAccess,
            UniformAndStorageBuffer16BitAccess: atLeast12 && f11.UniformAndStorageBuffer16BitAccess,
            ScalarBlockLayout: atLeast12 && f12.ScalarBlockLayout,
            RobustBufferAccess2: atLeast12 && extensions.Contains(Robustness2Extension) && robustness2.RobustBufferAccess2,
            PushDescriptor: extensions.Contains(PushDescriptorExtension))
        {
            SignedZeroInfNanPreserveFloat32 = atLeast12 && floatControls.ShaderSignedZeroInfNanPreserveFloat32,
            SignedZeroInfNanPreserveFloat64 = atLeast12 && floatControls.ShaderSignedZeroInfNanPreserveFloat64,
            Subgroups = atLeast12 ? SubgroupSupport.Of(subgroup) : SubgroupSupport.None,
        };

        var info = new DeviceInfo(
            index,
            Marshal.PtrToStringUTF8((nint)p.DeviceName) ?? "(unnamed)",
            p.DeviceType,
            p.VendorID,
            p.DeviceID,
            p.ApiVersion,
            p.DriverVersion,
            atLeast12 ? Marshal.PtrToStringUTF8((nint)driver.DriverName) ?? string.Empty : string.Empty,
            atLeast12 ? Marshal.PtrToStringUTF8((nint)driver.DriverInfo) ?? string.Empty : string.Empty,
            heaps,
            types,
            limits,
            features,
            family,
            queueCount,
            computeOnly);

        string? unsuitable =
            !atLeast12 ? $"Vulkan {info.ApiVersionText} is older than the 1.2 Tandem needs"
            : !f12.TimelineSemaphore ? "no timeline semaphores"
            : !features2.Features.RobustBufferAccess ? "no robustBufferAccess"
            : family < 0 ? "no compute queue"
            : null;
        return new Candidate(device, info, unsuitable, extensions);
    }

    private static (int Family, int Count, bool ComputeOnly) FindComputeFamily(Vk vk, PhysicalDevice device)
    {
        uint count = 0;
        vk.GetPhysicalDeviceQueueFamilyProperties(device, &count, null);
        var families = new QueueFamilyProperties[count];
        fixed (QueueFamilyProperties* f = families)
        {
            vk.GetPhysicalDeviceQueueFamilyProperties(device, &count, f);
        }

        // A compute-only family (no graphics) runs beside any graphics work; the one with most queues wins.
        int best = -1;
        for (int i = 0; i < families.Length; i++)
        {
            QueueFamilyProperties f = families[i];
            if ((f.QueueFlags & QueueFlags.ComputeBit) == 0 || f.QueueCount == 0)
            {
                continue;
            }

            if (best < 0 || Score(f) > Score(families[best]))
            {
                best = i;
            }
        }

        return best < 0
            ? (-1, 0, false)
            : (best, (int)families[best].QueueCount, (families[best].QueueFlags & QueueFlags.GraphicsBit) == 0);

        static long Score(QueueFamilyProperties f) => ((f.QueueFlags & QueueFlags.GraphicsBit) == 0 ? 1L << 32 : 0) + f.QueueCount;
    }

    private static HashSet<string> DeviceExtensions(Vk vk, PhysicalDevice device)
    {
        uint count = 0;
        VkCheck.Success(vk.EnumerateDeviceExtensionProperties(device, (byte*)null, &count, null), "vkEnumerateDeviceExtensionProperties");
        var properties = new ExtensionProperties[count];
        fixed (ExtensionProperties* e = properties)
        {
            VkCheck.Success(vk.EnumerateDeviceExtensionProperties(device, (byte*)null, &count, e), "vkEnumerateDeviceExtensionProperties");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < (int)count; i++)
        {
            fixed (byte* name = properties[i].ExtensionName)
            {
                names.Add(Encoding.UTF8.GetString(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(name)));
            }
        }

        return names;
    }

    private static int Clamp(uint value) => (int)Math.Min(value, int.MaxValue);
}

using System;
using Tandem.Abi;
using Tandem.Backends.Vulkan.Compute;
using Tandem.Backends.Vulkan.GpuDevice;
using Tandem.CompilerServices;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Backends.Vulkan.GpuDevice;

/// <summary>
/// Kernels that need 64-bit integers, 16-bit storage or more than the device's limits are refused at the launch,
/// naming the kernel and the missing Vulkan feature or limit, on a device without them (a description of this device
/// with the feature switched off or the limit lowered).
/// </summary>
public sealed class GpuFeatureTests : GpuTestBase
{
    [MxGpuFact]
    public void A_long_kernel_on_a_device_without_int64_is_refused_naming_shaderInt64()
    {
        var device = Backend.Context.Info;
        var longs = Descriptor("GpuFeatureTests.Longs", KernelFeatures.Int64);
        var failure = Assert.Throws<InvalidOperationException>(
            () => KernelPipelines.CheckFeatures(longs, device with { Features = device.Features with { ShaderInt64 = false } }));
        Assert.Contains("GpuFeatureTests.Longs", failure.Message, StringComparison.Ordinal);
        Assert.Contains("shaderInt64", failure.Message, StringComparison.Ordinal);
        KernelPipelines.CheckFeatures(longs, device with { Features = device.Features with { ShaderInt64 = true, StorageBuffer16BitAccess = false, UniformAndStorageBuffer16BitAccess = false } });
    }

    [MxGpuFact]
    public void A_Half_span_kernel_on_a_device_without_16_bit_storage_is_refused_naming_the_feature()
    {
        var device = Backend.Context.Info;
        var halves = Descriptor("GpuFeatureTests.Halves", KernelFeatures.Float16);
        var features = device.Features with { StorageBuffer16BitAccess = true, UniformAndStorageBuffer16BitAccess = true, ShaderInt64 = false };
        foreach (var (without, name) in new[]
        {
            (features with { StorageBuffer16BitAccess = false }, "storageBuffer16BitAccess"),
            (features with { UniformAndStorageBuffer16BitAccess = false }, "uniformAndStorageBuffer16BitAccess"),
        })
        {
            var failure = Assert.Throws<InvalidOperationException>(() => KernelPipelines.CheckFeatures(halves, device with { Features = without }));
            Assert.Contains("GpuFeatureTests.Halves", failure.Message, StringComparison.Ordinal);
            Assert.Contains(name, failure.Message, StringComparison.Ordinal);
        }

        KernelPipelines.CheckFeatures(halves, device with { Features = features });
    }

    [MxGpuFact]
    public void A_Wave_kernel_on_a_device_without_subgroup_operations_is_refused_naming_what_it_lacks()
    {
        var device = Backend.Context.Info;
        var waves = Descriptor("GpuFeatureTests.Waves", KernelFeatures.Subgroup);
        var shuffles = Descriptor("GpuFeatureTests.Shuffles", KernelFeatures.Subgroup | KernelFeatures.SubgroupShuffle);
        var none = device with { Features = device.Features with { Subgroups = SubgroupSupport.None } };
        var failure = Assert.Throws<InvalidOperationException>(() => KernelPipelines.CheckFeatures(waves, none));
        Assert.Contains("GpuFeatureTests.Waves", failure.Message, StringComparison.Ordinal);
        Assert.Contains("no subgroup arithmetic", failure.Message, StringComparison.Ordinal);

        var arithmeticOnly = device with { Features = device.Features with { Subgroups = new SubgroupSupport(32, Arithmetic: true, Shuffle: false) } };
        KernelPipelines.CheckFeatures(waves, arithmeticOnly);
        failure = Assert.Throws<InvalidOperationException>(() => KernelPipelines.CheckFeatures(shuffles, arithmeticOnly));
        Assert.Contains("Wave.ReadLane", failure.Message, StringComparison.Ordinal);
        Assert.Contains("subgroups of 32 lanes with arithmetic and no shuffle", failure.Message, StringComparison.Ordinal);
        KernelPipelines.CheckFeatures(shuffles, device with { Features = device.Features with { Subgroups = new SubgroupSupport(8, Arithmetic: true, Shuffle: true) } });
    }

    [MxGpuFact]
    public void This_device_reports_its_subgroups()
    {
        // llvmpipe (CI's GPU) has subgroups of 8 lanes with every operation; a real GPU has 16 to 128.
        var subgroups = Backend.Context.Info.Features.Subgroups;
        Assert.InRange(subgroups.Size, 1, 128);
        Assert.True(subgroups.Arithmetic && subgroups.Shuffle, subgroups.ToString());
    }

    [MxGpuFact]
    public void A_group_size_the_device_does_not_allow_is_refused_at_the_launch_naming_the_limit()
    {
        // A GPU whose groups are at most 64 deep (NVIDIA's Z limit) and a kernel of [Kernel(1, 1, 128)].
        var device = Backend.Context.Info;
        var limited = device with { Limits = device.Limits with { MaxComputeWorkGroupSize = new Index3D(1024, 1024, 64) } };
        var deep = new KernelDescriptor("GpuFeatureTests.Deep", 3, new Index3D(1, 1, 128), string.Empty, "Main", [], KernelAbi.HeaderSize, KernelFeatures.None);
        var failure = Assert.Throws<InvalidOperationException>(() => KernelPipelines.CheckLimits(deep, limited));
        Assert.Contains("GpuFeatureTests.Deep", failure.Message, StringComparison.Ordinal);
        Assert.Contains("(1, 1, 128)", failure.Message, StringComparison.Ordinal);
        Assert.Contains("(1024, 1024, 64)", failure.Message, StringComparison.Ordinal);
        KernelPipelines.CheckLimits(deep, device with { Limits = device.Limits with { MaxComputeWorkGroupSize = new Index3D(1024, 1024, 128) } });

        var wide = Descriptor("GpuFeatureTests.Wide", KernelFeatures.None);
        var tight = device with { Limits = device.Limits with { MaxPushConstantsSize = KernelAbi.HeaderSize - 4 } };
        Assert.Contains("push constants", Assert.Throws<InvalidOperationException>(() => KernelPipelines.CheckLimits(wide, tight)).Message, StringComparison.Ordinal);
    }

    private static KernelDescriptor Descriptor(string name, KernelFeatures features) =>
        new(name, 1, new Index3D(64, 1, 1), string.Empty, "Main", [], KernelAbi.HeaderSize, features);
}

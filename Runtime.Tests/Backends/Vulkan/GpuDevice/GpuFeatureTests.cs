using System;
using Tandem.Abi;
using Tandem.Backends.Vulkan.GpuDevice;
using Tandem.CompilerServices;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Backends.Vulkan.GpuDevice;

/// <summary>
/// Kernels that need 64-bit integers or 16-bit storage are refused at the launch, naming the kernel and the missing
/// Vulkan feature, on a device without them (a description of this device with the feature switched off).
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

    private static KernelDescriptor Descriptor(string name, KernelFeatures features) =>
        new(name, 1, new Index3D(64, 1, 1), string.Empty, "Main", [], KernelAbi.HeaderSize, features);
}

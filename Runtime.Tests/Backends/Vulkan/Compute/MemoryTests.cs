using System;
using Silk.NET.Vulkan;
using Tandem.Backends.Vulkan.Compute;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Backends.Vulkan.Compute;

public sealed class MemoryTests(VulkanFixture fixture) : VulkanTestBase(fixture)
{
    [GpuFact]
    public void Unified_buffers_are_mapped_and_device_local_on_unified_devices()
    {
        using VulkanBuffer buffer = Context.CreateBuffer(1000);
        Assert.Equal(1000UL, buffer.Size);
        if (Context.Info.IsUnifiedMemory)
        {
            Assert.Equal(MemoryPlacement.Unified, buffer.Placement);
            Assert.True(buffer.IsHostVisible);
            Assert.True(buffer.IsDeviceLocal);
        }

        buffer.AsSpan<int>()[249] = 42;
        Assert.Equal(42, buffer.AsSpan<int>()[249]);
        buffer.Dispose();
        buffer.Dispose(); // idempotent
        Assert.Throws<ObjectDisposedException>(() => buffer.Handle);
    }

    [GpuFact]
    public void A_device_local_buffer_without_host_mapping_refuses_host_access()
    {
        using VulkanBuffer buffer = Context.CreateBuffer(64, MemoryPlacement.DeviceLocal);
        if (!buffer.IsHostVisible)
        {
            Assert.Throws<InvalidOperationException>(() => buffer.HostBytes.Length);
        }
    }

    [GpuFact]
    public void An_allocation_larger_than_the_device_is_an_OutOfMemoryException()
    {
        Assert.Throws<OutOfMemoryException>(() => Context.CreateBuffer(1UL << 44));
    }

    [Fact]
    public void Placement_policy_prefers_mappable_device_memory()
    {
        const MemoryPropertyFlags local = MemoryPropertyFlags.DeviceLocalBit;
        const MemoryPropertyFlags mappable = MemoryPropertyFlags.HostVisibleBit | MemoryPropertyFlags.HostCoherentBit;
        // A discrete GPU without resizable BAR: local, host (coherent), host (cached), 256 MiB BAR window.
        DeviceInfo discrete = FakeDevice(PhysicalDeviceType.DiscreteGpu,
            [new MemoryHeapInfo(80UL << 30, MemoryHeapFlags.DeviceLocalBit), new MemoryHeapInfo(64UL << 30, 0), new MemoryHeapInfo(256UL << 20, MemoryHeapFlags.DeviceLocalBit)],
            [new MemoryTypeInfo(0, local, 0), new MemoryTypeInfo(1, mappable, 1), new MemoryTypeInfo(2, mappable | MemoryPropertyFlags.HostCachedBit, 1), new MemoryTypeInfo(3, local | mappable, 2)]);
        Assert.False(discrete.HasFullHostVisibleDeviceMemory);
        Assert.Equal(MemoryPlacement.DeviceLocal, MemoryTypeSelector.Resolve(MemoryPlacement.Default, discrete));
        Assert.Equal(0, MemoryTypeSelector.Select(discrete, MemoryPlacement.DeviceLocal, 0xF));
        Assert.Equal(2, MemoryTypeSelector.Select(discrete, MemoryPlacement.Staging, 0xF));
        Assert.Equal(3, MemoryTypeSelector.Select(discrete, MemoryPlacement.Unified, 0xF));

        // H100/H200: all device memory is DEVICE_LOCAL|HOST_VISIBLE|HOST_COHERENT.
        DeviceInfo rebar = FakeDevice(PhysicalDeviceType.DiscreteGpu,
            [new MemoryHeapInfo(80UL << 30, MemoryHeapFlags.DeviceLocalBit), new MemoryHeapInfo(64UL << 30, 0)],
            [new MemoryTypeInfo(0, local, 0), new MemoryTypeInfo(1, local | mappable, 0), new MemoryTypeInfo(2, mappable | MemoryPropertyFlags.HostCachedBit, 1)]);
        Assert.True(rebar.HasFullHostVisibleDeviceMemory);
        Assert.Equal(MemoryPlacement.Unified, MemoryTypeSelector.Resolve(MemoryPlacement.Default, rebar));
        Assert.Equal(1, MemoryTypeSelector.Select(rebar, MemoryPlacement.Unified, 0x7));
        Assert.Equal(2, MemoryTypeSelector.Select(rebar, MemoryPlacement.Staging, 0x7));
        Assert.Equal(-1, MemoryTypeSelector.Select(rebar, MemoryPlacement.Staging, 0x1));
    }

    private static DeviceInfo FakeDevice(PhysicalDeviceType type, MemoryHeapInfo[] heaps, MemoryTypeInfo[] types) => new(
        0, "fake", type, 0, 0, VulkanInstance.Version13, 0, "fake", "fake", heaps, types,
        new DeviceLimits(new Index3D(65535, 65535, 65535), new Index3D(1024, 1024, 64), 1024, 1UL << 31, 256, 16, 8, 64, 1),
        new DeviceFeatures(true, true, true, true, true, true, true), 0, 8, true);
}

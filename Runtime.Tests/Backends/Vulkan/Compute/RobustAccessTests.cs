using System;
using Tandem.Abi;
using Tandem.Backends.Vulkan.Compute;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Backends.Vulkan.Compute;

public sealed class RobustAccessTests(VulkanFixture fixture) : VulkanTestBase(fixture)
{
    [GpuFact]
    public void An_out_of_range_write_does_not_touch_the_neighbouring_array()
    {
        // Two 16-float arrays inside one allocation, canaries around them; the kernel writes 256 elements to each.
        const int length = 16;
        const float canary = 12345f;
        ulong second = Math.Max(256UL, Context.Info.Limits.MinStorageBufferOffsetAlignment);
        using VulkanBuffer buffer = Context.CreateBuffer(second * 4, MemoryPlacement.Unified);
        Span<float> all = buffer.AsSpan<float>();
        all.Fill(canary);

        ComputePipeline overrun = Context.Pipelines.GetOrCreate(TestKernels.Overrun, "Overrun", 2, KernelAbi.ScalarsOffset(2), new Index3D(64, 1, 1));
        using CommandRecorder stream = Context.CreateRecorder();
        stream.Dispatch(overrun, 1, new Index3D(256, 1, 1),
            [BufferBinding.Of<float>(buffer, length), BufferBinding.Of<float>(buffer, length, offset: second)], []);
        stream.SubmitAndWait();

        int secondStart = (int)(second / 4);
        for (int i = 0; i < all.Length; i++)
        {
            bool inside = i < length || (i >= secondStart && i < secondStart + length);
            Assert.True(all[i] == (inside ? 7f : canary), $"float {i} is {all[i]}");
        }
    }

    [GpuFact]
    public void The_device_has_robust_buffer_access_and_reports_its_features()
    {
        DeviceInfo info = Context.Info;
        Assert.True(info.Limits.MaxComputeWorkGroupCount.X >= 65535);
        Assert.True(info.Limits.MaxStorageBufferRange >= 1 << 27);
        Assert.True(info.Limits.MaxPushConstantsSize >= 128);
        Assert.NotEmpty(info.MemoryHeaps);
        Assert.NotEmpty(info.MemoryTypes);
        Assert.InRange(Context.Queues.Count, 1, 4);
        Assert.False(string.IsNullOrEmpty(info.Name));
        Assert.True(Context.ValidationEnabled || !VulkanInstance.ValidationRequestedByEnvironment(),
            "validation was asked for, but the validation layer is not active");
    }
}

using System;
using Tandem.Abi;
using Tandem.Backends.Vulkan.Compute;
using Xunit;

namespace Tandem.Runtime.Tests.Backends.Vulkan.Compute;

public sealed class DispatchGridTests
{
    private static readonly Index3D Max = new(65535, 65535, 65535);

    [Fact]
    public void Small_1D_launches_use_X_only()
    {
        DispatchGrid grid = DispatchGrid.Compute(1, new Index3D(1000, 1, 1), new Index3D(64, 1, 1), Max);
        Assert.Equal(new Index3D(16, 1, 1), grid.Groups);
        Assert.Equal(16 * 64, grid.DispatchWidth);
    }

    [Fact]
    public void Large_1D_launches_fold_into_Y_and_cover_every_index()
    {
        int n = 70_000 * 64;
        DispatchGrid grid = DispatchGrid.Compute(1, new Index3D(n, 1, 1), new Index3D(64, 1, 1), Max);
        Assert.True(grid.Groups.X <= Max.X);
        Assert.Equal(2, grid.Groups.Y);
        Assert.Equal(grid.Groups.X * 64, grid.DispatchWidth);
        Assert.True((long)grid.DispatchWidth * grid.Groups.Y >= n);
    }

    [Fact]
    public void Two_D_launches_map_directly_and_fail_clearly_past_the_limit()
    {
        DispatchGrid grid = DispatchGrid.Compute(2, new Index3D(100, 30, 1), new Index3D(16, 16, 1), Max);
        Assert.Equal(new Index3D(7, 2, 1), grid.Groups);
        ArgumentException e = Assert.Throws<ArgumentException>(() => DispatchGrid.Compute(2, new Index3D(70_000 * 16, 1, 1), new Index3D(16, 1, 1), Max));
        Assert.Contains("thread groups", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_extents_dispatch_nothing()
    {
        Assert.True(DispatchGrid.Compute(1, new Index3D(0, 1, 1), new Index3D(64, 1, 1), Max).IsEmpty);
        Assert.True(DispatchGrid.Compute(3, new Index3D(4, 0, 4), new Index3D(4, 4, 4), Max).IsEmpty);
    }

    [Fact]
    public void Uniform_header_and_lengths_are_written_in_order()
    {
        byte[] block = new byte[KernelAbi.ScalarsOffset(2) + 4];
        var grid = new DispatchGrid(new Index3D(2, 1, 1), new Index3D(100, 1, 1), 128);
        UniformHeader.Write(block, grid, [100, 7]);
        Assert.Equal(100, BitConverter.ToInt32(block, 0));
        Assert.Equal(1, BitConverter.ToInt32(block, 4));
        Assert.Equal(1, BitConverter.ToInt32(block, 8));
        Assert.Equal(128, BitConverter.ToInt32(block, 12));
        Assert.Equal(100, BitConverter.ToInt32(block, 16));
        Assert.Equal(7, BitConverter.ToInt32(block, 20));
    }

    [Fact]
    public void Vulkan_errors_map_to_managed_exceptions()
    {
        Assert.IsType<VulkanDeviceLostException>(VkCheck.Exception(Silk.NET.Vulkan.Result.ErrorDeviceLost, "vkQueueSubmit"));
        Assert.IsType<OutOfMemoryException>(VkCheck.Exception(Silk.NET.Vulkan.Result.ErrorOutOfDeviceMemory, "vkAllocateMemory"));
        Assert.IsType<VulkanException>(VkCheck.Exception(Silk.NET.Vulkan.Result.ErrorInitializationFailed, "vkCreateDevice"));
    }
}

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
    public void Two_D_launches_map_directly()
    {
        DispatchGrid grid = DispatchGrid.Compute(2, new Index3D(100, 30, 1), new Index3D(16, 16, 1), Max);
        Assert.Equal(new Index3D(7, 2, 1), grid.Groups);
        Assert.True(grid.FitsOneDispatch(Max));
        Assert.Equal([(new Index3D(0, 0, 0), grid.Groups)], grid.Chunks(Max));
    }

    [Theory]
    [InlineData(2, 1, 3_000_000, 1, 16, 16, 1, 1)]        // a column: 187,500 groups along Y
    [InlineData(2, 70_000 * 16, 1, 1, 16, 1, 1, 1)]       // a row: 70,000 groups along X
    [InlineData(3, 5, 3, 200_000, 1, 1, 1, 1)]            // 200,000 groups along Z
    [InlineData(1, (65_535 * 256 * 4) + 9, 1, 1, 256, 1, 1, 4)] // the wide entry point past 65,535 groups along X
    public void Grids_past_the_group_count_limit_are_split_into_chunks_that_cover_every_group_once(
        int rank, int x, int y, int z, int gx, int gy, int gz, int elementsPerThread)
    {
        DispatchGrid grid = DispatchGrid.Compute(rank, new Index3D(x, y, z), new Index3D(gx, gy, gz), Max, elementsPerThread);
        Assert.True((long)grid.Groups.X * gx * elementsPerThread * (rank == 1 ? grid.Groups.Y : 1) >= x);
        var covered = new System.Collections.Generic.HashSet<(int, int, int)>();
        long groups = 0;
        foreach ((Index3D first, Index3D count) in grid.Chunks(Max))
        {
            Assert.True(count.X <= Max.X && count.Y <= Max.Y && count.Z <= Max.Z);
            Assert.True(count.X > 0 && count.Y > 0 && count.Z > 0);
            covered.Add((first.X, first.Y, first.Z));
            groups += (long)count.X * count.Y * count.Z;
        }

        Assert.Equal((long)grid.Groups.X * grid.Groups.Y * grid.Groups.Z, groups);
        Assert.True(covered.Count > 1 || grid.FitsOneDispatch(Max));
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

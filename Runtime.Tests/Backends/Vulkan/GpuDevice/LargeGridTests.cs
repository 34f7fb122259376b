using System;
using System.Linq;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Backends.Vulkan.GpuDevice;

/// <summary>
/// Extents whose thread groups exceed the device's group count along an axis (65,535 on llvmpipe) run on the GPU as
/// they do on the CPU: the grid is split into several dispatches.
/// </summary>
public sealed class LargeGridTests : GpuTestBase
{
    [MxGpuFact]
    public void A_2D_launch_one_column_wide_and_three_million_rows_high_runs()
    {
        const int Rows = 3_000_000;
        using Array<int> cells = Mx.Zeros<int>([Rows]);
        GpuTestKernels.MarkCells((1, Rows), 1, cells, Mx.Gpu);
        int[] marks = cells.ToArray();
        Assert.True(marks.Select((mark, i) => mark == i + 1).All(ok => ok), "a row was not marked exactly once");
    }

    [MxGpuFact]
    public void A_2D_launch_wider_than_the_group_count_limit_runs()
    {
        const int Width = 70_000 * 16;
        using Array<int> cells = Mx.Zeros<int>([Width * 2]);
        GpuTestKernels.MarkCells((Width, 2), Width, cells, Mx.Gpu);
        int[] marks = cells.ToArray();
        Assert.True(marks.Select((mark, i) => mark == i + 1).All(ok => ok), "a cell was not marked exactly once");
    }
}

using Tandem.Ops.Reduction;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Ops.Reductions;

/// <summary>
/// Which kernel combines a group's values: through subgroups only for row reductions on a device that offers them,
/// unless turned off; the shared-memory tree otherwise.
/// </summary>
public sealed class ReductionSubgroupsTests
{
    private static readonly Device Subgroups = new(DeviceType.Gpu, "a GPU with subgroups of 32 lanes") { SubgroupLanes = 32 };
    private static readonly Device NoSubgroups = new(DeviceType.Gpu, "a GPU without subgroup arithmetic");
    private static readonly ReductionSplit Row = new(Lanes: 1, Segments: 1, SegmentLength: 4096, Blocked: false);
    private static readonly ReductionSplit Columns = new(Lanes: 32, Segments: 1, SegmentLength: 4096, Blocked: false);

    [Fact]
    public void A_row_reduction_on_a_device_with_subgroups_takes_the_subgroup_kernel()
    {
        Assert.Equal("subgroups", ReductionSubgroups.Choose(Subgroups, Row, "subgroups", "tree"));
        Assert.Equal("tree", ReductionSubgroups.Choose(Subgroups, Columns, "subgroups", "tree"));
        Assert.Equal("tree", ReductionSubgroups.Choose(NoSubgroups, Row, "subgroups", "tree"));
        Assert.Equal("tree", ReductionSubgroups.Choose(Mx.Cpu, Row, "subgroups", "tree"));
        Assert.Equal("tree", ReductionSubgroups.Choose(Subgroups, Row, null, "tree"));
    }

    [Fact]
    public void Shared_memory_only_holds_until_disposed()
    {
        using (ReductionSubgroups.SharedMemoryOnly())
        {
            Assert.Equal("tree", ReductionSubgroups.Choose(Subgroups, Row, "subgroups", "tree"));
        }

        Assert.Equal("subgroups", ReductionSubgroups.Choose(Subgroups, Row, "subgroups", "tree"));
    }

    [MxGpuFact]
    public void This_GPU_runs_the_subgroup_kernels()
    {
        // CI's llvmpipe has subgroups of 8 lanes with arithmetic: the reduction tests' subgroup variant runs them.
        Assert.True(Mx.Gpu.SubgroupLanes > 0, $"{Mx.Gpu} offers no subgroups to the reductions (TANDEM_GPU_SUBGROUPS=0?)");
    }
}

using System;
using System.Threading;

namespace Tandem.Ops.Reduction;

/// <summary>
/// Whether a row reduction combines a group's values through subgroups (<see cref="Wave"/>) or in a tree in
/// group-shared memory: through subgroups on a device that offers them (<see cref="Device.SubgroupLanes"/>), unless
/// <see cref="SharedMemoryOnly"/> holds in the calling flow.
/// </summary>
internal static class ReductionSubgroups
{
    private static readonly AsyncLocal<bool> s_sharedMemoryOnly = new();

    /// <summary>True when reductions on <paramref name="device"/> take the subgroup kernels.</summary>
    public static bool On(Device device) => device.SubgroupLanes > 0 && !s_sharedMemoryOnly.Value;

    /// <summary>
    /// The kernel of a pass split as <paramref name="split"/> on <paramref name="device"/>: <paramref name="subgroups"/>
    /// for a row reduction (one output per group: <c>lanes = 1</c>; in a column reduction neighbouring lanes hold
    /// different outputs) where <see cref="On"/> holds and the op and type have one, else <paramref name="tree"/>.
    /// </summary>
    public static TKernel Choose<TKernel>(Device device, ReductionSplit split, TKernel? subgroups, TKernel tree)
        where TKernel : class
        => split.Lanes == 1 && subgroups is not null && On(device) ? subgroups : tree;

    /// <summary>
    /// The shared-memory kernels only, for the reductions this flow (thread or async) queues until the result is
    /// disposed: the tests run both variants in one process against the same references, as
    /// <c>TANDEM_GPU_SUBGROUPS=0</c> would for a whole one.
    /// </summary>
    public static IDisposable SharedMemoryOnly()
    {
        bool before = s_sharedMemoryOnly.Value;
        s_sharedMemoryOnly.Value = true;
        return new Restore(before);
    }

    private sealed class Restore(bool before) : IDisposable
    {
        public void Dispose() => s_sharedMemoryOnly.Value = before;
    }
}

using System;
using System.Numerics;
using Tandem.Ops.Kernels;

namespace Tandem.Ops.Reduction;

/// <summary>
/// How a reduction's work is split among groups and threads (see <see cref="ReduceKernels"/>): the outputs per group
/// (<see cref="Lanes"/>), the segments each run is cut into, and whether threads take blocks (the CPU) or
/// interleaved elements (a GPU).
/// </summary>
internal readonly record struct ReductionSplit(int Lanes, int Segments, int SegmentLength, bool Blocked)
{
    // The most elements (or vectors) one thread accumulates. llvmpipe stops a shader loop after 65,535 iterations;
    // within that, short runs keep float sums accurate: a thread's sequential sum, then a tree of log2(256) levels,
    // then the partials' tree, errs like pairwise summation with blocks of this size.
    private const int MaxPerThread = 1024;

    // The fewest elements per thread worth splitting a run for: fewer would make more partials than they save.
    private const int GpuMinPerThread = 16;
    private const int CpuMinPerThread = 256;

    // Enough groups to keep a large GPU busy (an H200 holds 132 × 8 groups of 256 threads at once) with a few in reserve.
    private const int GpuGroups = 2048;

    /// <summary>The threads of a group that share one output's run.</summary>
    public int Along => ReduceKernels.Threads / Lanes;

    /// <summary>The groups a launch of this split over <paramref name="geometry"/> needs.</summary>
    public long Groups(ReductionGeometry geometry) => (long)geometry.Outer * ((geometry.Inner + Lanes - 1) / Lanes) * Segments;

    /// <summary>
    /// The split for <paramref name="geometry"/> on <paramref name="device"/>: <paramref name="lanes"/> fixed (a wide
    /// kernel's), or chosen from the layout when 0. <paramref name="length"/> and <paramref name="inner"/> count what the
    /// kernel steps over (vectors for a wide kernel).
    /// </summary>
    public static ReductionSplit For(ReductionGeometry geometry, Device device, int lanes = 0, int? length = null, int? inner = null)
    {
        bool cpu = device.Type == DeviceType.Cpu;
        int run = length ?? geometry.Length;
        int outputsAlong = inner ?? geometry.Inner;
        if (lanes == 0)
        {
            lanes = ChooseLanes(geometry, run, cpu);
        }

        int along = ReduceKernels.Threads / lanes;
        long baseGroups = (long)geometry.Outer * ((outputsAlong + lanes - 1) / lanes);
        int minPerThread = cpu ? CpuMinPerThread : GpuMinPerThread;
        long wantGroups = cpu ? 4L * Environment.ProcessorCount : GpuGroups;
        long needed = Ceiling(run, (long)along * MaxPerThread);
        long useful = Math.Max(1, run / ((long)along * minPerThread));
        long segments = Math.Max(needed, Math.Min(Ceiling(wantGroups, baseGroups), useful));
        // A power of two, so that sums of small integers (counts, sums of ones) stay exact: each partial is then a
        // multiple of a large power of two, which float adds without rounding far past 2^24.
        int segmentLength = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, Ceiling(run, segments)));
        segments = Math.Max(1, Ceiling(run, segmentLength));
        return new ReductionSplit(lanes, (int)segments, segmentLength, cpu);
    }

    /// <summary>
    /// One output per thread when runs are short, a whole group per run when they are long and contiguous (or the
    /// outputs are far apart), and neighbouring outputs on neighbouring threads when the outputs are contiguous and
    /// the runs are not (a column reduction).
    /// </summary>
    private static int ChooseLanes(ReductionGeometry geometry, int run, bool cpu)
    {
        int threads = ReduceKernels.Threads;
        bool columns = geometry.InnerStride == 1 && geometry.Step != 1 && geometry.Inner > 1;
        if (columns && !cpu)
        {
            return run >= 4 * (threads / ReduceKernels.ColumnLanes) ? ReduceKernels.ColumnLanes : threads;
        }

        // Threads per run: enough that each takes a few elements (on the CPU, where a group's threads run one after
        // another, many), a power of two for the tree.
        long perThread = cpu ? CpuMinPerThread : 4;
        int along = 1;
        while (along < threads && (long)along * perThread < run)
        {
            along *= 2;
        }

        return threads / along;
    }

    private static long Ceiling(long value, long divisor) => (value + divisor - 1) / divisor;
}

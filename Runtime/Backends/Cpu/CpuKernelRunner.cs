using System;
using System.Threading.Tasks;
using Tandem.CompilerServices;
using Tandem.Scheduling;

namespace Tandem.Backends.Cpu;

/// <summary>
/// Runs a launch's CPU body over its work items: small launches inline on the stream's worker (a chain of tiny ops
/// costs microseconds each), large ones split across the cores.
/// </summary>
internal static class CpuKernelRunner
{
    /// <summary>Threads of work below which splitting costs more than it saves.</summary>
    public const int MinThreadsPerChunk = 32 * 1024;

    /// <summary>The same for kernels whose threads loop (<see cref="CompilerServices.KernelDescriptor.HasLoops"/>).</summary>
    public const int MinLoopingThreadsPerChunk = 512;

    public static void Run(KernelLaunch launch)
    {
        (int items, int threadsPerItem) = WorkItems(launch.Kernel, launch.Extent);
        if (items == 0 || threadsPerItem == 0)
        {
            return;
        }

        int threads = Mx.CpuCores;
        int minThreads = launch.Kernel.HasLoops ? MinLoopingThreadsPerChunk : MinThreadsPerChunk;
        int itemsPerChunk = Math.Max(1, minThreads / threadsPerItem);
        // A few chunks per core even out chunks that finish at different speeds.
        long chunks = threads == 1 ? 1 : Math.Min(((long)items + itemsPerChunk - 1) / itemsPerChunk, threads * 4L);
        if (chunks <= 1)
        {
            using (LaunchBindings.Enter(launch))
            {
                launch.CpuBody(0, items);
            }

            return;
        }

        int chunkSize = (int)(((long)items + chunks - 1) / chunks);
        CpuKernelBodyRange body = new(launch, items, chunkSize);
        Parallel.For(0, (int)chunks, new ParallelOptions { MaxDegreeOfParallelism = threads }, body.RunChunk);
    }

    /// <summary>
    /// The work items of a launch of <paramref name="kernel"/>: whole groups for a kernel that uses groups (its
    /// threads run phase by phase between barriers, so a group cannot be split across cores), else as
    /// <see cref="WorkItems(int, Index3D)"/>.
    /// </summary>
    public static (int Items, int ThreadsPerItem) WorkItems(CompilerServices.KernelDescriptor kernel, Index3D extent)
    {
        if (!kernel.UsesGroups)
        {
            return WorkItems(kernel.Rank, extent);
        }

        Index3D group = kernel.GroupSize;
        long groups = (long)(extent.X / group.X) * (extent.Y / group.Y) * (extent.Z / group.Z);
        return (checked((int)groups), group.X * group.Y * group.Z);
    }

    /// <summary>
    /// The work items of a launch and the threads in each: a 1D item is one thread; a 2D or 3D item is one row along
    /// X (<c>item = y + z * extent.Y</c>).
    /// </summary>
    public static (int Items, int ThreadsPerItem) WorkItems(int rank, Index3D extent) => rank switch
    {
        1 => (extent.X, 1),
        2 => (extent.Y, extent.X),
        _ => (checked(extent.Y * extent.Z), extent.X),
    };

    private sealed class CpuKernelBodyRange(KernelLaunch launch, int items, int chunkSize)
    {
        public void RunChunk(int chunk)
        {
            // Rounding the chunk size up can leave the last chunks empty.
            long begin = (long)chunk * chunkSize;
            if (begin < items)
            {
                using (LaunchBindings.Enter(launch))
                {
                    launch.CpuBody((int)begin, (int)Math.Min(begin + chunkSize, items));
                }
            }
        }
    }
}

using System;
using System.Threading.Tasks;

namespace Tandem.Ops;

/// <summary>How the hand-written CPU ops (reductions, matrix-vector products) spread their work over the cores.</summary>
internal static class CpuWork
{
    /// <summary>
    /// Calls <paramref name="range"/> for the items [0, <paramref name="count"/>) in chunks of
    /// <paramref name="chunk"/>, on at most <paramref name="threads"/> cores; a single chunk or core runs the whole range
    /// on the calling thread, without handing work to the thread pool.
    /// </summary>
    public static void ForChunks(int count, int chunk, int threads, Action<int, int> range)
    {
        int tasks = (count + chunk - 1) / chunk;
        if (tasks <= 1 || threads <= 1)
        {
            range(0, count);
            return;
        }

        Parallel.For(0, tasks, new ParallelOptions { MaxDegreeOfParallelism = threads },
            task => range(task * chunk, Math.Min(count, (task + 1) * chunk)));
    }
}

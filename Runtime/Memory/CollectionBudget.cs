using System;
using System.Threading;

namespace Tandem.Memory;

/// <summary>
/// Makes the garbage collector find arrays that nobody disposed soon enough: it counts the bytes of arrays created and
/// not disposed since the last collection, and past <see cref="BudgetBytes"/> asks for a quick (generation 1)
/// collection, whose finalizers then give those arrays' memory back. Every eighth such request without a full
/// collection in between asks for a full one, for arrays that lived long enough to be promoted.
/// </summary>
/// <remarks>
/// This replaces <see cref="GC.AddMemoryPressure(long)"/>, whose heuristic forces a blocking full collection about
/// every 4 MB of added pressure: a chain of small ops (<c>r = Mx.Exp(r)</c> on 8 KB arrays) paid a full collection
/// every ~500 ops, which stopped the GPU stream's worker too and doubled the cost per op (docs/PERFORMANCE.md).
/// </remarks>
internal static class CollectionBudget
{
    /// <summary>Bytes of undisposed arrays between two requested collections.</summary>
    public const long BudgetBytes = 64L * 1024 * 1024;

    private const int QuickCollectionsPerFullOne = 8;

    private static long s_undisposedBytes;
    private static int s_seenCollections;
    private static int s_seenFullCollections;
    private static int s_quickRequests;

    /// <summary>An array of <paramref name="bytes"/> was created.</summary>
    public static void Allocated(long bytes)
    {
        int collections = GC.CollectionCount(0);
        if (collections != Volatile.Read(ref s_seenCollections))
        {
            // A collection ran since the last count: what was unreachable then is being finalized.
            Volatile.Write(ref s_seenCollections, collections);
            Interlocked.Exchange(ref s_undisposedBytes, 0);
        }

        if (Interlocked.Add(ref s_undisposedBytes, bytes) < BudgetBytes)
        {
            return;
        }

        Interlocked.Exchange(ref s_undisposedBytes, 0);
        int full = GC.CollectionCount(2);
        if (full != Volatile.Read(ref s_seenFullCollections))
        {
            Volatile.Write(ref s_seenFullCollections, full);
            Volatile.Write(ref s_quickRequests, 0);
        }

        int generation = Interlocked.Increment(ref s_quickRequests) % QuickCollectionsPerFullOne == 0 ? 2 : 1;
        GC.Collect(generation, GCCollectionMode.Forced, blocking: generation == 1, compacting: false);
    }

    /// <summary>An array of <paramref name="bytes"/> was disposed: it needs no collection to be freed.</summary>
    public static void Disposed(long bytes) => Interlocked.Add(ref s_undisposedBytes, -bytes);
}

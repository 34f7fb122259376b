using System;
using System.Threading;

namespace Tandem.Memory;

/// <summary>
/// Makes the garbage collector find arrays that nobody disposed soon enough: it counts the bytes of arrays created and
/// not disposed since the last collection, and when a new array finds more than its budget (<see cref="BudgetFor"/>)
/// already waiting asks for a quick (generation 1) collection, whose finalizers then give those arrays' memory back.
/// Every eighth such request without a full collection in between asks for a full one, for arrays that lived long
/// enough to be promoted.
/// </summary>
/// <remarks>
/// This replaces <see cref="GC.AddMemoryPressure(long)"/>, whose heuristic forces a blocking full collection about
/// every 4 MB of added pressure: a chain of small ops (<c>r = Mx.Exp(r)</c> on 8 KB arrays) paid a full collection
/// every ~500 ops, which stopped the GPU stream's worker too and doubled the cost per op (docs/PERFORMANCE.md).
/// The budget grows with the arrays: a fixed 64 MiB asked for a blocking collection at every op on 16M floats, each
/// dearer than the op (an H200 ran 64 MB element-wise ops at a fifth of torch's speed), also when the user disposed
/// every result.
/// </remarks>
internal static class CollectionBudget
{
    /// <summary>The least bytes of undisposed arrays between two requested collections.</summary>
    public const long BudgetBytes = 64L * 1024 * 1024;

    /// <summary>Arrays of the size being made that may wait undisposed before a collection is worth its cost.</summary>
    public const int ArraysPerCollection = 8;

    private const int QuickCollectionsPerFullOne = 8;

    /// <summary>The most a budget grows to: a sixteenth of the memory the process may use (4 GiB when unknown).</summary>
    private static readonly long s_largestBudget = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes is > 0 and var available
        ? available / 16
        : 4L << 30;

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

        // What waited before this array decides: an array the caller disposes right after its op never pays.
        if (Interlocked.Add(ref s_undisposedBytes, bytes) - bytes < BudgetFor(bytes))
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

    /// <summary>
    /// The undisposed bytes past which making an array of <paramref name="bytes"/> asks for a collection: at least
    /// <see cref="BudgetBytes"/>, and <see cref="ArraysPerCollection"/> arrays of that size up to a sixteenth of memory.
    /// </summary>
    public static long BudgetFor(long bytes) => Math.Max(BudgetBytes, Math.Min(ArraysPerCollection * bytes, s_largestBudget));

    /// <summary>An array of <paramref name="bytes"/> was disposed: it needs no collection to be freed.</summary>
    public static void Disposed(long bytes) => Interlocked.Add(ref s_undisposedBytes, -bytes);
}

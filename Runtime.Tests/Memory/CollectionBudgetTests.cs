using System;
using System.Reflection;
using System.Runtime.CompilerServices;
using Tandem.Memory;
using Xunit;

namespace Tandem.Runtime.Tests.Memory;

/// <summary>
/// The collections the runtime asks for to find undisposed arrays: never for arrays the caller disposes, and for large
/// undisposed ones only every few arrays, not at every op.
/// </summary>
[Collection(GcCountingCollection.Name)]
public sealed class CollectionBudgetTests
{
    private const int LargeLength = 16 << 20; // 64 MB of floats: one collection per op with a fixed 64 MiB budget

    [Fact]
    public void Arrays_disposed_after_use_never_ask_for_a_collection()
    {
        int before = GC.CollectionCount(1);
        for (int i = 0; i < 16; i++)
        {
            using Array<float> result = Mx.Zeros<float>([LargeLength], Mx.Cpu);
        }

        // The earlier budget asked for one per array (16); a collection the runtime itself runs meanwhile is allowed.
        Assert.InRange(GC.CollectionCount(1) - before, 0, 2);
    }

    [Fact]
    public void The_budget_holds_several_arrays_of_the_size_being_made_within_a_share_of_memory()
    {
        const long small = 8 * 1024;
        const long large = LargeLength * sizeof(float);
        Assert.Equal(CollectionBudget.BudgetBytes, CollectionBudget.BudgetFor(small));
        long budget = CollectionBudget.BudgetFor(large);
        Assert.InRange(budget, Math.Min(CollectionBudget.ArraysPerCollection * large, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 16),
            CollectionBudget.ArraysPerCollection * large);
        Assert.InRange(CollectionBudget.BudgetFor(long.MaxValue / 16), CollectionBudget.BudgetBytes, Math.Max(CollectionBudget.BudgetBytes, 4L << 30));
    }

    [Fact]
    public void Large_arrays_nobody_disposes_are_still_collected()
    {
        const int length = 4 << 20; // 16 MB each, written so that they hold memory
        long before = Mx.Memory.ActiveBytes;
        for (int i = 0; i < 4 * CollectionBudget.ArraysPerCollection; i++)
        {
            _ = Mx.Full([length], 1f, Mx.Cpu).ToArray();
        }

        // 32 undisposed arrays: with eight per collection, the earlier ones were collected while the loop ran.
        GC.WaitForPendingFinalizers();
        long held = Mx.Memory.ActiveBytes - before;
        Assert.True(held < 16L * length * sizeof(float), $"{held} bytes of the 32 arrays are still active.");
    }

    [Fact]
    public void The_collection_that_finds_an_undisposed_array_frees_its_history_at_once()
    {
        // Only the memory waits for a finalizer: the record of the ops that used the array goes with the first
        // collection instead of being promoted with it (the cost of every such collection).
        (WeakReference history, WeakReference memory) = MakeAndDropAnArray();
        GC.Collect();
        Assert.False(history.IsAlive, "The undisposed array's access history outlived the collection that found it.");
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.False(memory.IsAlive, "The undisposed array's memory was never finalized.");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (WeakReference History, WeakReference Memory) MakeAndDropAnArray()
    {
        Array<float> source = Mx.Full([1000], 0.5f, Mx.Cpu);
        Array<float> result = Mx.Exp(source, Mx.Cpu);
        Assert.Equal(MathF.Exp(0.5f), result.ToArray()[0], 1e-6f);
        object history = result.Buffer.AccessHistory ?? throw new InvalidOperationException("The op left no access history.");
        object memory = typeof(UnifiedBuffer).GetField("_allocations", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(result.Buffer)!;
        // Tracking resurrection: a short weak reference is cleared before the finalization queue keeps its target alive.
        return (new WeakReference(history, trackResurrection: true), new WeakReference(memory, trackResurrection: true));
    }
}

/// <summary>Tests that count the process's garbage collections, run alone so that no other test's collections count.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GcCountingCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Counts garbage collections";
}

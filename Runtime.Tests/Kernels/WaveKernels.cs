using System;

namespace Tandem.Runtime.Tests.Kernels;

/// <summary>
/// Kernels with subgroup (<see cref="Wave"/>) operations, written for any lane count: on the CPU every thread is a
/// subgroup of one lane, on llvmpipe a subgroup has 8 lanes, on discrete GPUs 32 or 64.
/// </summary>
public static partial class WaveKernels
{
    public const int BlockSize = 64;

    /// <summary>The facts WaveFacts writes per thread.</summary>
    public const int FactCount = 12;

    /// <summary>
    /// What each thread sees of its subgroup: its lane, the lane count, whether it is the first lane, the global index
    /// of lane 0 (which names the subgroup), and each operation over the subgroup's values.
    /// </summary>
    [Kernel(BlockSize)]
    public static void WaveFacts(int i, ReadOnlySpan<int> values, Span<int> facts)
    {
        int v = values[i];
        int o = i * FactCount;
        facts[o] = Wave.LaneIndex;
        facts[o + 1] = Wave.LaneCount;
        facts[o + 2] = Wave.IsFirstLane ? 1 : 0;
        facts[o + 3] = Wave.ReadLane(i, 0);
        facts[o + 4] = Wave.Sum(v);
        facts[o + 5] = Wave.Product(v);
        facts[o + 6] = Wave.Max(v);
        facts[o + 7] = (int)Wave.Min((uint)v);
        facts[o + 8] = Wave.AnyTrue(v == 7) ? 1 : 0;
        facts[o + 9] = (int)Wave.Sum((float)v);
        facts[o + 10] = (int)Wave.Min((double)v);
        facts[o + 11] = Wave.ReadLane(v, Wave.LaneCount - 1);
    }

    /// <summary>The facts WaveLongFacts writes per thread.</summary>
    public const int LongFactCount = 5;

    /// <summary>
    /// The 64-bit operations (built from 32-bit ones on the GPU): the global index of lane 0, then the sum, maximum and
    /// minimum of the subgroup's values as long and the maximum as ulong.
    /// </summary>
    [Kernel(BlockSize)]
    public static void WaveLongFacts(int i, ReadOnlySpan<long> values, Span<long> facts)
    {
        long v = values[i];
        int o = i * LongFactCount;
        facts[o] = Wave.ReadLane((long)i, 0);
        facts[o + 1] = Wave.Sum(v);
        facts[o + 2] = Wave.Max(v);
        facts[o + 3] = Wave.Min(v);
        facts[o + 4] = (long)Wave.Max((ulong)v);
    }

    /// <summary>
    /// One sum per group: each subgroup adds its values, its first lane stores the total at its own thread's slot
    /// (no assumption about which threads share a subgroup), and thread 0 adds the slots.
    /// </summary>
    [Kernel(BlockSize)]
    public static void WaveBlockSum(int i, ReadOnlySpan<float> x, Span<float> partial)
    {
        Span<float> slots = Group.Shared<float>(BlockSize);
        int t = Group.ThreadIndex.X;
        slots[t] = 0f;
        Group.Barrier();
        float total = Wave.Sum(i < x.Length ? x[i] : 0f);
        if (Wave.IsFirstLane)
            slots[t] = total;
        Group.Barrier();
        if (t == 0)
        {
            float sum = 0f;
            for (int k = 0; k < BlockSize; k++)
                sum += slots[k];
            partial[Group.Index.X] = sum;
        }
    }

    /// <summary>The largest value per group, NaN when the group holds one (as NumPy's max), through subgroups.</summary>
    [Kernel(BlockSize)]
    public static void WaveBlockMax(int i, ReadOnlySpan<float> x, Span<float> maxima)
    {
        Span<float> slots = Group.Shared<float>(BlockSize);
        int t = Group.ThreadIndex.X;
        slots[t] = float.NegativeInfinity;
        Group.Barrier();
        float v = x[i];
        // SPIR-V's FMax leaves NaN operands open: the vote makes NaN win.
        float best = Wave.AnyTrue(float.IsNaN(v)) ? float.NaN : Wave.Max(v);
        if (Wave.IsFirstLane)
            slots[t] = best;
        Group.Barrier();
        if (t == 0)
        {
            float result = float.NegativeInfinity;
            for (int k = 0; k < BlockSize; k++)
                result = float.IsNaN(slots[k]) || slots[k] > result ? slots[k] : result;
            maxima[Group.Index.X] = result;
        }
    }
}

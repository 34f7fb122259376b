using System;
using System.Linq;
using Tandem.Runtime.Tests.Infrastructure;
using Tandem.Runtime.Tests.Kernels;
using Xunit;

namespace Tandem.Runtime.Tests.KernelTests;

/// <summary>
/// Kernels with <see cref="Wave"/> operations on both devices, checked for any lane count: the threads that read the
/// same global index from lane 0 form a subgroup, and each operation must equal its reference over exactly those
/// threads (on the CPU every thread is its own subgroup of one lane).
/// </summary>
public sealed class WaveKernelTests
{
    public static TheoryData<string, int> DevicesAndLengths() =>
        TestDevices.With([WaveKernels.BlockSize, 5 * WaveKernels.BlockSize, 3 * WaveKernels.BlockSize - 5]);

    [Theory]
    [MemberData(nameof(DevicesAndLengths))]
    public void Each_operation_combines_exactly_the_threads_of_one_subgroup(string device, int length)
    {
        var values = Numerics.Ints(new Random(length), length, -9, 10);
        values[length / 2] = 7;
        var facts = Mx.Zeros<int>([length * WaveKernels.FactCount]);
        WaveKernels.WaveFacts(length, Mx.Array(values), facts, stream: TestDevices.Resolve(device));
        var f = facts.ToArray();
        int Fact(int thread, int fact) => f[thread * WaveKernels.FactCount + fact];

        var laneCount = Fact(0, 1);
        Assert.True(laneCount is >= 1 and <= 128 && (laneCount & (laneCount - 1)) == 0, $"lane count {laneCount}");
        if (device == "cpu")
        {
            Assert.Equal(1, laneCount);
        }

        foreach (var subgroup in Enumerable.Range(0, length).GroupBy(thread => Fact(thread, 3)))
        {
            var threads = subgroup.ToArray();
            var lanes = threads.Select(t => Fact(t, 0)).ToArray();
            var what = $"the subgroup led by thread {subgroup.Key} (threads {string.Join(", ", threads)})";
            Assert.True(threads.All(t => Fact(t, 1) == laneCount), "lane count differs in " + what);
            Assert.True(threads.Length <= laneCount && lanes.Distinct().Count() == threads.Length && lanes.All(l => l >= 0 && l < laneCount), "lanes of " + what);
            Assert.Equal(subgroup.Key, threads.Single(t => Fact(t, 0) == 0));
            Assert.Equal([threads.MinBy(t => Fact(t, 0))], threads.Where(t => Fact(t, 2) == 1));
            if (threads.Length < laneCount)
            {
                // Only the last, partial subgroup of an extent that is not a multiple of the lane count.
                Assert.True(threads.Max() == length - 1, "a partial subgroup inside the extent: " + what);
            }

            var v = threads.Select(t => values[t]).ToArray();
            var product = v.Aggregate(1, (p, x) => unchecked(p * x));
            var expected = new[] { v.Sum(), product, v.Max(), (int)v.Select(x => (uint)x).Min(), v.Contains(7) ? 1 : 0, v.Sum(), v.Min() };
            foreach (var t in threads)
            {
                Assert.Equal(expected, Enumerable.Range(4, 7).Select(fact => Fact(t, fact)).ToArray());
                if (threads.Length == laneCount)
                {
                    Assert.Equal(values[threads.Single(u => Fact(u, 0) == laneCount - 1)], Fact(t, 11));
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(DevicesAndLengths))]
    public void Long_operations_combine_the_subgroup_in_64_bits(string device, int length)
    {
        // High halves from a few values, so that lanes tie on them and the low halves decide; sums wrap.
        var random = new Random(length + 1);
        var values = Enumerable.Range(0, length)
            .Select(_ => ((long)random.Next(-3, 4) << 32) | (uint)random.Next(int.MinValue, int.MaxValue))
            .ToArray();
        values[1] = long.MaxValue;
        values[2] = long.MinValue;
        var facts = Mx.Zeros<long>([length * WaveKernels.LongFactCount]);
        WaveKernels.WaveLongFacts(length, Mx.Array(values), facts, stream: TestDevices.Resolve(device));
        var f = facts.ToArray();
        foreach (var subgroup in Enumerable.Range(0, length).GroupBy(thread => f[thread * WaveKernels.LongFactCount]))
        {
            var v = subgroup.Select(t => values[t]).ToArray();
            long[] expected = [subgroup.Key, v.Aggregate(0L, (sum, x) => unchecked(sum + x)), v.Max(), v.Min(), (long)v.Select(x => (ulong)x).Max()];
            foreach (var t in subgroup)
            {
                Assert.Equal(expected, f.Skip(t * WaveKernels.LongFactCount).Take(WaveKernels.LongFactCount).ToArray());
            }
        }
    }

    [Theory]
    [MemberData(nameof(DevicesAndLengths))]
    public void A_block_sum_through_subgroups_gives_one_sum_per_group(string device, int length)
    {
        var groups = (length + WaveKernels.BlockSize - 1) / WaveKernels.BlockSize;
        var x = Numerics.Floats(new Random(length), length);
        float[] Blocks(Func<float, double> term) => Enumerable.Range(0, groups)
            .Select(g => (float)Enumerable.Range(g * WaveKernels.BlockSize, WaveKernels.BlockSize).Where(i => i < length).Sum(i => term(x[i])))
            .ToArray();

        var partial = Mx.Zeros<float>([groups]);
        WaveKernels.WaveBlockSum(groups * WaveKernels.BlockSize, Mx.Array(x), partial, stream: TestDevices.Resolve(device));
        Numerics.AssertUlps(Blocks(v => v), partial.ToArray(), Numerics.SumUlps(WaveKernels.BlockSize), Blocks(v => Math.Abs(v)), "block sums");
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void A_block_maximum_through_subgroups_propagates_NaN(string device)
    {
        const int groups = 6;
        var x = Numerics.Floats(new Random(3), groups * WaveKernels.BlockSize);
        x[WaveKernels.BlockSize + 5] = float.NaN;
        x[(3 * WaveKernels.BlockSize) + 63] = float.NaN;
        x[4 * WaveKernels.BlockSize] = float.PositiveInfinity;
        // Enumerable.Max ranks NaN lowest; NumPy's max (the meaning the kernel keeps) propagates it.
        var expected = Enumerable.Range(0, groups).Select(g => x.Skip(g * WaveKernels.BlockSize).Take(WaveKernels.BlockSize)
            .Aggregate(float.NegativeInfinity, (m, v) => float.IsNaN(m) || float.IsNaN(v) ? float.NaN : Math.Max(m, v))).ToArray();

        var maxima = Mx.Zeros<float>([groups]);
        WaveKernels.WaveBlockMax(x.Length, Mx.Array(x), maxima, stream: TestDevices.Resolve(device));
        Numerics.AssertExact(expected, maxima.ToArray(), "block maxima");
    }

    [Fact]
    public void Called_directly_a_thread_is_a_subgroup_of_one_lane()
    {
        Assert.Equal((0, 1, true), (Wave.LaneIndex, Wave.LaneCount, Wave.IsFirstLane));
        Assert.Equal((3, -2.5f, 7u, 1.5), (Wave.Sum(3), Wave.Product(-2.5f), Wave.Max(7u), Wave.Min(1.5)));
        Assert.Equal((long.MinValue, ulong.MaxValue), (Wave.Sum(long.MinValue), Wave.Min(ulong.MaxValue)));
        Assert.True(Wave.AnyTrue(true));
        Assert.False(Wave.AnyTrue(false));
        Assert.Equal(4.5f, Wave.ReadLane(4.5f, 0));
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using CsCheck;
using Tandem.Runtime.Tests.Arrays;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Tandem.Runtime.Tests.Ops.Reductions;

/// <summary>
/// Reductions of views, which the kernels read through their strides (or, where the axes do not merge, through a
/// row-major copy): each named view against the reference, and random views (CsCheck) against the same reduction of
/// their <c>Mx.Contiguous</c> copy.
/// </summary>
public sealed class ReductionViewTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(ReductionVariants.All), MemberType = typeof(ReductionVariants))]
    public void Reductions_of_views_match_the_reference(string device, bool subgroups)
    {
        using IDisposable? kernels = ReductionVariants.Use(subgroups);
        StreamOrDevice stream = TestDevices.Resolve(device);
        float[] data = Numerics.Floats(new Random(5), 6 * 5 * 4 * 9);
        using Array<float> block = Mx.Array(data, [6, 5, 36]);
        using Array<float> line = Mx.Array(data);
        using Array<float> column = Mx.Array(data[..5], [5, 1]);
        var views = new (string Name, Func<Array<float>> Make)[]
        {
            ("transposed [36, 5, 6]", () => block.T),
            ("axes swapped [6, 36, 5]", () => Mx.SwapAxes(block, 1, 2)),
            ("sliced [4, 5, 2]", () => block[1..5, .., 3..5]),
            ("sliced and transposed [33, 4]", () => block[1..5, 2, 3..].T),
            ("every element but the first three [1077]", () => line[3..]),
            ("broadcast [3, 5, 70]", () => Mx.BroadcastTo(column, [3, 5, 70])),
            ("broadcast and sliced [2, 3]", () => Mx.BroadcastTo(column, [5, 9])[1..3, 4..7]),
        };
        foreach ((string name, Func<Array<float>> make) in views)
        {
            using Array<float> view = make();
            double[] values = view.ToArray().Select(v => (double)v).ToArray();
            foreach (int[]? axes in AxesOf(view.Rank))
            {
                FloatReductionTests.Check(device, new ReductionCase(view.Shape, axes, KeepDims: false), view, values, stream, repeated: name.StartsWith("broadcast", StringComparison.Ordinal));
            }
        }
    }

    [Theory]
    [MemberData(nameof(ReductionVariants.All), MemberType = typeof(ReductionVariants))]
    public void A_reduction_of_a_random_view_equals_that_of_its_contiguous_copy(string device, bool subgroups)
    {
        using IDisposable? kernels = ReductionVariants.Use(subgroups);
        StreamOrDevice stream = TestDevices.Resolve(device);
        Gen<(ViewChain Chain, int Axes)> cases = Gen.Select(ViewGen.Chain, Gen.Int[0, 1000]);
        Bounded.Run(() => cases.Sample(
            sample =>
            {
                (Array<float> view, ReferenceArray _) = ViewGen.Run(sample.Chain);
                using (view)
                using (Array<float> copy = Mx.Contiguous(view, stream))
                {
                    // Counting numbers: every sum here is exact in float, so any order of adding gives the same bits.
                    int[] axes = PickAxes(view.Rank, sample.Axes);
                    AssertSame(Mx.Sum(view, axes, keepDims: true, stream), Mx.Sum(copy, axes, keepDims: true, stream));
                    AssertSame(Mx.Mean(view, axes, stream: stream), Mx.Mean(copy, axes, stream: stream));
                    if (view.Rank > 0)
                    {
                        AssertSame(Mx.CumSum(view, sample.Axes % view.Rank, stream), Mx.CumSum(copy, sample.Axes % view.Rank, stream));
                    }

                    bool empty = axes.Any(axis => view.Shape[axis < 0 ? axis + view.Rank : axis] == 0);
                    if (!empty)
                    {
                        AssertSame(Mx.Max(view, axes, stream: stream), Mx.Max(copy, axes, stream: stream));
                        AssertSame(Mx.ArgMin(view, axes, stream: stream), Mx.ArgMin(copy, axes, stream: stream));
                    }
                }
            },
            iter: 150,
            threads: 1,
            writeLine: output.WriteLine,
            print: sample => $"{sample.Chain}, axes picked by {sample.Axes}"), TimeSpan.FromSeconds(240));
    }

    /// <summary>All axes, one (counted from the end when odd), or two, from the raw number <paramref name="pick"/>.</summary>
    private static int[] PickAxes(int rank, int pick)
    {
        if (rank == 0)
        {
            return [];
        }

        return (pick % 3) switch
        {
            0 => Enumerable.Range(0, rank).ToArray(),
            1 => [pick % 2 == 0 ? pick % rank : (pick % rank) - rank],
            _ => Enumerable.Range(0, rank).Where(axis => (pick >> axis) % 2 == 1).ToArray(),
        };
    }

    private static IEnumerable<int[]?> AxesOf(int rank)
    {
        yield return null;
        for (int axis = 0; axis < rank; axis++)
        {
            yield return [axis];
        }

        if (rank >= 3)
        {
            yield return [0, 2];
            yield return [1, 2];
        }
    }

    private static void AssertSame<T>(Array<T> fromView, Array<T> fromCopy) where T : unmanaged
    {
        using (fromView)
        using (fromCopy)
        {
            Assert.Equal(fromCopy.Shape, fromView.Shape);
            Assert.Equal(fromCopy.ToArray(), fromView.ToArray());
        }
    }
}

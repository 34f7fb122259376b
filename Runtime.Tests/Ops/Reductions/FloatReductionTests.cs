using System;
using System.Linq;
using System.Numerics;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Ops.Reductions;

/// <summary>
/// Every reduction of the floating-point types against <see cref="ReductionReference"/> on each device, over
/// <see cref="ReductionCase.All"/>: sums and means within <see cref="Numerics.SumUlps"/> at the scale of the terms'
/// magnitudes, maximum and minimum and the indices exact, the rest within the bounds their exp, log and division add.
/// Half is reduced in float and rounded once, so it is held to its own ULP.
/// </summary>
public sealed class FloatReductionTests
{
    [Theory]
    [MemberData(nameof(ReductionVariants.All), MemberType = typeof(ReductionVariants))]
    public void Float_reductions_match_the_reference(string device, bool subgroups)
    {
        using IDisposable? kernels = ReductionVariants.Use(subgroups);
        CheckAll<float>(device, large: true);
    }

    [Theory]
    [MemberData(nameof(ReductionVariants.All), MemberType = typeof(ReductionVariants))]
    public void Double_reductions_match_the_reference(string device, bool subgroups)
    {
        using IDisposable? kernels = ReductionVariants.Use(subgroups);
        CheckAll<double>(device, large: false);
    }

    [Theory]
    [MemberData(nameof(ReductionVariants.All), MemberType = typeof(ReductionVariants))]
    public void Half_reductions_match_the_reference(string device, bool subgroups)
    {
        using IDisposable? kernels = ReductionVariants.Use(subgroups);
        CheckAll<Half>(device, large: false);
    }

    private static void CheckAll<T>(string device, bool large) where T : unmanaged, IFloatingPointIeee754<T>
    {
        StreamOrDevice stream = TestDevices.Resolve(device);
        int seed = 1;
        foreach (ReductionCase reduction in ReductionCase.All(large))
        {
            var random = new Random(seed++);
            T[] data = Numerics.Doubles(random, reduction.Length).Select(T.CreateChecked).ToArray();
            using Array<T> a = Mx.Array(data, reduction.Shape);
            Check(device, reduction, a, data.Select(double.CreateChecked).ToArray(), stream);
        }
    }

    /// <summary>
    /// Every reduction of <paramref name="a"/> (whose elements are <paramref name="values"/>, row-major) against the
    /// reference. Sums of random terms err like a random walk (<see cref="Numerics.SumUlps"/>); sums of
    /// <paramref name="repeated"/> terms (a broadcast view) do not, and are held to the bound of any summation order, n ULP.
    /// </summary>
    internal static void Check<T>(string device, ReductionCase reduction, Array<T> a, double[] values, StreamOrDevice stream, bool repeated = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool[] reduced = ReductionReference.Reduced(reduction.Shape.Length, reduction.Axes);
        int[][] runs = ReductionReference.Runs(reduction.Shape, reduced);
        double[][] elements = runs.Select(run => run.Select(i => values[i]).ToArray()).ToArray();
        int[] shape = ReductionReference.ResultShape(reduction.Shape, reduced, reduction.KeepDims);
        int n = reduction.Shape.Where((_, axis) => reduced[axis]).Aggregate(1, (product, size) => product * size);
        int sumUlps = repeated ? n : Numerics.SumUlps(n);
        string at = $"{typeof(T).Name} {reduction} on {device}";
        bool exactTranscendentals = typeof(T) != typeof(double) || device != "gpu";
        int exp = UlpBounds.Exp(device, 8);

        Compare(reduction.Run(Mx.Sum, Mx.Sum, Mx.Sum, a, stream), elements, ReductionReference.Sum, sumUlps, ReductionReference.Magnitude, shape, at + " Sum");
        Compare(reduction.Run(Mx.Mean, Mx.Mean, Mx.Mean, a, stream), elements, ReductionReference.Mean, sumUlps + UlpBounds.Divide(device),
            run => ReductionReference.Magnitude(run) / run.Length, shape, at + " Mean");
        if (n == 0)
        {
            Assert.Throws<ArgumentException>(() => reduction.Run(Mx.Max, Mx.Max, Mx.Max, a, stream));
            Assert.Throws<ArgumentException>(() => reduction.Run(Mx.ArgMin, Mx.ArgMin, Mx.ArgMin, a, stream));
        }
        else
        {
            Compare(reduction.Run(Mx.Max, Mx.Max, Mx.Max, a, stream), elements, ReductionReference.Max, 0, null, shape, at + " Max");
            Compare(reduction.Run(Mx.Min, Mx.Min, Mx.Min, a, stream), elements, ReductionReference.Min, 0, null, shape, at + " Min");
            CompareIndices(reduction.Run(Mx.ArgMax, Mx.ArgMax, Mx.ArgMax, a, stream), elements, ReductionReference.ArgMax, shape, at + " ArgMax");
            CompareIndices(reduction.Run(Mx.ArgMin, Mx.ArgMin, Mx.ArgMin, a, stream), elements, ReductionReference.ArgMin, shape, at + " ArgMin");
        }

        // Products of up to n terms of magnitude up to 4 stay finite for the short runs tested; each multiplication rounds.
        if (n <= 24)
        {
            Compare(reduction.Run(Mx.Prod, Mx.Prod, Mx.Prod, a, stream), elements, ReductionReference.Prod, n + 1, null, shape, at + " Prod");
        }

        Compare(reduction.Run(Mx.Var, Mx.Var, Mx.Var, a, stream), elements, ReductionReference.Var, 2 * sumUlps + UlpBounds.Divide(device) + 4,
            run => ReductionReference.Magnitude(run.Select(x => x * x).ToArray()) / run.Length, shape, at + " Var");
        if (exactTranscendentals)
        {
            Compare(reduction.Run(Mx.LogSumExp, Mx.LogSumExp, Mx.LogSumExp, a, stream), elements, ReductionReference.LogSumExp,
                sumUlps + exp + UlpBounds.Log(device) + 2, _ => 1.0, shape, at + " LogSumExp");
        }
        else
        {
            // 32-bit exp and log on the GPU: as accurate as float.
            using Array<T> lse = reduction.Run(Mx.LogSumExp, Mx.LogSumExp, Mx.LogSumExp, a, stream);
            float[] actual = lse.ToArray().Select(float.CreateChecked).ToArray();
            float[] expected = elements.Select(run => (float)ReductionReference.LogSumExp(run)).ToArray();
            Numerics.AssertUlps(expected, actual, sumUlps + exp + UlpBounds.Log(device) + 2, 1f, at + " LogSumExp");
        }
    }

    private static void Compare<T>(Array<T> result, double[][] runs, Func<double[], double> reference, int ulps, Func<double[], double>? scale,
        int[] shape, string what) where T : unmanaged, IFloatingPointIeee754<T>
    {
        using (result)
        {
            Assert.True(shape.SequenceEqual(result.Shape), $"{what}: shape [{string.Join(", ", result.Shape)}], expected [{string.Join(", ", shape)}]");
            T[] expected = runs.Select(run => T.CreateChecked(reference(run))).ToArray();
            T[] magnitudes = runs.Select(run => T.CreateChecked(scale?.Invoke(run) ?? 0)).ToArray();
            Numerics.AssertUlps(expected, result.ToArray(), ulps, magnitudes, what);
        }
    }

    internal static void CompareIndices(Array<int> result, double[][] runs, Func<double[], int> reference, int[] shape, string what)
    {
        using (result)
        {
            Assert.True(shape.SequenceEqual(result.Shape), $"{what}: shape [{string.Join(", ", result.Shape)}], expected [{string.Join(", ", shape)}]");
            Assert.True(runs.Select(reference).SequenceEqual(result.ToArray()), $"{what}: [{string.Join(", ", result.ToArray().Take(20))}...]");
        }
    }
}

using System;
using System.Linq;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Ops.Reductions;

/// <summary>
/// Float sums at least as accurate as pairwise summation: over 10M positive floats (where a left-to-right float loop
/// drifts furthest) the error stays within pairwise summation's bound, log2(n) roundings at the scale of the sum,
/// against the exact sum in double. The left-to-right loop misses that bound by far, so the test can tell them apart.
/// </summary>
public sealed class SumAccuracyTests
{
    private const int Length = 10_000_000;

    [Theory]
    [MemberData(nameof(ReductionVariants.All), MemberType = typeof(ReductionVariants))]
    public void A_float_sum_of_ten_million_elements_errs_less_than_pairwise_summation_may(string device, bool subgroups)
    {
        using IDisposable? kernels = ReductionVariants.Use(subgroups);
        var random = new Random(10);
        float[] data = new float[Length];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = random.NextSingle();
        }

        double exact = data.Sum(x => (double)x);
        double bound = Math.Log2(Length) * Math.Pow(2, -24) * exact;
        float naive = 0;
        foreach (float x in data)
        {
            naive += x;
        }

        Assert.True(Math.Abs(naive - exact) > bound, $"a plain loop errs by {Math.Abs(naive - exact)}, within the bound {bound}: the test could not fail");
        using Array<float> a = Mx.Array(data);
        using Array<float> sum = Mx.Sum(a, TestDevices.Resolve(device));
        using Array<float> mean = Mx.Mean(a, TestDevices.Resolve(device));
        double error = Math.Abs(sum.Item() - exact);
        Assert.True(error <= bound, $"sum {sum.Item()} errs by {error} from {exact}; pairwise summation's bound is {bound}");
        Assert.True(Math.Abs(mean.Item() - (exact / Length)) <= (bound / Length) + (exact / Length * Math.Pow(2, -23)), $"mean {mean.Item()}");
    }
}

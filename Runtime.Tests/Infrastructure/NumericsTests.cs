using System;
using Xunit;
using Xunit.Sdk;

namespace Tandem.Runtime.Tests.Infrastructure;

/// <summary>
/// The comparers can fail: each is fed the wrong values a broken kernel would give (an infinity for a finite value,
/// a zero for a tiny one, the other zero, a NaN, a value one step past the bound) and must throw.
/// </summary>
public sealed class NumericsTests
{
    private static readonly float NegativeNaN = BitConverter.Int32BitsToSingle(unchecked((int)0xFFC0_0001));

    [Fact]
    public void Exact_takes_any_NaN_for_NaN_and_nothing_else()
    {
        Numerics.AssertExact([float.NaN, 1.5f, -0f], [NegativeNaN, 1.5f, -0f]);
        Fails(() => Numerics.AssertExact([float.NaN], [0f]), "NaN must match NaN");
        Fails(() => Numerics.AssertExact([0f], [float.NaN]), "NaN must match NaN");
    }

    [Fact]
    public void Exact_tells_the_zeros_apart_and_the_last_bit()
    {
        Fails(() => Numerics.AssertExact([-0f], [0f]), "sign of zero");
        Fails(() => Numerics.AssertExact([0.0], [-0.0]), "sign of zero");
        Fails(() => Numerics.AssertExact([1f], [MathF.BitIncrement(1f)]), "bit for bit");
        Fails(() => Numerics.AssertExact([float.Epsilon], [0f]), "bit for bit");
        Fails(() => Numerics.AssertExact([1f, 2f], [1f]), "length");
    }

    [Fact]
    public void Infinities_match_only_the_same_infinity_whatever_the_bound()
    {
        Numerics.AssertUlps([float.PositiveInfinity], [float.PositiveInfinity], 1000);
        Fails(() => Numerics.AssertUlps([float.PositiveInfinity], [float.MaxValue], 1000), "infinity");
        Fails(() => Numerics.AssertUlps([float.PositiveInfinity], [float.NegativeInfinity], 1000), "infinity");
        Fails(() => Numerics.AssertUlps([float.MaxValue], [float.PositiveInfinity], 1000), "infinity");
        Fails(() => Numerics.AssertUlps([double.NegativeInfinity], [-1e308], int.MaxValue), "infinity");
        Fails(() => Numerics.AssertUlps([float.PositiveInfinity], [0f], 1000, 1f), "infinity");
    }

    [Fact]
    public void A_bound_in_ULP_is_relative_to_the_expected_value_not_to_one()
    {
        // The old comparer's scale of max(1, |e|) passed exp(x) = 0 for every x < -8.5; a bound in ULP does not.
        Fails(() => Numerics.AssertUlps([MathF.Exp(-9f)], [0f], 43), "ULP apart");
        Fails(() => Numerics.AssertUlps([MathF.Exp(-20f)], [MathF.Exp(-20f) * 1.001f], 43), "ULP apart");
        Fails(() => Numerics.AssertUlps([1e-30], [0.0], 1000), "ULP apart");
        Fails(() => Numerics.AssertUlps([float.NaN], [1f], 1000), "NaN");
    }

    [Fact]
    public void The_bound_is_the_bound()
    {
        var expected = 3.25f;
        var atBound = expected;
        for (var step = 0; step < 4; step++)
        {
            atBound = MathF.BitIncrement(atBound);
        }

        var pastBound = MathF.BitIncrement(atBound);
        Numerics.AssertUlps([expected], [atBound], 4);
        Fails(() => Numerics.AssertUlps([expected], [pastBound], 4), "ULP apart");
        Numerics.AssertUlps([-expected], [-atBound], 4);
        Fails(() => Numerics.AssertUlps([-expected], [-pastBound], 4), "ULP apart");
    }

    [Fact]
    public void A_zero_that_comes_out_as_a_zero_keeps_its_sign()
    {
        Numerics.AssertUlps([-0f], [-0f], 4);
        Fails(() => Numerics.AssertUlps([-0f], [0f], 4), "sign of zero");
        Fails(() => Numerics.AssertUlps([0.0], [-0.0], 4, 1.0), "sign of zero");
    }

    [Fact]
    public void A_scale_loosens_the_bound_only_to_the_stated_terms()
    {
        // A sum of terms near 1000 that cancels to 0.5: its roundings are ULPs of 1000, not of 0.5.
        var off = 0.5f + (3 * (MathF.BitIncrement(1000f) - 1000f));
        Numerics.AssertUlps([0.5f], [off], 4, [1000f]);
        Fails(() => Numerics.AssertUlps([0.5f], [off], 2, [1000f]), "ULP apart");
        Fails(() => Numerics.AssertUlps([0.5f], [off], 4), "ULP apart");
        Fails(() => Numerics.AssertUlps([0.5f], [0.6f], 4, 1f), "ULP apart");
    }

    [Fact]
    public void The_sum_bound_grows_as_the_square_root_of_the_terms()
    {
        Assert.Equal(2, Numerics.SumUlps(1));
        Assert.Equal(65, Numerics.SumUlps(4096));
        Assert.Equal(318, Numerics.SumUlps(100_003));
    }

    private static void Fails(Action comparison, string reason)
    {
        var failure = Assert.Throws<XunitException>(comparison);
        Assert.Contains(reason, failure.Message, StringComparison.Ordinal);
    }
}

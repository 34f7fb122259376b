using System;
using System.Linq;
using System.Numerics;
using System.Runtime.Intrinsics;
using Tandem.CompilerServices;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.KernelTests;

/// <summary>
/// The vector math of the generated SIMD loops (<see cref="VectorMath"/>) against <see cref="MathF"/> and
/// <see cref="Math"/>, relative to each result (not only at scale 1), in every width: float exp across its whole range
/// (results that overflow, are subnormal or round to 0 included, alone and beside ordinary lanes); tanh across the
/// polynomial's and the exponential's ranges, toward 0 and at the special values; float sin and cos across many turns,
/// next to multiples of π/2 (where the reduction cancels), toward 0, past the reduction's limit up to float.MaxValue,
/// and at ±0, NaN and ±∞.
/// </summary>
public sealed class VectorMathTests
{
    private const int Ulps = 2;

    private static readonly float[] Special = [0f, -0f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0.625f, -0.625f,
        0.62500006f, 1e-30f, -1e-40f, float.Epsilon, 9f, 44.5f, -100f, float.MaxValue, float.MinValue];

    private static float[] Arguments()
    {
        var random = new Random(11);
        var spread = Enumerable.Range(0, 20_000).Select(_ => (float)((random.NextDouble() * 40) - 20));
        var small = Enumerable.Range(0, 4_000).Select(_ => MathF.ScaleB((float)((random.NextDouble() * 2) - 1), -random.Next(0, 60)));
        return [.. Special, .. spread, .. small];
    }

    /// <summary>
    /// Spread over ±100 (many turns), the floats next to k·π/2 for k up to 2·10⁵ (past the float reduction's limit of
    /// 10⁵, where .NET's form takes over), tiny magnitudes down to subnormals, and magnitudes up to 10³⁰ and
    /// float.MaxValue mixed into vectors of ordinary arguments.
    /// </summary>
    private static float[] TrigonometricArguments()
    {
        var random = new Random(12);
        var spread = Enumerable.Range(0, 1_000_000).Select(_ => (float)((random.NextDouble() * 200) - 100));
        var nearQuarterTurns = Enumerable.Range(0, 40_000).Select(_ =>
        {
            float multiple = (float)(random.Next(1, 200_000) * Math.PI / 2);
            int bits = BitConverter.SingleToInt32Bits(multiple) + random.Next(-3, 4);
            return random.Next(2) == 0 ? BitConverter.Int32BitsToSingle(bits) : -BitConverter.Int32BitsToSingle(bits);
        });
        var tiny = Enumerable.Range(0, 20_000).Select(_ => MathF.ScaleB((float)((random.NextDouble() * 2) - 1), -random.Next(0, 150)));
        var huge = Enumerable.Range(0, 20_000).Select(i => i % 8 == 3 ? MathF.ScaleB((float)((random.NextDouble() * 2) - 1), random.Next(17, 100)) : random.NextSingle() * 7);
        float[] limits = [99_999.99f, 100_000f, 100_000.01f, -100_000.01f, float.MaxValue, float.MinValue, float.Epsilon, -float.Epsilon];
        return [.. limits, .. spread, .. nearQuarterTurns, .. tiny, .. huge];
    }

    /// <summary>
    /// Spread over the whole range of exp (from where it rounds to 0, through its subnormal results, to past
    /// overflow), the floats next to where its result overflows, turns subnormal and rounds to 0, and the special
    /// values, each also beside ordinary lanes.
    /// </summary>
    private static float[] ExpArguments()
    {
        var random = new Random(13);
        var spread = Enumerable.Range(0, 200_000).Select(_ => (float)((random.NextDouble() * 220) - 115));
        var nearZero = Enumerable.Range(0, 4_000).Select(_ => MathF.ScaleB((float)((random.NextDouble() * 2) - 1), -random.Next(0, 150)));
        float[] limits = [88.72283f, 88.722839f, 88.72284f, 89f, -87.33f, -87.330009f, -87.33654f, -87.4f, -103.972084f, -103.97208f,
            -103.97209f, -104f, -1e30f, 1e30f, float.MaxValue, float.MinValue];
        float[] beside = [.. limits.SelectMany(limit => new[] { limit, 0.5f, -2f, 10f })];
        return [.. Special, .. limits, .. beside, .. spread, .. nearZero];
    }

    [Fact]
    public void Float_exp_is_within_one_ulp_in_every_width() =>
        AssertEveryWidth(ExpArguments(), MathF.Exp, VectorMath.Exp, VectorMath.Exp, VectorMath.Exp, "exp", ulps: 1);

    [Fact]
    public void Float_exp_gives_infinity_zero_and_NaN_where_MathF_does()
    {
        Vector256<float> special = Vector256.Create(float.PositiveInfinity, float.NegativeInfinity, float.NaN, 88.72284f, -103.972084f, -1e30f, 0f, -0f);
        Vector256<float> e = VectorMath.Exp(special);
        Assert.Equal(float.PositiveInfinity, e[0]);
        Assert.Equal(0, BitConverter.SingleToInt32Bits(e[1]));
        Assert.True(float.IsNaN(e[2]));
        Assert.Equal(float.PositiveInfinity, e[3]);
        Assert.Equal(0, BitConverter.SingleToInt32Bits(e[4]));
        Assert.Equal(0, BitConverter.SingleToInt32Bits(e[5]));
        Assert.Equal(1f, e[6]);
        Assert.Equal(1f, e[7]);
        Assert.Equal(MathF.Exp(88.72283f), VectorMath.Exp(Vector128.Create(88.72283f))[0]);
    }

    [Fact]
    public void Float_tanh_is_within_two_ulps_in_every_width() =>
        AssertEveryWidth(Arguments(), MathF.Tanh, VectorMath.Tanh, VectorMath.Tanh, VectorMath.Tanh, "tanh");

    [Fact]
    public void Float_sin_and_cos_are_within_two_ulps_in_every_width()
    {
        float[] x = TrigonometricArguments();
        AssertEveryWidth(x, MathF.Sin, VectorMath.Sin, VectorMath.Sin, VectorMath.Sin, "sin");
        AssertEveryWidth(x, MathF.Cos, VectorMath.Cos, VectorMath.Cos, VectorMath.Cos, "cos");
    }

    [Fact]
    public void Float_sin_keeps_the_sign_of_zero_and_sin_and_cos_give_NaN_for_NaN_and_infinities()
    {
        Vector256<float> special = Vector256.Create(0f, -0f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, -float.NaN, 1f, -1f);
        Vector256<float> sines = VectorMath.Sin(special);
        Vector256<float> cosines = VectorMath.Cos(special);
        Assert.Equal(0, BitConverter.SingleToInt32Bits(sines[0]));
        Assert.Equal(int.MinValue, BitConverter.SingleToInt32Bits(sines[1]));
        Assert.Equal(1f, cosines[0]);
        Assert.Equal(1f, cosines[1]);
        for (int lane = 2; lane < 6; lane++)
        {
            Assert.True(float.IsNaN(sines[lane]) && float.IsNaN(cosines[lane]), $"lane {lane}: sin {sines[lane]}, cos {cosines[lane]}");
        }

        // Without an infinite lane the vector takes the float reduction; NaN must still come out NaN there.
        Vector128<float> quiet = VectorMath.Sin(Vector128.Create(float.NaN, -0f, 2f, -3f));
        Assert.True(float.IsNaN(quiet[0]));
        Assert.Equal(int.MinValue, BitConverter.SingleToInt32Bits(quiet[1]));
        Assert.True(float.IsNaN(VectorMath.Cos(Vector128.Create(float.NaN, 1f, 2f, 3f))[0]));
    }

    [Fact]
    public void Double_tanh_is_within_two_ulps_in_every_width() =>
        AssertEveryWidth(Arguments().Select(f => (double)f * 1.000000123).ToArray(), Math.Tanh, VectorMath.Tanh, VectorMath.Tanh, VectorMath.Tanh, "tanh");

    /// <summary>
    /// Each vector form of <paramref name="name"/> over <paramref name="x"/>, a whole vector at a time, against
    /// <paramref name="reference"/>, over the arguments that fill whole 512-bit vectors.
    /// </summary>
    private static void AssertEveryWidth<T>(
        T[] x,
        Func<T, T> reference,
        Func<Vector512<T>, Vector512<T>> widestForm,
        Func<Vector256<T>, Vector256<T>> wideForm,
        Func<Vector128<T>, Vector128<T>> narrowForm,
        string name,
        int ulps = Ulps)
        where T : IFloatingPointIeee754<T>
    {
        T[] expected = x.Select(reference).ToArray();
        T[] widest = new T[x.Length];
        T[] wide = new T[x.Length];
        T[] narrow = new T[x.Length];
        for (int i = 0; i + Vector512<T>.Count <= x.Length; i += Vector512<T>.Count)
        {
            widestForm(Vector512.Create<T>(x.AsSpan(i, Vector512<T>.Count))).CopyTo(widest.AsSpan(i));
        }

        for (int i = 0; i + Vector256<T>.Count <= x.Length; i += Vector256<T>.Count)
        {
            wideForm(Vector256.Create<T>(x.AsSpan(i, Vector256<T>.Count))).CopyTo(wide.AsSpan(i));
        }

        for (int i = 0; i + Vector128<T>.Count <= x.Length; i += Vector128<T>.Count)
        {
            narrowForm(Vector128.Create<T>(x.AsSpan(i, Vector128<T>.Count))).CopyTo(narrow.AsSpan(i));
        }

        int whole = x.Length / Vector512<T>.Count * Vector512<T>.Count;
        Numerics.AssertUlps(expected[..whole], widest[..whole], ulps, "Vector512 " + name);
        Numerics.AssertUlps(expected[..whole], wide[..whole], ulps, "Vector256 " + name);
        Numerics.AssertUlps(expected[..whole], narrow[..whole], ulps, "Vector128 " + name);
    }
}

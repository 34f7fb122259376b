using System;
using System.Linq;
using System.Runtime.Intrinsics;
using Tandem.CompilerServices;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.KernelTests;

/// <summary>
/// The vector tanh of the generated SIMD loops (<see cref="VectorMath"/>) against <see cref="MathF.Tanh"/> and
/// <see cref="Math.Tanh"/>, relative to each result (not only at scale 1): both widths, across the polynomial's and the
/// exponential's ranges, toward 0 and at the special values.
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

    [Fact]
    public void Float_tanh_is_within_two_ulps_in_both_widths()
    {
        float[] x = Arguments();
        float[] expected = x.Select(MathF.Tanh).ToArray();
        float[] wide = new float[x.Length];
        float[] narrow = new float[x.Length];
        for (int i = 0; i + 8 <= x.Length; i += 8)
        {
            VectorMath.Tanh(Vector256.Create(x.AsSpan(i, 8))).CopyTo(wide.AsSpan(i));
        }

        for (int i = 0; i + 4 <= x.Length; i += 4)
        {
            VectorMath.Tanh(Vector128.Create(x.AsSpan(i, 4))).CopyTo(narrow.AsSpan(i));
        }

        int whole = x.Length / 8 * 8;
        Numerics.AssertUlps(expected[..whole], wide[..whole], Ulps, "Vector256 tanh");
        Numerics.AssertUlps(expected[..whole], narrow[..whole], Ulps, "Vector128 tanh");
    }

    [Fact]
    public void Double_tanh_is_within_two_ulps_in_both_widths()
    {
        double[] x = Arguments().Select(f => (double)f * 1.000000123).ToArray();
        double[] expected = x.Select(Math.Tanh).ToArray();
        double[] wide = new double[x.Length];
        double[] narrow = new double[x.Length];
        for (int i = 0; i + 4 <= x.Length; i += 4)
        {
            VectorMath.Tanh(Vector256.Create(x.AsSpan(i, 4))).CopyTo(wide.AsSpan(i));
        }

        for (int i = 0; i + 2 <= x.Length; i += 2)
        {
            VectorMath.Tanh(Vector128.Create(x.AsSpan(i, 2))).CopyTo(narrow.AsSpan(i));
        }

        int whole = x.Length / 4 * 4;
        Numerics.AssertUlps(expected[..whole], wide[..whole], Ulps, "Vector256 tanh");
        Numerics.AssertUlps(expected[..whole], narrow[..whole], Ulps, "Vector128 tanh");
    }
}

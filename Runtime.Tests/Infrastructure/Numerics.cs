using System;
using System.Globalization;
using System.Linq;
using System.Numerics;
using Xunit.Sdk;

namespace Tandem.Runtime.Tests.Infrastructure;

/// <summary>
/// Random inputs, and the float comparisons every test uses. Each comparison states its contract:
/// <list type="bullet">
/// <item><see cref="AssertExact{T}"/>: bit for bit, for exactly rounded operations (+, -, * and what only selects or
/// rounds: ?:, clamp, min/max, floor/ceiling/round, conversions) — C# and Vulkan both round these correctly.</item>
/// <item><see cref="AssertUlps{T}(T[], T[], int, string)"/>: within a stated number of units in the last place of the
/// expected value, for transcendentals and division on the GPU (Vulkan allows 2.5 ULP for a quotient).</item>
/// <item><see cref="AssertUlps{T}(T[], T[], int, T[], string)"/>: the same at the scale of each element's largest term
/// (a sum, a product of sums), where the result can be far smaller than the terms whose rounding it carries.</item>
/// </list>
/// In every one NaN matches only NaN (any payload: which operand's NaN an IEEE operation returns is unspecified),
/// an infinity only the same infinity, and a zero the same zero wherever the actual value is a zero too.
/// </summary>
public static class Numerics
{
    public static float[] Floats(Random random, int length, float low = -4f, float high = 4f) =>
        Enumerable.Range(0, length).Select(_ => low + ((high - low) * random.NextSingle())).ToArray();

    public static double[] Doubles(Random random, int length, double low = -4, double high = 4) =>
        Enumerable.Range(0, length).Select(_ => low + ((high - low) * random.NextDouble())).ToArray();

    public static int[] Ints(Random random, int length, int low = -1000, int high = 1000) =>
        Enumerable.Range(0, length).Select(_ => random.Next(low, high)).ToArray();

    public static uint[] UInts(Random random, int length) =>
        Enumerable.Range(0, length).Select(_ => (uint)random.NextInt64(0, uint.MaxValue)).ToArray();

    /// <summary>Every element of <paramref name="actual"/> equals <paramref name="expected"/>'s bit for bit (any NaN matches any NaN).</summary>
    public static void AssertExact<T>(T[] expected, T[] actual, string what = "result")
        where T : IFloatingPointIeee754<T> => Compare(expected, actual, 0, null, what);

    /// <summary>
    /// Every element within <paramref name="ulps"/> units in the last place of the expected element (infinities, NaN
    /// and the sign of a zero must match).
    /// </summary>
    public static void AssertUlps<T>(T[] expected, T[] actual, int ulps, string what = "result")
        where T : IFloatingPointIeee754<T> => Compare(expected, actual, ulps, null, what);

    /// <summary>
    /// Every element within <paramref name="ulps"/> units in the last place of max(|expected|, <paramref name="scale"/>):
    /// for results that carry the rounding of larger terms. Recursive or pairwise summation of n terms errs by at most
    /// (n - 1) half-ULPs of the sum of their magnitudes, so n ULP at that scale bounds any summation order.
    /// </summary>
    public static void AssertUlps<T>(T[] expected, T[] actual, int ulps, T[] scale, string what = "result")
        where T : IFloatingPointIeee754<T> => Compare(expected, actual, ulps, scale, what);

    /// <summary>
    /// Every element within <paramref name="ulps"/> units in the last place of max(|expected|, <paramref name="scale"/>):
    /// for bounds stated in absolute terms near zero (Vulkan's for log near 1, tanh, sin and cos: scale 1).
    /// </summary>
    public static void AssertUlps<T>(T[] expected, T[] actual, int ulps, T scale, string what = "result")
        where T : IFloatingPointIeee754<T> => Compare(expected, actual, ulps, Enumerable.Repeat(scale, expected.Length).ToArray(), what);

    /// <summary>
    /// The bound for a float sum of <paramref name="terms"/> terms (or roundings), in ULP of the sum of their
    /// magnitudes: ⌈√n⌉ + 1. The worst case of any summation order is n ULP, which at n = 100,000 would pass a
    /// dropped block of terms; the roundings of random inputs cancel like a random walk, whose spread grows as √n.
    /// </summary>
    public static int SumUlps(int terms) => (int)Math.Ceiling(Math.Sqrt(terms)) + 1;

    /// <summary>
    /// Why <paramref name="actual"/> is not within <paramref name="ulps"/> of <paramref name="expected"/> at
    /// <paramref name="scale"/> (zero: the expected value's own scale), or null when it is.
    /// </summary>
    public static string? Mismatch<T>(T expected, T actual, int ulps, T scale)
        where T : IFloatingPointIeee754<T>
    {
        if (T.IsNaN(expected) || T.IsNaN(actual))
        {
            return T.IsNaN(expected) && T.IsNaN(actual) ? null : "NaN must match NaN";
        }

        if (T.IsInfinity(expected) || T.IsInfinity(actual))
        {
            return expected == actual ? null : "an infinity must match the same infinity";
        }

        if (T.IsZero(expected) && T.IsZero(actual))
        {
            return T.IsNegative(expected) == T.IsNegative(actual) ? null : "the sign of zero differs";
        }

        if (ulps == 0)
        {
            return expected == actual ? null : "not bit for bit";
        }

        // The distance in units of the last place at the scale: exact for float (double arithmetic), and off by at
        // most a rounding of the difference for double.
        T magnitude = T.Max(T.Abs(expected), T.Abs(scale));
        T above = T.BitIncrement(magnitude);
        double unit = double.CreateChecked(T.IsInfinity(above) ? magnitude - T.BitDecrement(magnitude) : above - magnitude);
        double distance = Math.Abs(double.CreateChecked(expected) - double.CreateChecked(actual)) / unit;
        return distance <= ulps ? null : string.Create(CultureInfo.InvariantCulture, $"{distance:G4} ULP apart at scale {magnitude}, bound {ulps}");
    }

    private static void Compare<T>(T[] expected, T[] actual, int ulps, T[]? scale, string what)
        where T : IFloatingPointIeee754<T>
    {
        if (expected.Length != actual.Length)
        {
            throw new XunitException($"{what}: length {actual.Length}, expected {expected.Length}");
        }

        if (scale is not null && scale.Length != expected.Length)
        {
            throw new ArgumentException($"{scale.Length} scales for {expected.Length} elements", nameof(scale));
        }

        for (var i = 0; i < expected.Length; i++)
        {
            if (Mismatch(expected[i], actual[i], ulps, scale is null ? T.Zero : scale[i]) is { } why)
            {
                throw new XunitException(string.Create(CultureInfo.InvariantCulture, $"{what}[{i}] = {actual[i]:R}, expected {expected[i]:R}: {why}"));
            }
        }
    }
}

using System;
using System.Linq;
using System.Numerics;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Ops.Elementwise;

/// <summary>
/// Values for the element-wise tests, exactly representable in the element type under test, and the comparison of a
/// result with its reference computed in double (rounded once to the element type).
/// </summary>
internal static class ElementValues
{
    public static bool IsInteger<T>() => typeof(T) == typeof(int) || typeof(T) == typeof(uint) || typeof(T) == typeof(long) || typeof(T) == typeof(byte);

    public static bool IsUnsigned<T>() => typeof(T) == typeof(uint) || typeof(T) == typeof(byte);

    /// <summary>Draws from [low, high) (integers: whole numbers; unsigned: clamped at 0), rounded to <typeparamref name="T"/>.</summary>
    public static Func<double> Uniform<T>(Random random, double low, double high) where T : INumber<T>
    {
        if (IsUnsigned<T>())
        {
            low = Math.Max(low, 0);
            high = Math.Max(high, 1);
        }

        return () =>
        {
            double value = low + ((high - low) * random.NextDouble());
            return Exactly<T>(IsInteger<T>() ? Math.Floor(value) : value);
        };
    }

    /// <summary>Draws from ±[low, high): no zeros, for divisors.</summary>
    public static Func<double> NonZero<T>(Random random, double low, double high) where T : INumber<T>
    {
        Func<double> magnitude = Uniform<T>(random, low, high);
        return () => IsUnsigned<T>() || random.Next(2) == 0 ? magnitude() : -magnitude();
    }

    /// <summary><paramref name="value"/> rounded to <typeparamref name="T"/> (to nearest for floating point).</summary>
    public static double Exactly<T>(double value) where T : INumber<T> => double.CreateTruncating(Round<T>(value));

    /// <summary>
    /// A value computed exactly in double as <typeparamref name="T"/>: floating point rounds to nearest, integers wrap
    /// around as C#'s unchecked arithmetic does.
    /// </summary>
    public static T Round<T>(double value) where T : INumber<T>
        => IsInteger<T>() ? T.CreateTruncating((long)value) : T.CreateTruncating(value);

    public static T[] Round<T>(double[] values) where T : INumber<T> => values.Select(Round<T>).ToArray();

    /// <summary>
    /// Asserts <paramref name="actual"/> matches <paramref name="expected"/> (the reference in double): integers exactly,
    /// floating point within <paramref name="ulps"/> of the reference rounded to <typeparamref name="T"/> (at the scale
    /// max(|expected|, 1) when <paramref name="unitScale"/>). Double results of the GPU's single-precision
    /// transcendentals (<paramref name="singlePrecision"/>) compare as float.
    /// </summary>
    public static void AssertClose<T>(double[] expected, T[] actual, int ulps, bool unitScale, string what, bool singlePrecision = false)
        where T : INumber<T>
    {
        Assert.Equal(expected.Length, actual.Length);
        if (singlePrecision && typeof(T) == typeof(double))
        {
            AssertClose(expected, actual.Select(float.CreateTruncating).ToArray(), ulps + 1, unitScale, what);
            return;
        }

        if (typeof(T) == typeof(float))
        {
            Floating(Round<float>(expected), (float[])(object)actual, ulps, unitScale, what);
        }
        else if (typeof(T) == typeof(double))
        {
            Floating(expected, (double[])(object)actual, ulps, unitScale, what);
        }
        else if (typeof(T) == typeof(Half))
        {
            Floating(Round<Half>(expected), (Half[])(object)actual, ulps, unitScale, what);
        }
        else
        {
            T[] rounded = Round<T>(expected);
            for (int i = 0; i < rounded.Length; i++)
            {
                Assert.True(rounded[i] == actual[i], $"{what}[{i}] = {actual[i]}, expected {rounded[i]}");
            }
        }
    }

    private static void Floating<T>(T[] expected, T[] actual, int ulps, bool unitScale, string what) where T : IFloatingPointIeee754<T>
    {
        if (unitScale)
        {
            Numerics.AssertUlps(expected, actual, ulps, T.One, what);
        }
        else
        {
            Numerics.AssertUlps(expected, actual, ulps, what);
        }
    }
}

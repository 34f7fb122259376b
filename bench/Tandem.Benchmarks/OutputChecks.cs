using System;
using System.Globalization;

namespace Tandem.Benchmarks;

/// <summary>
/// What each benchmarked kernel must have computed, against the direct C# computation, so that no benchmark times a
/// wrong result (shared with Tandem.DeviceBench). Each check returns null when the output is right, else the first
/// wrong element.
/// </summary>
public static class OutputChecks
{
    /// <summary>
    /// The generated SIMD exp differs from <see cref="MathF.Exp"/> in the last bits (its own polynomial); 4 units in the
    /// last place is well inside what a wrong result misses by.
    /// </summary>
    public const int ExpUlps = 4;

    public static string? Saxpy(float alpha, ReadOnlySpan<float> x, ReadOnlySpan<float> yBefore, ReadOnlySpan<float> yAfter)
    {
        var expected = new float[yBefore.Length];
        for (var i = 0; i < expected.Length; i++)
        {
            expected[i] = (alpha * x[i]) + yBefore[i];
        }

        return Compare(expected, yAfter, 0);
    }

    public static string? Exp(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        var expected = new float[x.Length];
        for (var i = 0; i < expected.Length; i++)
        {
            expected[i] = MathF.Exp(x[i]);
        }

        return Compare(expected, y, ExpUlps);
    }

    public static string? LeakyRelu(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        var expected = new float[x.Length];
        for (var i = 0; i < expected.Length; i++)
        {
            expected[i] = x[i] > 0f ? x[i] : 0.01f * x[i];
        }

        return Compare(expected, y, 0);
    }

    public static string? Stencil3(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        var expected = new float[x.Length];
        for (var i = 0; i < expected.Length; i++)
        {
            expected[i] = i > 0 && i < x.Length - 1 ? (0.25f * x[i - 1]) + (0.5f * x[i]) + (0.25f * x[i + 1]) : x[i];
        }

        return Compare(expected, y, 0);
    }

    public static string? Blur3x3(int width, int height, ReadOnlySpan<float> image, ReadOnlySpan<float> blurred)
    {
        var expected = new float[width * height];
        for (var at = 0; at < expected.Length; at++)
        {
            var (x, y) = (at % width, at / width);
            expected[at] = x > 0 && x < width - 1 && y > 0 && y < height - 1
                ? ((image[at - width - 1] + image[at - width] + image[at - width + 1])
                    + (image[at - 1] + image[at] + image[at + 1])
                    + (image[at + width - 1] + image[at + width] + image[at + width + 1])) / 9f
                : image[at];
        }

        return Compare(expected, blurred, 0);
    }

    /// <summary>Every element of <paramref name="actual"/> equals <paramref name="value"/> exactly.</summary>
    public static string? All(ReadOnlySpan<float> actual, float value)
    {
        for (var i = 0; i < actual.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(actual[i]) != BitConverter.SingleToInt32Bits(value))
            {
                return string.Create(CultureInfo.InvariantCulture, $"element {i} is {actual[i]:R}, expected {value:R}");
            }
        }

        return null;
    }

    /// <summary>Throws when a check found a wrong output: a benchmark must not time a wrong result.</summary>
    public static void Require(string? failure, string what)
    {
        if (failure is not null)
        {
            throw new InvalidOperationException($"{what} computed a wrong result: {failure}");
        }
    }

    /// <summary>Element by element within <paramref name="ulps"/> units in the last place (0: bit for bit); NaN matches NaN.</summary>
    private static string? Compare(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, int ulps)
    {
        if (expected.Length != actual.Length)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{actual.Length} elements, expected {expected.Length}");
        }

        for (var i = 0; i < expected.Length; i++)
        {
            var (e, a) = (expected[i], actual[i]);
            if (float.IsNaN(e) ? !float.IsNaN(a) : float.IsNaN(a) || Distance(e, a) > ulps)
            {
                return string.Create(CultureInfo.InvariantCulture, $"element {i} is {a:R}, expected {e:R} (within {ulps} ULP)");
            }
        }

        return null;
    }

    /// <summary>The number of floats between two non-NaN floats (+0 and -0 are one apart).</summary>
    private static long Distance(float a, float b) => Math.Abs(Ordered(a) - Ordered(b));

    private static long Ordered(float value)
    {
        int bits = BitConverter.SingleToInt32Bits(value);
        return bits < 0 ? int.MinValue - (long)bits - 1 : bits;
    }
}

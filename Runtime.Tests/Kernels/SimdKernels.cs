using System;

namespace Tandem.Runtime.Tests.Kernels;

/// <summary>
/// Kernels whose CPU version is a SIMD loop only since branches on element values became masks, neighbour reads
/// became offset loads and 2D rows became lanes along X: each one exercises one of those paths and its edges.
/// </summary>
public static partial class SimdKernels
{
    /// <summary>?: on an element value; NaN takes the false side, as in C#.</summary>
    [Kernel]
    public static void Relu(int i, ReadOnlySpan<float> x, Span<float> y)
        => y[i] = x[i] > 0f ? x[i] : 0f;

    /// <summary>Nested ?: with uniform bounds and a local.</summary>
    [Kernel]
    public static void ClampTo(int i, float low, float high, ReadOnlySpan<float> x, Span<float> y)
    {
        float v = x[i];
        y[i] = v < low ? low : v > high ? high : v;
    }

    /// <summary>A write under an element condition: the other elements of y keep their values.</summary>
    [Kernel]
    public static void CopyAbove(int i, float threshold, ReadOnlySpan<float> x, Span<float> y)
    {
        if (x[i] > threshold)
            y[i] = x[i];
    }

    /// <summary>if / else if / else assigning locals declared outside, a compound write, and ints.</summary>
    [Kernel]
    public static void SignSplit(int i, ReadOnlySpan<int> x, Span<int> positive, Span<int> negative, Span<int> zeros)
    {
        int v = x[i];
        int p = 0;
        int n = 0;
        if (v > 0)
            p = v;
        else if (v < 0)
            n = -v;
        else
            zeros[i] += 1;
        positive[i] = p;
        negative[i] = n;
    }

    /// <summary>An early return under an element condition, then work only the remaining lanes may store.</summary>
    [Kernel]
    public static void SqrtOfPositive(int i, ReadOnlySpan<float> x, Span<float> y)
    {
        if (x[i] < 0f)
            return;
        float root = MathF.Sqrt(x[i]);
        y[i] = root * 2f;
    }

    /// <summary>Unsigned comparison (wrap-around detection) and a bool local combined with ! and ==.</summary>
    [Kernel]
    public static void SaturatingAdd(int i, ReadOnlySpan<uint> a, ReadOnlySpan<uint> b, Span<uint> sum)
    {
        uint s = a[i] + b[i];
        bool wrapped = s < a[i];
        bool same = wrapped == (s < b[i]);
        sum[i] = !wrapped && same ? s : uint.MaxValue;
    }

    /// <summary>Doubles: 64-bit lanes and masks.</summary>
    [Kernel]
    public static void AbsoluteDifference(int i, ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> d)
        => d[i] = a[i] > b[i] ? a[i] - b[i] : b[i] - a[i];

    /// <summary>A 3-point stencil guarded by the bounds; the ends copy the input.</summary>
    [Kernel]
    public static void Smooth3(int i, ReadOnlySpan<float> x, Span<float> y)
    {
        if (i > 0 && i < x.Length - 1)
            y[i] = (x[i - 1] + x[i] + x[i + 1]) * 0.25f + x[i] * 0.25f;
        else
            y[i] = x[i];
    }

    /// <summary>Neighbour reads through single-assignment locals and guards on a uniform length.</summary>
    [Kernel]
    public static void HeatSweep(int i, int n, float alpha, ReadOnlySpan<float> u, Span<float> next)
    {
        int left = i - 1;
        int right = i + 1;
        float l = left >= 0 ? u[left] : u[i];
        float r = right < n ? u[right] : u[i];
        next[i] = u[i] + alpha * (l - 2f * u[i] + r);
    }

    /// <summary>An offset that is a parameter, not a constant: x[i - step].</summary>
    [Kernel]
    public static void LaggedDifference(int i, int step, ReadOnlySpan<int> x, Span<int> d)
        => d[i] = i >= step ? x[i] - x[i - step] : x[i];

    /// <summary>Elements every thread reads (a broadcast): stats[0] and stats[1].</summary>
    [Kernel]
    public static void Standardize(int i, ReadOnlySpan<float> stats, ReadOnlySpan<float> x, Span<float> y)
        => y[i] = (x[i] - stats[0]) / stats[1];

    /// <summary>2D saxpy over a row-major matrix with a row pitch: lanes run along X.</summary>
    [Kernel]
    public static void Saxpy2D(Index2D id, int pitch, float alpha, ReadOnlySpan<float> x, Span<float> y)
    {
        int at = id.Y * pitch + id.X;
        y[at] = alpha * x[at] + y[at];
    }

    /// <summary>A 3x3 box blur without loops: neighbours in the row above and below; the border copies the input.</summary>
    [Kernel]
    public static void Blur3x3(Index2D id, int width, int height, ReadOnlySpan<float> image, Span<float> blurred)
    {
        int x = id.X;
        int y = id.Y;
        int at = y * width + x;
        if (x > 0 && x < width - 1 && y > 0 && y < height - 1)
        {
            float above = image[at - width - 1] + image[at - width] + image[at - width + 1];
            float row = image[at - 1] + image[at] + image[at + 1];
            float below = image[at + width - 1] + image[at + width] + image[at + width + 1];
            blurred[at] = (above + row + below) / 9f;
        }
        else
        {
            blurred[at] = image[at];
        }
    }

    /// <summary>A float comparison written to an int matrix, and an early return on the row (uniform in a row).</summary>
    [Kernel]
    public static void Threshold2D(Index2D id, int width, int rows, float level, ReadOnlySpan<float> m, Span<int> above)
    {
        if (id.Y >= rows)
            return;
        above[id.Y * width + id.X] = m[id.Y * width + id.X] > level ? 1 : 0;
    }
}

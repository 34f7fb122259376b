using System;

namespace Tandem.Benchmarks;

/// <summary>The kernels the benchmarks run through Tandem's generated code (shared with Tandem.DeviceBench).</summary>
public static partial class BenchKernels
{
    [Kernel]
    public static void Saxpy(int i, float alpha, ReadOnlySpan<float> x, Span<float> y) => y[i] = alpha * x[i] + y[i];

    [Kernel]
    public static void Exp(int i, ReadOnlySpan<float> x, Span<float> y) => y[i] = MathF.Exp(x[i]);

    /// <summary>A masked select: leaky ReLU, a ?: on the element value with work on both sides.</summary>
    [Kernel]
    public static void LeakyRelu(int i, ReadOnlySpan<float> x, Span<float> y) => y[i] = x[i] > 0f ? x[i] : 0.01f * x[i];

    /// <summary>A 1D 3-point stencil with guarded neighbour reads; the ends copy the input.</summary>
    [Kernel]
    public static void Stencil3(int i, ReadOnlySpan<float> x, Span<float> y)
    {
        if (i > 0 && i < x.Length - 1)
            y[i] = (0.25f * x[i - 1]) + (0.5f * x[i]) + (0.25f * x[i + 1]);
        else
            y[i] = x[i];
    }

    /// <summary>A 2D 3x3 box blur without loops: rows vectorize along X; the border copies the input.</summary>
    [Kernel]
    public static void Blur3x3(Index2D id, int width, int height, ReadOnlySpan<float> image, Span<float> blurred)
    {
        int at = (id.Y * width) + id.X;
        if (id.X > 0 && id.X < width - 1 && id.Y > 0 && id.Y < height - 1)
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

    /// <summary>A tiny op for launch-cost chains: each launch depends on the previous one.</summary>
    [Kernel]
    public static void Increment(int i, Span<float> y) => y[i] += 1f;
}

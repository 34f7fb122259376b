using System;

namespace Tandem.Ops.Kernels;

/// <summary>
/// The last step of a softmax along one axis: each element's <c>exp(x - max) / sum</c>, with its run's maximum and sum
/// of exponentials (reductions over the axis, one value per run, runs in row-major order). <c>length</c> is the
/// axis' size and <c>inner</c> the number of elements after it, so element <c>index</c> of the row-major input
/// belongs to run <c>index / (length * inner) * inner + index % inner</c>.
/// </summary>
internal static partial class SoftmaxKernels
{
    [Kernel]
    public static void SoftmaxFloat(int index, int length, int inner, ReadOnlySpan<float> x, ReadOnlySpan<float> max, ReadOnlySpan<float> sum,
        Span<float> result)
    {
        int run = (index / (length * inner) * inner) + (index % inner);
        result[index] = MathF.Exp(x[index] - max[run]) / sum[run];
    }

    // Vulkan's exp is 32-bit: on the GPU this is as accurate as the float version (TK0017).
    [Kernel]
    public static void SoftmaxDouble(int index, int length, int inner, ReadOnlySpan<double> x, ReadOnlySpan<double> max, ReadOnlySpan<double> sum,
        Span<double> result)
    {
        int run = (index / (length * inner) * inner) + (index % inner);
        result[index] = Math.Exp(x[index] - max[run]) / sum[run];
    }

    // Computed in float, rounded to Half once.
    [Kernel]
    public static void SoftmaxHalf(int index, int length, int inner, ReadOnlySpan<Half> x, ReadOnlySpan<float> max, ReadOnlySpan<float> sum,
        Span<Half> result)
    {
        int run = (index / (length * inner) * inner) + (index % inner);
        result[index] = (Half)(MathF.Exp((float)x[index] - max[run]) / sum[run]);
    }
}

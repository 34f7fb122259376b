using System;

namespace Tandem.Ops.Kernels;

/// <summary>
/// Matrix products: one thread per element of the (M, N) result, reading a row of the (M, K) left matrix and a column
/// of the (K, N) right one.
/// </summary>
internal static partial class MatmulKernels
{
    [Kernel]
    public static void MatmulFloat(Index2D id, int k, int n, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> result)
    {
        float sum = 0;
        for (int p = 0; p < k; p++)
        {
            sum += a[(id.Y * k) + p] * b[(p * n) + id.X];
        }

        result[(id.Y * n) + id.X] = sum;
    }

    [Kernel]
    public static void MatmulDouble(Index2D id, int k, int n, ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> result)
    {
        double sum = 0;
        for (int p = 0; p < k; p++)
        {
            sum += a[(id.Y * k) + p] * b[(p * n) + id.X];
        }

        result[(id.Y * n) + id.X] = sum;
    }
}

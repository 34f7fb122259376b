using System;

namespace Tandem.Runtime.Tests.Examples;

// The kernels of the README and docs/ARCHITECTURE.md, as written there.
public static partial class MyKernels            // partial: the generator adds the launchers
{
    [Kernel]
    public static void Saxpy(int i, float alpha, ReadOnlySpan<float> x, Span<float> y)
        => y[i] = alpha * x[i] + y[i];

    [Kernel]
    public static void MatMul(Index2D id, int k, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c)
    {
        int n = c.Length / (a.Length / k);       // columns of c
        float acc = 0;
        for (int p = 0; p < k; p++)
            acc += a[id.Y * k + p] * b[p * n + id.X];
        c[id.Y * n + id.X] = acc;
    }
}

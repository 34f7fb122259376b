using System;

namespace Tandem.Benchmarks;

/// <summary>The kernels the CPU benchmarks run through Tandem's generated code.</summary>
public static partial class BenchKernels
{
    [Kernel]
    public static void Saxpy(int i, float alpha, ReadOnlySpan<float> x, Span<float> y) => y[i] = alpha * x[i] + y[i];

    [Kernel]
    public static void Exp(int i, ReadOnlySpan<float> x, Span<float> y) => y[i] = MathF.Exp(x[i]);
}

using System;

namespace Tandem.Benchmarks;

/// <summary>The kernels the benchmarks run through Tandem's generated code (shared with Tandem.DeviceBench).</summary>
public static partial class BenchKernels
{
    [Kernel]
    public static void Saxpy(int i, float alpha, ReadOnlySpan<float> x, Span<float> y) => y[i] = alpha * x[i] + y[i];

    [Kernel]
    public static void Exp(int i, ReadOnlySpan<float> x, Span<float> y) => y[i] = MathF.Exp(x[i]);

    /// <summary>A tiny op for launch-cost chains: each launch depends on the previous one.</summary>
    [Kernel]
    public static void Increment(int i, Span<float> y) => y[i] += 1f;
}

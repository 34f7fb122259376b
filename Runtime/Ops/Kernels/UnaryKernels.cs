using System;

namespace Tandem.Ops.Kernels;

/// <summary>Element-wise math functions.</summary>
/// <remarks>
/// Vulkan has only 32-bit <c>exp</c>, <c>log</c> and <c>tanh</c>: on the GPU the double versions are computed in single
/// precision (TK0017); on the CPU they are exact.
/// </remarks>
internal static partial class UnaryKernels
{
    [Kernel]
    public static void ExpFloat(int i, ReadOnlySpan<float> x, Span<float> result) => result[i] = MathF.Exp(x[i]);

    [Kernel]
    public static void ExpDouble(int i, ReadOnlySpan<double> x, Span<double> result) => result[i] = Math.Exp(x[i]);

    [Kernel]
    public static void LogFloat(int i, ReadOnlySpan<float> x, Span<float> result) => result[i] = MathF.Log(x[i]);

    [Kernel]
    public static void LogDouble(int i, ReadOnlySpan<double> x, Span<double> result) => result[i] = Math.Log(x[i]);

    [Kernel]
    public static void SqrtFloat(int i, ReadOnlySpan<float> x, Span<float> result) => result[i] = MathF.Sqrt(x[i]);

    [Kernel]
    public static void SqrtDouble(int i, ReadOnlySpan<double> x, Span<double> result) => result[i] = Math.Sqrt(x[i]);

    [Kernel]
    public static void TanhFloat(int i, ReadOnlySpan<float> x, Span<float> result) => result[i] = MathF.Tanh(x[i]);

    [Kernel]
    public static void TanhDouble(int i, ReadOnlySpan<double> x, Span<double> result) => result[i] = Math.Tanh(x[i]);
}

using System;

namespace Tandem.Runtime.Tests.Kernels;

/// <summary>Element-wise kernels: every access is indexed by the thread index, so the CPU version is a SIMD loop.</summary>
public static partial class ElementwiseKernels
{
    private const float Half = 0.5f;

    [Kernel]
    public static void Saxpy(int i, float alpha, ReadOnlySpan<float> x, Span<float> y)
        => y[i] = alpha * x[i] + y[i];

    [Kernel]
    public static void ScaleShift(int i, float scale, float shift, ReadOnlySpan<float> x, Span<float> y)
    {
        float scaled = x[i] * scale;
        y[i] = scaled + shift;
    }

    /// <summary>Uses a const field and a const local.</summary>
    [Kernel]
    public static void HalfSquare(int i, ReadOnlySpan<float> x, Span<float> y)
    {
        const float Two = 2f;
        y[i] = Half * x[i] * x[i] * Two / Two;
    }

    /// <summary>Math-heavy: exp, log, sqrt, min/max, FMA, floor/ceiling/round.</summary>
    [Kernel]
    public static void MathHeavy(int i, ReadOnlySpan<float> x, Span<float> y)
    {
        float a = MathF.Exp(x[i] * 0.1f);
        float b = MathF.Log(MathF.Abs(x[i]) + 1f);
        float c = MathF.Sqrt(a + b);
        float d = MathF.FusedMultiplyAdd(a, b, c);
        y[i] = MathF.Max(MathF.Min(d, 100f), -100f) + MathF.Floor(x[i]) - MathF.Ceiling(x[i]) + MathF.Round(x[i] * 2.5f);
    }

    [Kernel]
    public static void IntOps(int i, int shift, ReadOnlySpan<int> x, ReadOnlySpan<int> y, Span<int> z)
        => z[i] = ((x[i] * 3) ^ (y[i] << shift)) + (x[i] & 0xFF) - (~y[i] >> 2);

    [Kernel]
    public static void UIntOps(int i, uint mask, ReadOnlySpan<uint> x, Span<uint> y)
    {
        uint v = x[i] * 2654435761u;
        y[i] = (v ^ (v >> 15)) & mask | (v << 3);
    }

    [Kernel]
    public static void DoubleAxpby(int i, double alpha, double beta, ReadOnlySpan<double> x, Span<double> y)
        => y[i] = alpha * x[i] + beta * y[i] + Math.Sqrt(Math.Abs(x[i]));

    /// <summary>Converts between int and float per thread and uses the index as a value.</summary>
    [Kernel]
    public static void IndexRamp(int i, ReadOnlySpan<int> x, Span<float> y)
        => y[i] = (float)(x[i] + i) * 0.25f;

    [Kernel]
    public static void ExpChain(int i, ReadOnlySpan<float> x, Span<float> y)
        => y[i] = MathF.Exp(x[i]);
}

using System;
using System.Numerics;

namespace Tandem.Runtime.Tests.Kernels;

/// <summary>
/// IEEE-754 arithmetic as C# evaluates it, which a shader compiler must not "simplify": x * 0, x - x, x + 0 and 0 - x
/// (NaN, infinities and the sign of zero), a product and a sum not fused into one rounding, and Min/Max with NaN and
/// signed zeros. Element-wise, so the GPU's wide entry point and the CPU's SIMD loop run them too.
/// </summary>
public static partial class FloatSemanticsKernels
{
    [Kernel]
    public static void Identities(int i, ReadOnlySpan<float> x, Span<float> timesZero, Span<float> minusSelf, Span<float> plusZero, Span<float> zeroMinus)
    {
        float v = x[i];
        timesZero[i] = v * 0f;
        minusSelf[i] = v - v;
        plusZero[i] = v + 0f;
        zeroMinus[i] = 0f - v;
    }

    [Kernel]
    public static void DoubleIdentities(int i, ReadOnlySpan<double> x, Span<double> timesZero, Span<double> minusSelf, Span<double> plusZero, Span<double> zeroMinus)
    {
        double v = x[i];
        timesZero[i] = v * 0.0;
        minusSelf[i] = v - v;
        plusZero[i] = v + 0.0;
        zeroMinus[i] = 0.0 - v;
    }

    /// <summary>Rounding keeps the sign of a zero result (the ceiling of -0.5 is -0), and so does a remainder (-1 % 1).</summary>
    [Kernel]
    public static void DoubleRounding(int i, ReadOnlySpan<double> x, Span<double> floor, Span<double> ceiling, Span<double> round, Span<double> remainder)
    {
        double v = x[i];
        floor[i] = Math.Floor(v);
        ceiling[i] = Math.Ceiling(v);
        round[i] = Math.Round(v);
        remainder[i] = v % 1.0;
    }

    /// <summary>The float forms, and the double ceiling of a float.</summary>
    [Kernel]
    public static void Rounding(int i, ReadOnlySpan<float> x, Span<float> floor, Span<float> ceiling, Span<float> round, Span<float> doubleCeiling)
    {
        float v = x[i];
        floor[i] = MathF.Floor(v);
        ceiling[i] = MathF.Ceiling(v);
        round[i] = MathF.Round(v);
        doubleCeiling[i] = (float)Math.Ceiling((double)v);
    }

    /// <summary>Half arithmetic goes through float: x * 0 and x - x there too.</summary>
    [Kernel]
    public static void HalfIdentities(int i, ReadOnlySpan<Half> x, Span<Half> timesZero, Span<Half> minusSelf)
    {
        Half v = x[i];
        timesZero[i] = v * Half.Zero;
        minusSelf[i] = v - v;
    }

    /// <summary>Two roundings, as C# does them; one fused rounding differs for some inputs.</summary>
    [Kernel]
    public static void MultiplyAdd(int i, ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> c, Span<float> result)
        => result[i] = a[i] * b[i] + c[i];

    [Kernel]
    public static void DoubleMultiplyAdd(int i, ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> c, Span<double> result)
        => result[i] = a[i] * b[i] + c[i];

    [Kernel]
    public static void MinMax(int i, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> min, Span<float> max)
    {
        min[i] = MathF.Min(a[i], b[i]);
        max[i] = MathF.Max(a[i], b[i]);
    }

    [Kernel]
    public static void DoubleMinMax(int i, ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> min, Span<double> max)
    {
        min[i] = Math.Min(a[i], b[i]);
        max[i] = Math.Max(a[i], b[i]);
    }

    [Kernel]
    public static void VectorMinMax(int i, ReadOnlySpan<Vector4> a, ReadOnlySpan<Vector4> b, Span<Vector4> min, Span<Vector4> max)
    {
        min[i] = Vector4.Min(a[i], b[i]);
        max[i] = Vector4.Max(a[i], b[i]);
    }
}

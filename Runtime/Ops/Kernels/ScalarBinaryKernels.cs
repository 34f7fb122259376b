using System;

namespace Tandem.Ops.Kernels;

/// <summary>Element-wise kernels combining an array with a scalar on the right.</summary>
internal static partial class ScalarBinaryKernels
{
    [Kernel]
    public static void AddScalarFloat(int i, float b, ReadOnlySpan<float> a, Span<float> result) => result[i] = a[i] + b;

    [Kernel]
    public static void AddScalarDouble(int i, double b, ReadOnlySpan<double> a, Span<double> result) => result[i] = a[i] + b;

    [Kernel]
    public static void AddScalarInt(int i, int b, ReadOnlySpan<int> a, Span<int> result) => result[i] = a[i] + b;

    [Kernel]
    public static void SubtractScalarFloat(int i, float b, ReadOnlySpan<float> a, Span<float> result) => result[i] = a[i] - b;

    [Kernel]
    public static void SubtractScalarDouble(int i, double b, ReadOnlySpan<double> a, Span<double> result) => result[i] = a[i] - b;

    [Kernel]
    public static void SubtractScalarInt(int i, int b, ReadOnlySpan<int> a, Span<int> result) => result[i] = a[i] - b;

    [Kernel]
    public static void MultiplyScalarFloat(int i, float b, ReadOnlySpan<float> a, Span<float> result) => result[i] = a[i] * b;

    [Kernel]
    public static void MultiplyScalarDouble(int i, double b, ReadOnlySpan<double> a, Span<double> result) => result[i] = a[i] * b;

    [Kernel]
    public static void MultiplyScalarInt(int i, int b, ReadOnlySpan<int> a, Span<int> result) => result[i] = a[i] * b;

    [Kernel]
    public static void DivideScalarFloat(int i, float b, ReadOnlySpan<float> a, Span<float> result) => result[i] = a[i] / b;

    [Kernel]
    public static void DivideScalarDouble(int i, double b, ReadOnlySpan<double> a, Span<double> result) => result[i] = a[i] / b;

    [Kernel]
    public static void DivideScalarInt(int i, int b, ReadOnlySpan<int> a, Span<int> result) => result[i] = a[i] / b;

    [Kernel]
    public static void MaximumScalarFloat(int i, float b, ReadOnlySpan<float> a, Span<float> result) => result[i] = MathF.Max(a[i], b);

    [Kernel]
    public static void MaximumScalarDouble(int i, double b, ReadOnlySpan<double> a, Span<double> result)
    {
        // Not Math.Max: glslang lowers HLSL max on doubles to float (see BinaryKernels.MaximumDouble).
        double x = a[i];
        result[i] = double.IsNaN(x) ? x : (x > b ? x : b);
    }

    [Kernel]
    public static void MaximumScalarInt(int i, int b, ReadOnlySpan<int> a, Span<int> result) => result[i] = Math.Max(a[i], b);
}

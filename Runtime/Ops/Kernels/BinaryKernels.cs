using System;

namespace Tandem.Ops.Kernels;

/// <summary>Element-wise kernels combining two arrays of one shape.</summary>
internal static partial class BinaryKernels
{
    [Kernel]
    public static void AddFloat(int i, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> result) => result[i] = a[i] + b[i];

    [Kernel]
    public static void AddDouble(int i, ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> result) => result[i] = a[i] + b[i];

    [Kernel]
    public static void AddInt(int i, ReadOnlySpan<int> a, ReadOnlySpan<int> b, Span<int> result) => result[i] = a[i] + b[i];

    [Kernel]
    public static void SubtractFloat(int i, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> result) => result[i] = a[i] - b[i];

    [Kernel]
    public static void SubtractDouble(int i, ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> result) => result[i] = a[i] - b[i];

    [Kernel]
    public static void SubtractInt(int i, ReadOnlySpan<int> a, ReadOnlySpan<int> b, Span<int> result) => result[i] = a[i] - b[i];

    [Kernel]
    public static void MultiplyFloat(int i, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> result) => result[i] = a[i] * b[i];

    [Kernel]
    public static void MultiplyDouble(int i, ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> result) => result[i] = a[i] * b[i];

    [Kernel]
    public static void MultiplyInt(int i, ReadOnlySpan<int> a, ReadOnlySpan<int> b, Span<int> result) => result[i] = a[i] * b[i];

    [Kernel]
    public static void DivideFloat(int i, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> result) => result[i] = a[i] / b[i];

    [Kernel]
    public static void DivideDouble(int i, ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> result) => result[i] = a[i] / b[i];

    [Kernel]
    public static void DivideInt(int i, ReadOnlySpan<int> a, ReadOnlySpan<int> b, Span<int> result) => result[i] = a[i] / b[i];

    [Kernel]
    public static void MaximumFloat(int i, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> result) => result[i] = MathF.Max(a[i], b[i]);

    // Not Math.Max: HLSL max on doubles goes through glslang's HLSL front end as float (OpFConvert, FMax, OpFConvert;
    // checked with spirv-dis), which rounds the result on the GPU. Comparisons stay double. NaN wins, as in Math.Max.
    [Kernel]
    public static void MaximumDouble(int i, ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> result)
    {
        double x = a[i];
        double y = b[i];
        result[i] = double.IsNaN(x) ? x : (x > y ? x : y);
    }

    [Kernel]
    public static void MaximumInt(int i, ReadOnlySpan<int> a, ReadOnlySpan<int> b, Span<int> result) => result[i] = Math.Max(a[i], b[i]);
}

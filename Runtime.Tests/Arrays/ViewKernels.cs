using System;

namespace Tandem.Runtime.Tests.Arrays;

/// <summary>User kernels the view-binding tests pass views to.</summary>
public static partial class ViewKernels
{
    [Kernel]
    public static void Scale(int i, float factor, ReadOnlySpan<float> x, Span<float> y) => y[i] = factor * x[i];

    [Kernel]
    public static void AddInto(int i, ReadOnlySpan<float> x, Span<float> y) => y[i] += x[i];
}

using System;

namespace Tandem.Runtime.Tests.Reliability;

/// <summary>
/// Integer kernels for the reliability tests: integer arithmetic wraps identically on every device, so results compare
/// exactly. Kept out of Runtime.Tests/Kernels on purpose: that folder is the generator's snapshot corpus.
/// </summary>
public static partial class ReliabilityKernels
{
    /// <summary>An in-place update: reads and writes <paramref name="y"/>, so it orders against every other use of it.</summary>
    [Kernel]
    public static void MultiplyAddInPlace(int i, int a, ReadOnlySpan<int> x, Span<int> y)
        => y[i] = (y[i] * a) + x[i];

    [Kernel]
    public static void CopyInts(int i, ReadOnlySpan<int> source, Span<int> destination)
        => destination[i] = source[i];

    /// <summary>Reads at an index computed in the kernel: the launch cannot check it, the span access must.</summary>
    [Kernel]
    public static void ReadShifted(int i, int offset, ReadOnlySpan<int> source, Span<int> destination)
        => destination[i] = source[i + offset];

    /// <summary>Writes at an index computed in the kernel.</summary>
    [Kernel]
    public static void WriteShifted(int i, int offset, int value, Span<int> destination)
        => destination[i + offset] = value;

    /// <summary>Writes at <c>i * stride</c>: a large stride overflows int and wraps to a negative index.</summary>
    [Kernel]
    public static void WriteStrided(int i, int stride, Span<int> destination)
        => destination[i * stride] = 7;
}

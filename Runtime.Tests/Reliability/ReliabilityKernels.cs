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

    /// <summary>
    /// Group-shared writes at an index computed in the kernel: every thread of one group of 64 writes
    /// <c>first[t + offset]</c> of a 16-element array, then threads below 16 copy <c>second[t]</c> (7) out. Shared memory
    /// has no robust access: out of range, the write must still not reach <c>second</c>.
    /// </summary>
    [Kernel(64)]
    public static void SharedWriteShifted(int i, int offset, Span<int> output)
    {
        Span<int> first = Group.Shared<int>(16);
        Span<int> second = Group.Shared<int>(16);
        int t = Group.ThreadIndex.X;
        if (t < 16)
        {
            first[t] = 0;
            second[t] = 7;
        }

        Group.Barrier();
        first[t + offset] = -1;
        Group.Barrier();
        if (t < 16)
        {
            output[i] = second[t];
        }
    }
}

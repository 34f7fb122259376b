using System;

namespace Tandem.Ops.Kernels;

// 1-byte elements (byte, bool): kernels have no 1-byte spans yet, so they read the 32-bit words that hold the bytes
// (little-endian, as .NET stores them) and widen each element to a uint, and pack uints back four to a word.
internal static partial class CopyKernels
{
    /// <summary>The byte at <c>offset + i</c> of a row-major 1-byte array, as a uint.</summary>
    [Kernel]
    public static void Widen8Contiguous(int i, int offset, ReadOnlySpan<uint> source, Span<uint> result)
    {
        int at = offset + i;
        result[i] = (source[at >> 2] >> ((at & 3) * 8)) & 255u;
    }

    /// <summary>The <paramref name="i"/>-th byte in row-major order of a 1-byte view, its layout in an array as for <c>Copy32AnyRank</c>.</summary>
    [Kernel]
    public static void Widen8(int i, ReadOnlySpan<int> layout, ReadOnlySpan<uint> source, Span<uint> result)
    {
        int at = Position(i, layout, 0);
        result[i] = (source[at >> 2] >> ((at & 3) * 8)) & 255u;
    }

    /// <summary>Word <paramref name="i"/> of a 1-byte array: the low bytes of four uints (fewer at the end of <paramref name="length"/>).</summary>
    [Kernel]
    public static void Pack8(int i, int length, ReadOnlySpan<uint> wide, Span<uint> result)
    {
        int first = i * 4;
        uint word = wide[first] & 255u;
        if (first + 1 < length)
        {
            word |= (wide[first + 1] & 255u) << 8;
        }

        if (first + 2 < length)
        {
            word |= (wide[first + 2] & 255u) << 16;
        }

        if (first + 3 < length)
        {
            word |= (wide[first + 3] & 255u) << 24;
        }

        result[i] = word;
    }
}

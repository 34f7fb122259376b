using System;

namespace Tandem.Ops;

/// <summary>
/// New arrays of 1-byte elements (byte, bool) as kernels write them: four elements per 32-bit word. The buffer is
/// rounded up to whole words (at most three bytes more), so a kernel writes every word without a partial tail; the
/// array the user gets is a view of its first elements.
/// </summary>
internal static class PackedBytes
{
    /// <summary>A new array of <paramref name="shape"/> and the words that hold it, to pass to the kernel as its output.</summary>
    public static (Array<T> Result, Array<uint> Words) Allocate<T>(ReadOnlySpan<int> shape) where T : unmanaged
    {
        int length = ArrayLayout.RowMajor(shape).Length;
        int words = (int)(((long)length + 3) / 4);
        using var storage = new Array<T>([words * 4]);
        Array<T> result = storage.View(ArrayLayout.RowMajor(shape));
        return (result, new Array<uint>(storage.Buffer, ArrayLayout.RowMajor([words])));
    }

    /// <summary><paramref name="value"/>'s byte repeated in all four bytes of a word.</summary>
    public static uint Repeat(byte value) => value * 0x01010101u;
}

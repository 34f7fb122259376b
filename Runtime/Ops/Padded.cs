using System;
using System.Runtime.CompilerServices;
using Tandem.Memory;

namespace Tandem.Ops;

/// <summary>
/// New arrays whose kernels write several elements per thread: the buffer is rounded up to whole groups (a few
/// elements more), so every thread writes its whole group without a partial tail, and the array the user gets is a
/// view of the first elements. Also how 1-byte elements (byte, bool) are written, four per 32-bit word.
/// </summary>
internal static class Padded
{
    /// <summary>
    /// A new array of <paramref name="shape"/>, its buffer a whole number of groups of <paramref name="group"/>
    /// elements, and the buffer as <typeparamref name="TWord"/> elements for the kernel to write.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The rounded length is more than an array can hold.</exception>
    public static (Array<T> Result, Array<TWord> Words) Allocate<T, TWord>(ReadOnlySpan<int> shape, int group)
        where T : unmanaged where TWord : unmanaged => Allocate<T, TWord>(ArrayLayout.RowMajor(shape), group);

    /// <summary>
    /// <see cref="Allocate{T, TWord}(ReadOnlySpan{int}, int)"/> for an array of <paramref name="layout"/>: row-major, or
    /// the dense layout from offset 0 that an element-wise result keeps (<see cref="KeptLayout"/>).
    /// </summary>
    public static (Array<T> Result, Array<TWord> Words) Allocate<T, TWord>(ArrayLayout layout, int group)
        where T : unmanaged where TWord : unmanaged
    {
        ReadOnlySpan<int> shape = layout.Shape;
        int length = layout.Length;
        long rounded = ((long)length + group - 1) / group * group;
        if (rounded > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(shape), $"Shape {UnifiedArray.FormatShape(shape)} has too many elements.");
        }

        using var storage = new Array<T>([(int)rounded], BufferContents.Undefined);
        Array<T> result = storage.View(layout);
        int words = (int)(rounded * Unsafe.SizeOf<T>() / Unsafe.SizeOf<TWord>());
        return (result, new Array<TWord>(storage.Buffer, ArrayLayout.RowMajor([words])));
    }

    /// <summary>A new array of 1-byte elements and the 32-bit words that hold it, four elements each, low byte first.</summary>
    public static (Array<T> Result, Array<uint> Words) Bytes<T>(ReadOnlySpan<int> shape) where T : unmanaged => Allocate<T, uint>(shape, 4);

    /// <inheritdoc cref="Bytes{T}(ReadOnlySpan{int})"/>
    public static (Array<T> Result, Array<uint> Words) Bytes<T>(ArrayLayout layout) where T : unmanaged => Allocate<T, uint>(layout, 4);
}

using System;
using Tandem.CompilerServices;

namespace Tandem.Ops;

/// <summary>
/// An array as a built-in strided kernel reads it: <see cref="Binding"/>, a contiguous view of its buffer that covers
/// all the array's elements and starts where every device binds in place (so no copy is made), and
/// <see cref="Offset"/>, the array's first element within it. The kernel adds the array's strides (from a
/// <see cref="StridedGrid"/>) to the offset. Dispose it once the launch is queued.
/// </summary>
internal readonly struct KernelOperand<T> : IDisposable where T : unmanaged
{
    private KernelOperand(Array<T> binding, int offset)
    {
        Binding = binding;
        Offset = offset;
    }

    /// <summary>The view bound to the kernel's buffer parameter.</summary>
    public Array<T> Binding { get; }

    /// <summary>The array's first element, counted from <see cref="Binding"/>'s first.</summary>
    public int Offset { get; }

    /// <summary>The binding for <paramref name="array"/> (which holds at least one element).</summary>
    public static KernelOperand<T> Cover(Array<T> array)
    {
        int alignment = ViewBinding.UniversalAlignment / array.ElementSize;
        int start = array.Offset / alignment * alignment;
        int offset = array.Offset - start;
        int length = Math.Max(offset + array.Layout.Extent, 1);
        return new KernelOperand<T>(array.View(ArrayLayout.RowMajor([length], start)), offset);
    }

    /// <summary>
    /// The 32-bit words holding the elements of <paramref name="array"/>, a 1-byte array (every 1-byte buffer is whole
    /// words long), for kernels that read bytes: <see cref="Offset"/> counts bytes from the binding's first.
    /// </summary>
    public static KernelOperand<uint> CoverBytes(UnifiedArray array)
    {
        int start = array.Offset / ViewBinding.UniversalAlignment * ViewBinding.UniversalAlignment;
        int offset = array.Offset - start;
        int words = Math.Max((offset + array.Layout.Extent + 3) / 4, 1);
        return new KernelOperand<uint>(new Array<uint>(array.Buffer, ArrayLayout.RowMajor([words], start / 4)), offset);
    }

    /// <inheritdoc />
    public void Dispose() => Binding?.Dispose();
}

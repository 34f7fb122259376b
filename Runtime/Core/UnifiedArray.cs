using System;
using System.Threading;
using Tandem.Memory;

namespace Tandem;

/// <summary>
/// An n-dimensional array in unified memory, of any element type: any stream on any device may read or write it.
/// </summary>
/// <remarks>
/// An array is a buffer plus a layout (shape, strides and offset, in elements): views such as transposes, slices and
/// broadcasts share their base's buffer. Memory is taken when a device first needs the buffer: an array that only CPU
/// streams and the host touch lives in host memory, whatever its size; on a discrete GPU, what a kernel writes stays in
/// the GPU's memory until the host or a CPU stream reads it. Disposing is safe while queued work still uses the array:
/// the memory is released when the last array (base or view) let go of it and the last op using it finished. Using a
/// disposed array throws <see cref="ObjectDisposedException"/>.
/// </remarks>
public abstract partial class UnifiedArray : IDisposable
{
    private readonly bool _ownsBuffer;
    private int _disposed;

    private protected UnifiedArray(ReadOnlySpan<int> shape, int elementSize, BufferContents contents)
        : this(ArrayLayout.RowMajor(shape), elementSize, contents)
    {
    }

    /// <summary>
    /// A new array over a new buffer holding exactly <paramref name="layout"/>'s elements: row-major, or another dense
    /// layout from index 0 (an element-wise result that keeps its operands' transposed layout).
    /// </summary>
    /// <exception cref="ArgumentException">The layout is not dense from index 0.</exception>
    private protected UnifiedArray(ArrayLayout layout, int elementSize, BufferContents contents)
    {
        if (layout.Offset != 0 || !layout.IsDense)
        {
            throw new ArgumentException(
                $"A new array's layout must fill its buffer from index 0 (shape {FormatShape(layout.Shape)}, strides {FormatShape(layout.Strides)}, offset {layout.Offset}).",
                nameof(layout));
        }

        Layout = layout;
        ElementSize = elementSize;
        // 1-byte elements are read by kernels as the 32-bit words that hold them, so their buffers are whole words long.
        long bytes = (long)Layout.Length * elementSize;
        Buffer = new UnifiedBuffer(Devices.DeviceRegistry.Memory, elementSize == 1 ? (bytes + 3) & ~3L : bytes, contents);
        _ownsBuffer = true;
    }

    /// <summary>A view: one more hold on <paramref name="buffer"/>, released when the view is disposed.</summary>
    /// <exception cref="ObjectDisposedException">The buffer's memory was already released.</exception>
    private protected UnifiedArray(UnifiedBuffer buffer, ArrayLayout layout, int elementSize)
    {
        if (!buffer.TryAddUser())
        {
            throw new ObjectDisposedException(nameof(UnifiedArray), "A view was made of an array whose memory was already released.");
        }

        Layout = layout;
        ElementSize = elementSize;
        Buffer = buffer;
    }

    /// <summary>The size of each axis; a copy. An empty shape is a scalar (one element).</summary>
    public int[] Shape => (int[])Layout.Shape.Clone();

    /// <summary>The number of elements: the product of <see cref="Shape"/>.</summary>
    public int Length => Layout.Length;

    /// <summary>The size of one element in bytes.</summary>
    public int ElementSize { get; }

    /// <summary>The number of axes.</summary>
    public int Rank => Layout.Rank;

    /// <summary>The number of axes (MLX's name for <see cref="Rank"/>).</summary>
    public int Ndim => Layout.Rank;

    /// <summary>The element type.</summary>
    public abstract Type ElementType { get; }

    /// <summary>True once <see cref="Dispose()"/> was called.</summary>
    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    internal UnifiedBuffer Buffer { get; }

    /// <summary>Where the elements sit in <see cref="Buffer"/>.</summary>
    internal ArrayLayout Layout { get; }

    internal ReadOnlySpan<int> ShapeSpan => Layout.Shape;

    /// <summary>The first element's index in <see cref="Buffer"/>.</summary>
    internal int Offset => Layout.Offset;

    /// <summary>True when the elements follow one another in row-major order from <see cref="Offset"/>.</summary>
    internal bool IsRowContiguous => Layout.IsRowContiguous;

    /// <summary>
    /// Releases the array. Work already queued on it still completes; its memory is freed when the last of that
    /// work finished.
    /// </summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the array's hold on its memory.</summary>
    /// <param name="disposing">True when called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            if (_ownsBuffer)
            {
                Buffer.RemoveOwner();
            }
            else
            {
                Buffer.RemoveUser();
            }
        }
    }

    /// <summary>
    /// A new row-major array with this array's elements, copied by a kernel queued on <paramref name="stream"/> (how a
    /// launch binds a view that cannot be bound in place).
    /// </summary>
    internal abstract UnifiedArray CopyContiguous(DeviceStream stream);

    /// <summary>Throws <see cref="ObjectDisposedException"/> when the array was disposed.</summary>
    internal void ThrowIfDisposed()
    {
        if (IsDisposed)
        {
            throw Disposed();
        }
    }

    /// <summary>
    /// The exception for a use of this array after it was disposed, naming it as a user writes it
    /// (<c>Array&lt;float&gt; [4, 3]</c>), not by its CLR type name.
    /// </summary>
    internal ObjectDisposedException Disposed()
        => new(DisplayName, $"This {DisplayName} was disposed (or its memory released): keep it alive until its last use.");

    /// <summary>The array's type and shape as a user writes them, e.g. <c>Array&lt;float&gt; [4, 3]</c>.</summary>
    internal abstract string DisplayName { get; }

    /// <summary>Formats a shape as <c>[2, 3]</c>.</summary>
    internal static string FormatShape(ReadOnlySpan<int> shape) => "[" + string.Join(", ", shape.ToArray()) + "]";
}

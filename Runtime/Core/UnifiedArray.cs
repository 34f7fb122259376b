using System;
using System.Threading;
using Tandem.Memory;

namespace Tandem;

/// <summary>
/// An n-dimensional array in unified memory, of any element type: any stream on any device may read or write it.
/// </summary>
/// <remarks>
/// Memory is taken when a device first needs the array: an array that only CPU streams and the host touch lives in
/// host memory, whatever its size; on a discrete GPU, what a kernel writes stays in the GPU's memory until the host
/// or a CPU stream reads it. Disposing is safe while queued work still uses the array: the memory is released when
/// the last such op finished. Using a disposed array throws <see cref="ObjectDisposedException"/>.
/// </remarks>
public abstract class UnifiedArray : IDisposable
{
    private readonly int[] _shape;
    private int _disposed;

    private protected UnifiedArray(ReadOnlySpan<int> shape, int elementSize, BufferContents contents)
    {
        _shape = shape.ToArray();
        Length = CheckedLength(shape);
        ElementSize = elementSize;
        Buffer = new UnifiedBuffer(Devices.DeviceRegistry.Memory, (long)Length * elementSize, contents);
    }

    /// <summary>The size of each axis; a copy. An empty shape is a scalar (one element).</summary>
    public int[] Shape => (int[])_shape.Clone();

    /// <summary>The number of elements: the product of <see cref="Shape"/>.</summary>
    public int Length { get; }

    /// <summary>The size of one element in bytes.</summary>
    public int ElementSize { get; }

    /// <summary>The number of axes.</summary>
    public int Rank => _shape.Length;

    /// <summary>The number of axes (MLX's name for <see cref="Rank"/>).</summary>
    public int Ndim => _shape.Length;

    /// <summary>The element type.</summary>
    public abstract Type ElementType { get; }

    /// <summary>True once <see cref="Dispose()"/> was called.</summary>
    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    internal UnifiedBuffer Buffer { get; }

    internal ReadOnlySpan<int> ShapeSpan => _shape;

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
            Buffer.RemoveOwner();
        }
    }

    /// <summary>Throws <see cref="ObjectDisposedException"/> when the array was disposed.</summary>
    internal void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(IsDisposed, this);

    /// <summary>Formats a shape as <c>[2, 3]</c>.</summary>
    internal static string FormatShape(ReadOnlySpan<int> shape) => "[" + string.Join(", ", shape.ToArray()) + "]";

    private static int CheckedLength(ReadOnlySpan<int> shape)
    {
        long length = 1;
        foreach (int axis in shape)
        {
            if (axis < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(shape), $"Shape {FormatShape(shape)} has a negative axis.");
            }

            length *= axis;
            if (length > Array.MaxLength)
            {
                throw new ArgumentOutOfRangeException(nameof(shape), $"Shape {FormatShape(shape)} has more than {Array.MaxLength} elements.");
            }
        }

        return (int)length;
    }
}

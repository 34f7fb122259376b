using System;
using System.Runtime.CompilerServices;
using Tandem.Memory;
using Tandem.Scheduling;

namespace Tandem;

/// <summary>
/// An n-dimensional array of <typeparamref name="T"/> in unified memory. Create one with <see cref="Mx"/>'s
/// creators (<c>Mx.Array</c>, <c>Mx.Zeros</c>, …); pass it to ops and kernels on any stream.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed class Array<T> : UnifiedArray where T : unmanaged
{
    /// <summary>A new array of zeros (made on whichever side first uses it).</summary>
    internal Array(ReadOnlySpan<int> shape)
        : this(shape, BufferContents.Zeros)
    {
    }

    /// <summary>
    /// A new array holding <paramref name="contents"/>. <see cref="BufferContents.Undefined"/> is for an op that writes
    /// every element before anything reads it (an op's output, an array filled from data): nothing is then cleared,
    /// copied or uploaded for it.
    /// </summary>
    internal Array(ReadOnlySpan<int> shape, BufferContents contents)
        : base(shape, Unsafe.SizeOf<T>(), contents)
    {
    }

    /// <inheritdoc />
    public override Type ElementType => typeof(T);

    /// <summary>
    /// Copies the elements to a new .NET array, in row-major order. Waits for the pending writes to this array
    /// only.
    /// </summary>
    /// <returns>The elements.</returns>
    /// <exception cref="KernelExecutionException">The kernel that wrote this array last failed, or did not run.</exception>
    /// <exception cref="ObjectDisposedException">The array was disposed.</exception>
    public T[] ToArray()
    {
        ThrowIfDisposed();
        if (!Buffer.TryAddUser())
        {
            throw new ObjectDisposedException(GetType().Name);
        }

        try
        {
            if (Scheduler.LastWrite(Buffer) is { } lastWrite)
            {
                lastWrite.Wait();
                if (lastWrite.Error is { } error)
                {
                    lastWrite.MarkReported();
                    throw error;
                }
            }

            Buffer.PrepareHostAccess(write: false);
            T[] elements = GC.AllocateUninitializedArray<T>(Length);
            unsafe
            {
                fixed (T* destination = elements)
                {
                    BulkCopy.Copy(Buffer.HostPointer, (nint)destination, Buffer.ByteLength);
                }
            }

            return elements;
        }
        finally
        {
            Buffer.RemoveUser();
        }
    }

    /// <summary>
    /// Shows the elements like MLX and NumPy do: <c>array([1, 2, 3], dtype=float32)</c>. Waits for pending
    /// writes.
    /// </summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        if (IsDisposed)
        {
            return $"array(<disposed>, shape={FormatShape(ShapeSpan)}, dtype={ArrayFormatter.DtypeName(typeof(T))})";
        }

        try
        {
            return ArrayFormatter.Format(ToArray(), ShapeSpan);
        }
        catch (KernelExecutionException failure)
        {
            return $"array(<failed: {failure.Message}>, shape={FormatShape(ShapeSpan)}, dtype={ArrayFormatter.DtypeName(typeof(T))})";
        }
    }

    /// <summary>
    /// The elements in the host copy, once <see cref="UnifiedBuffer.PrepareHostAccess"/> made it current; the caller
    /// makes sure no kernel writes them meanwhile.
    /// </summary>
    internal unsafe Span<T> HostSpan()
    {
        nint pointer = Buffer.HostPointer;
        ObjectDisposedException.ThrowIf(pointer == 0 && Buffer.IsReleased, this);
        if (pointer == 0)
        {
            throw new InvalidOperationException("The array has no host copy yet: prepare the host access first.");
        }

        return new Span<T>((void*)pointer, Length);
    }
}

using System;
using System.Runtime.CompilerServices;
using Tandem.Scheduling;

namespace Tandem;

/// <summary>
/// An n-dimensional array of <typeparamref name="T"/> in unified memory. Create one with <see cref="Mx"/>'s
/// creators (<c>Mx.Array</c>, <c>Mx.Zeros</c>, …); pass it to ops and kernels on any stream.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed class Array<T> : UnifiedArray where T : unmanaged
{
    internal Array(ReadOnlySpan<int> shape)
        : base(shape, Unsafe.SizeOf<T>())
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
            return HostSpan().ToArray();
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

    /// <summary>The elements in memory, for the host; the caller makes sure no kernel writes them meanwhile.</summary>
    internal unsafe Span<T> HostSpan()
    {
        nint pointer = Buffer.HostPointer;
        ObjectDisposedException.ThrowIf(pointer == 0, this);
        return new Span<T>((void*)pointer, Length);
    }
}

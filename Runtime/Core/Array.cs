using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Tandem.Memory;
using Tandem.Scheduling;
using Tandem.Tracing;

namespace Tandem;

/// <summary>
/// An n-dimensional array of <typeparamref name="TElement"/> in unified memory. Create one with <see cref="Mx"/>'s
/// creators (<c>Mx.Array</c>, <c>Mx.Zeros</c>, …); pass it to ops and kernels on any stream.
/// </summary>
/// <remarks>
/// Transposes, slices (<c>a[1]</c>, <c>a[1..3, ..]</c>), reshapes where the strides allow and broadcasts are views:
/// they share this array's memory, as in NumPy. Each view holds the memory until it is disposed, independently of
/// its base.
/// </remarks>
/// <typeparam name="TElement">The element type.</typeparam>
public sealed partial class Array<TElement> : UnifiedArray where TElement : unmanaged
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
        : base(shape, Unsafe.SizeOf<TElement>(), contents)
    {
    }

    internal Array(UnifiedBuffer buffer, ArrayLayout layout)
        : base(buffer, layout, Unsafe.SizeOf<TElement>())
    {
    }

    /// <inheritdoc />
    public override Type ElementType => typeof(TElement);

    /// <summary>The transpose, all axes reversed (a view): <c>Mx.Transpose(a)</c>.</summary>
    public Array<TElement> T => Mx.Transpose(this);

    /// <summary>
    /// Selects a view: one entry per leading axis, the later axes whole. An integer picks one position and drops its
    /// axis (<c>a[1]</c>; negative counts from the end); a range keeps it (<c>a[1..3, ..]</c>, <c>a[.., ^2..]</c>).
    /// </summary>
    /// <param name="indices">The entries: integers, <see cref="Index"/> values or <see cref="Range"/> values.</param>
    /// <returns>A view sharing this array's memory.</returns>
    /// <exception cref="ArgumentException">More entries than axes.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An entry is outside its axis.</exception>
    /// <exception cref="ObjectDisposedException">The array was disposed.</exception>
    [IndexerName("Select")]
    public Array<TElement> this[params ReadOnlySpan<ArrayIndex> indices]
    {
        get
        {
            ThrowIfDisposed();
            return View(Layout.Select(indices));
        }
    }

    /// <summary>The same elements in another shape: a view when the strides allow, else a copy (<c>Mx.Reshape</c>).</summary>
    /// <param name="shape">The new shape; one axis may be -1, inferred from the others.</param>
    /// <returns>The reshaped array.</returns>
    /// <exception cref="ArgumentException">The shape holds a different number of elements.</exception>
    public Array<TElement> Reshape(params ReadOnlySpan<int> shape) => Mx.Reshape(this, shape);

    /// <summary>
    /// The elements converted to <typeparamref name="TOther"/> with C#'s conversions, in a new row-major array (a copy
    /// even for the same type): float to integer truncates toward zero and saturates (NaN gives 0), float to byte goes
    /// through int as C#'s cast does (<c>(byte)300f</c> is 44), integers wrap, and to bool is "not zero" (NaN is true).
    /// </summary>
    /// <typeparam name="TOther">The new element type: float32, float64, float16, int32, uint32, int64, uint8 or bool.</typeparam>
    /// <param name="stream">Where the conversion runs.</param>
    /// <returns>The new array.</returns>
    /// <exception cref="NotSupportedException">The conversion is not one of those above.</exception>
    public Array<TOther> AsType<TOther>(StreamOrDevice stream = default) where TOther : unmanaged
        => Ops.Elementwise.AsType<TElement, TOther>(this, stream);

    /// <summary>The single element of an array of one element (any shape, e.g. <c>[]</c>). Waits for pending writes.</summary>
    /// <returns>The element.</returns>
    /// <exception cref="InvalidOperationException">The array does not hold exactly one element.</exception>
    /// <exception cref="KernelExecutionException">The kernel that wrote this array last failed, or did not run.</exception>
    /// <exception cref="ObjectDisposedException">The array was disposed.</exception>
    public TElement Item()
    {
        ThrowIfDisposed();
        if (Length != 1)
        {
            throw new InvalidOperationException(
                $"Item() reads an array of one element; this one has shape {FormatShape(ShapeSpan)} ({Length} elements). Select one first, e.g. a[0, 1].Item().");
        }

        BeginHostRead();
        try
        {
            return BufferSpan()[Offset];
        }
        finally
        {
            Buffer.RemoveUser();
        }
    }

    /// <summary>
    /// Copies the elements to a new .NET array, in row-major order (a view's elements, not its whole buffer). Waits
    /// for the pending writes to this array only.
    /// </summary>
    /// <returns>The elements.</returns>
    /// <remarks>
    /// A large new .NET array costs the operating system's first touch of its memory (on some virtual machines more
    /// than the copy itself); <see cref="CopyTo(Span{TElement})"/> reads into a buffer the caller reuses instead.
    /// </remarks>
    /// <exception cref="KernelExecutionException">The kernel that wrote this array last failed, or did not run.</exception>
    /// <exception cref="ObjectDisposedException">The array was disposed.</exception>
    public TElement[] ToArray()
    {
        ThrowIfDisposed();
        TElement[] elements = GC.AllocateUninitializedArray<TElement>(Length);
        CopyTo(elements);
        return elements;
    }

    /// <summary>
    /// Copies the elements into <paramref name="destination"/>, in row-major order (a view's elements, not its whole
    /// buffer), like <see cref="ToArray"/> without a new .NET array: for reading results again and again into one
    /// buffer. Waits for the pending writes to this array only.
    /// </summary>
    /// <param name="destination">Where the elements go: its first <see cref="UnifiedArray.Length"/> elements.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than the array.</exception>
    /// <exception cref="KernelExecutionException">The kernel that wrote this array last failed, or did not run.</exception>
    /// <exception cref="ObjectDisposedException">The array was disposed.</exception>
    public void CopyTo(Span<TElement> destination)
    {
        ThrowIfDisposed();
        if (destination.Length < Length)
        {
            throw new ArgumentException(
                $"The destination holds {destination.Length} elements; the array of shape {FormatShape(ShapeSpan)} has {Length}.", nameof(destination));
        }

        destination = destination[..Length];
        BeginHostRead();
        try
        {
            ReadOnlySpan<TElement> buffer = BufferSpan();
            if (IsRowContiguous && Length > 0)
            {
                CopyOut(buffer.Slice(Offset, Length), destination);
            }
            else
            {
                Layout.Gather(buffer, destination);
            }
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
            return $"array(<disposed>, shape={FormatShape(ShapeSpan)}, dtype={ArrayFormatter.DtypeName(typeof(TElement))})";
        }

        try
        {
            return ArrayFormatter.Format(ToArray(), ShapeSpan);
        }
        catch (KernelExecutionException failure)
        {
            return $"array(<failed: {failure.Message}>, shape={FormatShape(ShapeSpan)}, dtype={ArrayFormatter.DtypeName(typeof(TElement))})";
        }
    }

    /// <inheritdoc />
    internal override UnifiedArray CopyContiguous(DeviceStream stream) => Ops.Copy.Contiguous(this, stream);

    /// <summary>A view of this array's buffer with <paramref name="layout"/>.</summary>
    internal Array<TElement> View(ArrayLayout layout) => new(Buffer, layout);

    /// <summary>
    /// The same bytes seen as <typeparamref name="TOther"/>, of the same size: how ops that only move elements (copies,
    /// fills) serve every element type of one size with one kernel.
    /// </summary>
    internal Array<TOther> Reinterpret<TOther>() where TOther : unmanaged
    {
        if (Unsafe.SizeOf<TOther>() != ElementSize)
        {
            throw new InvalidOperationException($"Cannot view {ElementSize}-byte elements as {typeof(TOther).Name}.");
        }

        return new Array<TOther>(Buffer, Layout);
    }

    /// <summary>
    /// The elements in memory, for the host, of a row-contiguous array; the caller makes sure no kernel writes them
    /// meanwhile.
    /// </summary>
    internal Span<TElement> HostSpan()
    {
        if (!IsRowContiguous)
        {
            throw new InvalidOperationException(
                $"An array of shape {FormatShape(ShapeSpan)} that is a non-contiguous view has no single span; copy it with Mx.Contiguous first.");
        }

        return BufferSpan().Slice(Offset, Length);
    }

    /// <inheritdoc/>
    internal override string DisplayName => $"Array<{ArrayFormatter.CSharpName(typeof(TElement))}> {FormatShape(ShapeSpan)}";

    /// <summary>
    /// Every element of the buffer's host copy, from its start, once <see cref="UnifiedBuffer.PrepareHostAccess"/> made
    /// it current.
    /// </summary>
    private unsafe Span<TElement> BufferSpan()
    {
        nint pointer = Buffer.HostPointer;
        if (pointer == 0 && Buffer.IsReleased)
        {
            throw Disposed();
        }

        if (pointer == 0)
        {
            throw new InvalidOperationException("The array has no host copy yet: prepare the host access first.");
        }

        return new Span<TElement>((void*)pointer, (int)(Buffer.ByteLength / ElementSize));
    }

    /// <summary>One copy of whole rows of elements, split over cores when large.</summary>
    private static unsafe void CopyOut(ReadOnlySpan<TElement> source, Span<TElement> destination)
    {
        fixed (TElement* from = source)
        fixed (TElement* to = destination)
        {
            BulkCopy.Copy((nint)from, (nint)to, (long)source.Length * sizeof(TElement));
        }
    }

    /// <summary>
    /// Waits for the buffer's pending writes and makes its host copy current, holding the buffer for the caller, who
    /// reads it (<see cref="BufferSpan"/>) and then lets go (<see cref="UnifiedBuffer.RemoveUser"/>).
    /// </summary>
    private void BeginHostRead()
    {
        if (!Buffer.TryAddUser())
        {
            throw Disposed();
        }

        try
        {
            if (Scheduler.LastWrite(Buffer) is { } lastWrite)
            {
                if (TraceRecorder.Active is { } trace && !lastWrite.IsCompleted)
                {
                    long start = Stopwatch.GetTimestamp();
                    lastWrite.Wait();
                    trace.HostWaited("ToArray", start, new TracedProducer(lastWrite.Stream, lastWrite.Value, lastWrite.OperationName));
                }

                lastWrite.Wait();
                if (lastWrite.Error is { } error)
                {
                    lastWrite.MarkReported();
                    throw error;
                }
            }

            Buffer.PrepareHostAccess(write: false);
        }
        catch
        {
            Buffer.RemoveUser();
            throw;
        }
    }
}

using System;
using Tandem.Abi;
using Tandem.Memory;
using Tandem.Ops;

namespace Tandem;

public static partial class Mx
{
    /// <summary>A one-dimensional array holding a copy of <paramref name="data"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="data">The elements.</param>
    /// <returns>The array, of shape <c>[data.Length]</c>.</returns>
    public static Array<T> Array<T>(T[] data) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(data);
        return Array(data, [data.Length]);
    }

    /// <summary>An array of the given shape holding a copy of <paramref name="data"/>, in row-major order.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="data">The elements; as many as the shape holds.</param>
    /// <param name="shape">The shape.</param>
    /// <returns>The array.</returns>
    /// <exception cref="ArgumentException">The shape does not hold exactly <c>data.Length</c> elements.</exception>
    public static Array<T> Array<T>(T[] data, ReadOnlySpan<int> shape) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(data);
        var array = new Array<T>(shape, BufferContents.Undefined);
        if (array.Length != data.Length)
        {
            array.Dispose();
            throw new ArgumentException(
                $"Shape {UnifiedArray.FormatShape(shape)} holds {array.Length} elements but the data has {data.Length}.", nameof(shape));
        }

        try
        {
            // A new array has no pending work, so the host may fill it directly: one copy into its host copy.
            array.Buffer.PrepareHostAccess(write: true);
            unsafe
            {
                fixed (T* source = data)
                {
                    BulkCopy.Copy((nint)source, array.Buffer.HostPointer, array.Buffer.ByteLength);
                }
            }

            return array;
        }
        catch
        {
            array.Dispose();
            throw;
        }
    }

    /// <summary>A float32 array of zeros.</summary>
    /// <param name="shape">The shape.</param>
    /// <param name="stream">
    /// Checked like any op's stream; no kernel is queued: the zeros are made on whichever device first uses the array
    /// (cleared in host memory, or filled by the GPU in its own memory).
    /// </param>
    /// <returns>The array.</returns>
    public static Array<float> Zeros(ReadOnlySpan<int> shape, StreamOrDevice stream = default) => Zeros<float>(shape, stream);

    /// <summary>An array of zeros of any element type.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="shape">The shape.</param>
    /// <param name="stream">
    /// Checked like any op's stream; no kernel is queued: the zeros are made on whichever device first uses the array.
    /// </param>
    /// <returns>The array.</returns>
    public static Array<T> Zeros<T>(ReadOnlySpan<int> shape, StreamOrDevice stream = default) where T : unmanaged
    {
        // Still resolved, so a GPU stream without a GPU fails here as it does for every other op.
        _ = stream.Resolve();
        return new Array<T>(shape);
    }

    /// <summary>A float32 array of ones.</summary>
    /// <param name="shape">The shape.</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>The array.</returns>
    public static Array<float> Ones(ReadOnlySpan<int> shape, StreamOrDevice stream = default) => Full(shape, 1f, stream);

    /// <summary>An array of ones of any element type (<c>true</c> for bool).</summary>
    /// <typeparam name="T">The element type: float, double, Half, int, uint, long, byte or bool.</typeparam>
    /// <param name="shape">The shape.</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>The array.</returns>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> has no one (the message lists the types that do).</exception>
    public static Array<T> Ones<T>(ReadOnlySpan<int> shape, StreamOrDevice stream = default) where T : unmanaged
        => Fill.Full(shape, One<T>("Ones"), stream, "Ones");

    /// <summary>An array with every element <paramref name="value"/>, of any element type.</summary>
    /// <typeparam name="T">The element type: any type of 1, 2, 4 or 8 bytes (float, double, Half, int, uint, long, byte, bool, …).</typeparam>
    /// <param name="shape">The shape.</param>
    /// <param name="value">The value.</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>The array.</returns>
    public static Array<T> Full<T>(ReadOnlySpan<int> shape, T value, StreamOrDevice stream = default) where T : unmanaged
        => Fill.Full(shape, value, stream, "Full");

    /// <summary>The int32 values <c>0, 1, …, stop - 1</c>.</summary>
    /// <param name="stop">One past the last value.</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>A one-dimensional array; empty when <paramref name="stop"/> is 0 or less.</returns>
    public static Array<int> Arange(int stop, StreamOrDevice stream = default) => Arange(0, stop, 1, stream);

    /// <summary>
    /// The values <c>start, start + step, …</c> up to but excluding <paramref name="stop"/>, like NumPy's and MLX's
    /// <c>arange</c>, for float, double, Half, int, uint, long and byte. Each value is <c>start + i * step</c> (the
    /// product rounded, then the sum), the same bits on every device; Half computes in float32; byte
    /// and uint wrap around as C# unchecked arithmetic does.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="start">The first value.</param>
    /// <param name="stop">The bound the values stay below (above, for a negative step).</param>
    /// <param name="step">The distance between values; not zero.</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>A one-dimensional array of <c>ceil((stop - start) / step)</c> elements, or none.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is zero or not finite.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not one of the types above.</exception>
    public static Array<T> Arange<T>(T start, T stop, T step, StreamOrDevice stream = default) where T : unmanaged
        => Fill.Arange(start, stop, step, stream);

    /// <summary>The one of <typeparamref name="T"/>: 1 for the number types, true for bool.</summary>
    private static T One<T>(string op) where T : unmanaged
        => typeof(T) == typeof(float) ? (T)(object)1f
            : typeof(T) == typeof(double) ? (T)(object)1d
            : typeof(T) == typeof(Half) ? (T)(object)Half.One
            : typeof(T) == typeof(int) ? (T)(object)1
            : typeof(T) == typeof(uint) ? (T)(object)1u
            : typeof(T) == typeof(long) ? (T)(object)1L
            : typeof(T) == typeof(byte) ? (T)(object)(byte)1
            : typeof(T) == typeof(bool) ? (T)(object)true
            : throw new NotSupportedException(
                $"Mx.{op} does not support {ArrayFormatter.DtypeName(typeof(T))} arrays; it supports {ElementTypes.OpDtypeList}.");
}

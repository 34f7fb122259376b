using System;
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

    /// <summary>An array of ones (float32, float64, int32).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="shape">The shape.</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>The array.</returns>
    public static Array<T> Ones<T>(ReadOnlySpan<int> shape, StreamOrDevice stream = default) where T : unmanaged
        => Full(shape, One<T>(), stream);

    /// <summary>An array with every element <paramref name="value"/> (float32, float64, int32).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="shape">The shape.</param>
    /// <param name="value">The value.</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>The array.</returns>
    public static Array<T> Full<T>(ReadOnlySpan<int> shape, T value, StreamOrDevice stream = default) where T : unmanaged
    {
        FillLauncher<T> launch = OpKernels.Fill.For<T, FillLauncher<T>>();
        var result = new Array<T>(shape, BufferContents.Undefined);
        try
        {
            launch(result.Length, value, result, stream);
            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    /// <summary>The int32 values <c>0, 1, …, stop - 1</c>.</summary>
    /// <param name="stop">One past the last value.</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>A one-dimensional array; empty when <paramref name="stop"/> is 0 or less.</returns>
    public static Array<int> Arange(int stop, StreamOrDevice stream = default) => Arange(0, stop, 1, stream);

    /// <summary>
    /// The values <c>start, start + step, …</c> up to but excluding <paramref name="stop"/> (float32, float64, int32),
    /// like NumPy's and MLX's <c>arange</c>.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="start">The first value.</param>
    /// <param name="stop">The bound the values stay below (above, for a negative step).</param>
    /// <param name="step">The distance between values; not zero.</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>A one-dimensional array of <c>ceil((stop - start) / step)</c> elements, or none.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is zero or not finite.</exception>
    public static Array<T> Arange<T>(T start, T stop, T step, StreamOrDevice stream = default) where T : unmanaged
    {
        ArangeLauncher<T> launch = OpKernels.Arange.For<T, ArangeLauncher<T>>();
        double first = ToDouble(start);
        double last = ToDouble(stop);
        double distance = ToDouble(step);
        if (distance == 0 || !double.IsFinite(distance))
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "Mx.Arange: the step must be a finite non-zero number.");
        }

        double count = Math.Ceiling((last - first) / distance);
        if (count > System.Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(stop), stop, $"Mx.Arange: more than {System.Array.MaxLength} values.");
        }

        var result = new Array<T>([count > 0 ? (int)count : 0], BufferContents.Undefined);
        try
        {
            launch(result.Length, start, step, result, stream);
            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    private static T One<T>() where T : unmanaged
        => typeof(T) == typeof(float) ? (T)(object)1f
            : typeof(T) == typeof(double) ? (T)(object)1d
            : typeof(T) == typeof(int) ? (T)(object)1
            : throw new NotSupportedException($"Mx.Ones does not support {ArrayFormatter.DtypeName(typeof(T))} arrays; it supports float32, float64 and int32.");

    private static double ToDouble<T>(T value) where T : unmanaged => value switch
    {
        float f => f,
        double d => d,
        int i => i,
        _ => throw new NotSupportedException($"Mx.Arange does not support {ArrayFormatter.DtypeName(typeof(T))}; it supports float32, float64 and int32."),
    };
}

using System;
using Tandem.Ops;

namespace Tandem;

public static partial class Mx
{
    /// <summary>
    /// <paramref name="count"/> float32 values evenly spaced from <paramref name="start"/> to <paramref name="stop"/>,
    /// both included, like NumPy's and MLX's <c>linspace</c>: <c>start + i * step</c> with <c>step = (stop - start) /
    /// (count - 1)</c> (the product rounded, then the sum: the same bits on every device), and exactly
    /// <paramref name="stop"/> last.
    /// </summary>
    /// <param name="start">The first value.</param>
    /// <param name="stop">The last value.</param>
    /// <param name="count">How many values (MLX's <c>num</c>); 0 gives an empty array, 1 just <paramref name="start"/>.</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>A one-dimensional array of <paramref name="count"/> values.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    /// <remarks>Integer bounds pick this overload, as MLX's default type is float32.</remarks>
    public static Array<float> Linspace(float start, float stop, int count = 50, StreamOrDevice stream = default)
    {
        return Fill.Linspace(start, (float)LinspaceStep(start, stop, count), stop, count, stream);
    }

    /// <summary>
    /// <paramref name="count"/> float64 values evenly spaced from <paramref name="start"/> to <paramref name="stop"/>,
    /// both included, as <see cref="Linspace(float, float, int, StreamOrDevice)"/>.
    /// </summary>
    /// <param name="start">The first value.</param>
    /// <param name="stop">The last value.</param>
    /// <param name="count">How many values; 0 gives an empty array, 1 just <paramref name="start"/>.</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>A one-dimensional array of <paramref name="count"/> values.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public static Array<double> Linspace(double start, double stop, int count = 50, StreamOrDevice stream = default)
    {
        return Fill.Linspace(start, LinspaceStep(start, stop, count), stop, count, stream);
    }

    /// <summary>
    /// A float32 (<paramref name="n"/>, <paramref name="m"/>) array with ones on diagonal <paramref name="k"/> and zeros
    /// elsewhere, like MLX's <c>eye</c>.
    /// </summary>
    /// <param name="n">Rows.</param>
    /// <param name="m">Columns; null for <paramref name="n"/> (a square identity).</param>
    /// <param name="k">The diagonal: 0 the main one, positive above it, negative below.</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>The array.</returns>
    public static Array<float> Eye(int n, int? m = null, int k = 0, StreamOrDevice stream = default) => Eye<float>(n, m, k, stream);

    /// <summary>
    /// An (<paramref name="n"/>, <paramref name="m"/>) array of any element type with ones (true for bool) on diagonal
    /// <paramref name="k"/> and zeros elsewhere, like MLX's <c>eye</c>.
    /// </summary>
    /// <typeparam name="T">The element type: float, double, Half, int, uint, long, byte or bool.</typeparam>
    /// <param name="n">Rows.</param>
    /// <param name="m">Columns; null for <paramref name="n"/> (a square identity).</param>
    /// <param name="k">The diagonal: 0 the main one, positive above it, negative below.</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>The array.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> or <paramref name="m"/> is negative.</exception>
    public static Array<T> Eye<T>(int n, int? m = null, int k = 0, StreamOrDevice stream = default) where T : unmanaged
    {
        int columns = m ?? n;
        if (n < 0 || columns < 0)
        {
            throw new ArgumentOutOfRangeException(n < 0 ? nameof(n) : nameof(m), $"Mx.Eye: the sizes ({n}, {columns}) must not be negative.");
        }

        return Fill.Eye(n, columns, k, One<T>("Eye"), stream);
    }

    /// <summary>An array of zeros with <paramref name="a"/>'s shape and element type, like MLX's <c>zeros_like</c>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="a">The array whose shape is used (its elements are not read).</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>A new row-major array.</returns>
    public static Array<T> ZerosLike<T>(Array<T> a, StreamOrDevice stream = default) where T : unmanaged
    {
        OpArguments.RequireUsable(a, "ZerosLike", nameof(a));
        return Zeros<T>(a.ShapeSpan, stream);
    }

    /// <summary>An array of ones with <paramref name="a"/>'s shape and element type, like MLX's <c>ones_like</c>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="a">The array whose shape is used (its elements are not read).</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>A new row-major array.</returns>
    public static Array<T> OnesLike<T>(Array<T> a, StreamOrDevice stream = default) where T : unmanaged
    {
        OpArguments.RequireUsable(a, "OnesLike", nameof(a));
        return Ones<T>(a.ShapeSpan, stream);
    }

    private static double LinspaceStep(double start, double stop, int count)
    {
        if (count < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "Mx.Linspace: the count must not be negative.");
        }

        return count > 1 ? (stop - start) / (count - 1) : 0;
    }
}

using Tandem.Ops;

namespace Tandem;

public static partial class Mx
{
    /// <summary>
    /// Element-wise selection: <paramref name="x"/>'s element where <paramref name="condition"/> is true, else
    /// <paramref name="y"/>'s; the three broadcast against each other as in NumPy.
    /// </summary>
    /// <typeparam name="T">The element type: any of float32, float64, float16, int32, uint32, int64, uint8 and bool.</typeparam>
    /// <param name="condition">Which operand each element comes from.</param>
    /// <param name="x">The elements where the condition holds.</param>
    /// <param name="y">The elements where it does not.</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>A new array of the broadcast shape.</returns>
    /// <exception cref="System.ArgumentException">The shapes do not broadcast; the message names them.</exception>
    public static Array<T> Where<T>(Array<bool> condition, Array<T> x, Array<T> y, StreamOrDevice stream = default) where T : unmanaged
        => Selection.Where(condition, x, y, stream);

    /// <summary>Element-wise selection between an array and a scalar: <paramref name="y"/> where the condition is false.</summary>
    /// <typeparam name="T">The element type: any of float32, float64, float16, int32, uint32, int64, uint8 and bool.</typeparam>
    /// <param name="condition">Which operand each element comes from.</param>
    /// <param name="x">The elements where the condition holds.</param>
    /// <param name="y">The value where it does not.</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>A new array of the broadcast shape of <paramref name="condition"/> and <paramref name="x"/>.</returns>
    public static Array<T> Where<T>(Array<bool> condition, Array<T> x, T y, StreamOrDevice stream = default) where T : unmanaged
        => Selection.Where(condition, x, y, stream);

    /// <summary>Element-wise selection between a scalar and an array: <paramref name="x"/> where the condition is true.</summary>
    /// <typeparam name="T">The element type: any of float32, float64, float16, int32, uint32, int64, uint8 and bool.</typeparam>
    /// <param name="condition">Which operand each element comes from.</param>
    /// <param name="x">The value where the condition holds.</param>
    /// <param name="y">The elements where it does not.</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>A new array of the broadcast shape of <paramref name="condition"/> and <paramref name="y"/>.</returns>
    public static Array<T> Where<T>(Array<bool> condition, T x, Array<T> y, StreamOrDevice stream = default) where T : unmanaged
        => Selection.Where(condition, x, y, stream);

    /// <summary>Element-wise selection between two scalars.</summary>
    /// <typeparam name="T">The element type: any of float32, float64, float16, int32, uint32, int64, uint8 and bool.</typeparam>
    /// <param name="condition">Which value each element gets.</param>
    /// <param name="x">The value where the condition holds.</param>
    /// <param name="y">The value where it does not.</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>A new array of <paramref name="condition"/>'s shape.</returns>
    public static Array<T> Where<T>(Array<bool> condition, T x, T y, StreamOrDevice stream = default) where T : unmanaged
    {
        using Array<T> first = Elementwise.Scalar(x);
        using Array<T> second = Elementwise.Scalar(y);
        return Selection.Where(condition, first, second, stream);
    }
}

using System;

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
        var array = new Array<T>(shape);
        if (array.Length != data.Length)
        {
            array.Dispose();
            throw new ArgumentException(
                $"Shape {UnifiedArray.FormatShape(shape)} holds {array.Length} elements but the data has {data.Length}.", nameof(shape));
        }

        // A new array has no pending work, so the host may fill it directly.
        data.CopyTo(array.HostSpan());
        return array;
    }
}

using Tandem.Ops;

namespace Tandem;

public static partial class Mx
{
    /// <summary>Element-wise <c>a + b</c> of two arrays of one shape (float32, float64, int32).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>A new array of the same shape.</returns>
    /// <exception cref="System.ArgumentException">The shapes differ.</exception>
    public static Array<T> Add<T>(Array<T> a, Array<T> b, StreamOrDevice stream = default) where T : unmanaged
        => Elementwise.Binary(OpKernels.Add, a, b, stream);

    /// <summary>Element-wise <c>a + b</c> of an array and a scalar.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="a">The array.</param>
    /// <param name="b">The scalar.</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>A new array of <paramref name="a"/>'s shape.</returns>
    public static Array<T> Add<T>(Array<T> a, T b, StreamOrDevice stream = default) where T : unmanaged
        => Elementwise.WithScalar(OpKernels.AddScalar, a, b, stream);

    /// <summary>Element-wise <c>a - b</c> of two arrays of one shape (float32, float64, int32).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>A new array of the same shape.</returns>
    /// <exception cref="System.ArgumentException">The shapes differ.</exception>
    public static Array<T> Subtract<T>(Array<T> a, Array<T> b, StreamOrDevice stream = default) where T : unmanaged
        => Elementwise.Binary(OpKernels.Subtract, a, b, stream);

    /// <summary>Element-wise <c>a - b</c> of an array and a scalar.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="a">The array.</param>
    /// <param name="b">The scalar.</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>A new array of <paramref name="a"/>'s shape.</returns>
    public static Array<T> Subtract<T>(Array<T> a, T b, StreamOrDevice stream = default) where T : unmanaged
        => Elementwise.WithScalar(OpKernels.SubtractScalar, a, b, stream);

    /// <summary>Element-wise <c>a * b</c> of two arrays of one shape (float32, float64, int32).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>A new array of the same shape.</returns>
    /// <exception cref="System.ArgumentException">The shapes differ.</exception>
    public static Array<T> Multiply<T>(Array<T> a, Array<T> b, StreamOrDevice stream = default) where T : unmanaged
        => Elementwise.Binary(OpKernels.Multiply, a, b, stream);

    /// <summary>Element-wise <c>a * b</c> of an array and a scalar.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="a">The array.</param>
    /// <param name="b">The scalar.</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>A new array of <paramref name="a"/>'s shape.</returns>
    public static Array<T> Multiply<T>(Array<T> a, T b, StreamOrDevice stream = default) where T : unmanaged
        => Elementwise.WithScalar(OpKernels.MultiplyScalar, a, b, stream);

    /// <summary>
    /// Element-wise <c>a / b</c> of two arrays of one shape (float32, float64, int32; integer division truncates, and
    /// dividing by zero fails the op on the CPU).
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="a">The dividend.</param>
    /// <param name="b">The divisor.</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>A new array of the same shape.</returns>
    /// <exception cref="System.ArgumentException">The shapes differ.</exception>
    public static Array<T> Divide<T>(Array<T> a, Array<T> b, StreamOrDevice stream = default) where T : unmanaged
        => Elementwise.Binary(OpKernels.Divide, a, b, stream);

    /// <summary>Element-wise <c>a / b</c> of an array and a scalar.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="a">The dividend.</param>
    /// <param name="b">The divisor.</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>A new array of <paramref name="a"/>'s shape.</returns>
    public static Array<T> Divide<T>(Array<T> a, T b, StreamOrDevice stream = default) where T : unmanaged
        => Elementwise.WithScalar(OpKernels.DivideScalar, a, b, stream);

    /// <summary>Element-wise maximum of two arrays of one shape (float32, float64, int32).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="a">One operand.</param>
    /// <param name="b">The other operand.</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>A new array of the same shape.</returns>
    /// <exception cref="System.ArgumentException">The shapes differ.</exception>
    public static Array<T> Maximum<T>(Array<T> a, Array<T> b, StreamOrDevice stream = default) where T : unmanaged
        => Elementwise.Binary(OpKernels.Maximum, a, b, stream);

    /// <summary>Element-wise maximum of an array and a scalar, e.g. <c>Maximum(x, 0f)</c> for a ReLU.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="a">The array.</param>
    /// <param name="b">The scalar.</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>A new array of <paramref name="a"/>'s shape.</returns>
    public static Array<T> Maximum<T>(Array<T> a, T b, StreamOrDevice stream = default) where T : unmanaged
        => Elementwise.WithScalar(OpKernels.MaximumScalar, a, b, stream);
}

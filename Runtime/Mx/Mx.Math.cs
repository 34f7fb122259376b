using Tandem.Ops;

namespace Tandem;

public static partial class Mx
{
    /// <summary>Element-wise <c>e^x</c> (float32, float64).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="x">The input.</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>A new array of the same shape.</returns>
    public static Array<T> Exp<T>(Array<T> x, StreamOrDevice stream = default) where T : unmanaged
        => Elementwise.Unary(OpKernels.Exp, x, stream);

    /// <summary>Element-wise natural logarithm (float32, float64).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="x">The input.</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>A new array of the same shape.</returns>
    public static Array<T> Log<T>(Array<T> x, StreamOrDevice stream = default) where T : unmanaged
        => Elementwise.Unary(OpKernels.Log, x, stream);

    /// <summary>Element-wise square root (float32, float64).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="x">The input.</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>A new array of the same shape.</returns>
    public static Array<T> Sqrt<T>(Array<T> x, StreamOrDevice stream = default) where T : unmanaged
        => Elementwise.Unary(OpKernels.Sqrt, x, stream);

    /// <summary>Element-wise hyperbolic tangent (float32, float64).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="x">The input.</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>A new array of the same shape.</returns>
    public static Array<T> Tanh<T>(Array<T> x, StreamOrDevice stream = default) where T : unmanaged
        => Elementwise.Unary(OpKernels.Tanh, x, stream);
}

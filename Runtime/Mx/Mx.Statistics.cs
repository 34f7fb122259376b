using Tandem.Ops.Reduction;

namespace Tandem;

// Reductions beyond the plain ones: variance, log-sum-exp, the indices of extremes.
public static partial class Mx
{
    /// <summary>The variance (the mean of squared deviations from the mean, ddof 0) of all elements, as a scalar (shape <c>[]</c>) array.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="a">The input (any shape or view).</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>A new array of shape <c>[]</c>.</returns>
    /// <remarks>Floating-point types: float32, float64, float16 (computed in float32). Two passes over the input: the mean, then the squared deviations from it. The variance of nothing is NaN.</remarks>
    /// <exception cref="System.NotSupportedException">The element type is not one the op takes (the message lists them).</exception>
    public static Array<T> Var<T>(Array<T> a, StreamOrDevice stream = default) where T : unmanaged
        => Reductions.Variance(a, AxesArgument.Every, keepDims: false, stream);

    /// <summary>The variance (the mean of squared deviations from the mean, ddof 0) along <paramref name="axis"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="a">The input (any shape or view).</param>
    /// <param name="axis">The axis to reduce; negative counts from the end.</param>
    /// <param name="keepDims">Keep the axis, with size 1, so the result broadcasts against <paramref name="a"/>.</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>A new array: <paramref name="a"/>'s shape without the axis (or with size 1 there).</returns>
    /// <remarks>As <see cref="Var{T}(Array{T}, StreamOrDevice)"/>.</remarks>
    /// <exception cref="System.ArgumentOutOfRangeException">The axis is outside the array.</exception>
    /// <exception cref="System.NotSupportedException">The element type is not one the op takes (the message lists them).</exception>
    public static Array<T> Var<T>(Array<T> a, int axis, bool keepDims = false, StreamOrDevice stream = default) where T : unmanaged
        => Reductions.Variance(a, AxesArgument.One(axis), keepDims, stream);

    /// <summary>The variance (the mean of squared deviations from the mean, ddof 0) over <paramref name="axes"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="a">The input (any shape or view).</param>
    /// <param name="axes">The axes to reduce, each once; negative counts from the end; none reduces nothing.</param>
    /// <param name="keepDims">Keep the axes, with size 1, so the result broadcasts against <paramref name="a"/>.</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>A new array: <paramref name="a"/>'s shape without the axes (or with size 1 there).</returns>
    /// <remarks>As <see cref="Var{T}(Array{T}, StreamOrDevice)"/>.</remarks>
    /// <exception cref="System.ArgumentOutOfRangeException">An axis is outside the array.</exception>
    /// <exception cref="System.ArgumentException">An axis appears twice.</exception>
    /// <exception cref="System.NotSupportedException">The element type is not one the op takes (the message lists them).</exception>
    public static Array<T> Var<T>(Array<T> a, int[] axes, bool keepDims = false, StreamOrDevice stream = default) where T : unmanaged
        => Reductions.Variance(a, AxesArgument.Of(axes, "Var"), keepDims, stream);

    /// <summary><c>log(sum(exp(a)))</c>, computed without overflow as <c>log(sum(exp(a - max))) + max</c>, over all elements, as a scalar (shape <c>[]</c>) array.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="a">The input (any shape or view).</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>A new array of shape <c>[]</c>.</returns>
    /// <remarks>Floating-point types: float32, float64, float16 (computed in float32). Where the maximum is infinite the result is that infinity; of nothing, -∞. On the GPU exp and log are 32-bit (Vulkan has no 64-bit ones), so float64 is only as accurate as float32 there.</remarks>
    /// <exception cref="System.NotSupportedException">The element type is not one the op takes (the message lists them).</exception>
    public static Array<T> LogSumExp<T>(Array<T> a, StreamOrDevice stream = default) where T : unmanaged
        => Reductions.LogSumExp(a, AxesArgument.Every, keepDims: false, stream);

    /// <summary><c>log(sum(exp(a)))</c>, computed without overflow as <c>log(sum(exp(a - max))) + max</c> along <paramref name="axis"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="a">The input (any shape or view).</param>
    /// <param name="axis">The axis to reduce; negative counts from the end.</param>
    /// <param name="keepDims">Keep the axis, with size 1, so the result broadcasts against <paramref name="a"/>.</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>A new array: <paramref name="a"/>'s shape without the axis (or with size 1 there).</returns>
    /// <remarks>As <see cref="LogSumExp{T}(Array{T}, StreamOrDevice)"/>.</remarks>
    /// <exception cref="System.ArgumentOutOfRangeException">The axis is outside the array.</exception>
    /// <exception cref="System.NotSupportedException">The element type is not one the op takes (the message lists them).</exception>
    public static Array<T> LogSumExp<T>(Array<T> a, int axis, bool keepDims = false, StreamOrDevice stream = default) where T : unmanaged
        => Reductions.LogSumExp(a, AxesArgument.One(axis), keepDims, stream);

    /// <summary><c>log(sum(exp(a)))</c>, computed without overflow as <c>log(sum(exp(a - max))) + max</c> over <paramref name="axes"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="a">The input (any shape or view).</param>
    /// <param name="axes">The axes to reduce, each once; negative counts from the end; none reduces nothing.</param>
    /// <param name="keepDims">Keep the axes, with size 1, so the result broadcasts against <paramref name="a"/>.</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>A new array: <paramref name="a"/>'s shape without the axes (or with size 1 there).</returns>
    /// <remarks>As <see cref="LogSumExp{T}(Array{T}, StreamOrDevice)"/>.</remarks>
    /// <exception cref="System.ArgumentOutOfRangeException">An axis is outside the array.</exception>
    /// <exception cref="System.ArgumentException">An axis appears twice.</exception>
    /// <exception cref="System.NotSupportedException">The element type is not one the op takes (the message lists them).</exception>
    public static Array<T> LogSumExp<T>(Array<T> a, int[] axes, bool keepDims = false, StreamOrDevice stream = default) where T : unmanaged
        => Reductions.LogSumExp(a, AxesArgument.Of(axes, "LogSumExp"), keepDims, stream);

    /// <summary>The index of the largest element of all elements, as a scalar (shape <c>[]</c>) array.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="a">The input (any shape or view).</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>A new array of shape <c>[]</c>.</returns>
    /// <remarks>Every numeric type. The first index on ties, and the first NaN's index where there is one, as NumPy's argmax. Over several axes (or all), the index counts the reduced axes' elements in row-major order: without an axis, the flat index.</remarks>
    /// <exception cref="System.NotSupportedException">The element type is not one the op takes (the message lists them).</exception>
    /// <exception cref="System.ArgumentException">The array holds no elements.</exception>
    public static Array<int> ArgMax<T>(Array<T> a, StreamOrDevice stream = default) where T : unmanaged
        => Reductions.ArgReduce("ArgMax", a, AxesArgument.Every, keepDims: false, minimum: false, stream);

    /// <summary>The index of the largest element along <paramref name="axis"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="a">The input (any shape or view).</param>
    /// <param name="axis">The axis to reduce; negative counts from the end.</param>
    /// <param name="keepDims">Keep the axis, with size 1, so the result broadcasts against <paramref name="a"/>.</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>A new array: <paramref name="a"/>'s shape without the axis (or with size 1 there).</returns>
    /// <remarks>As <see cref="ArgMax{T}(Array{T}, StreamOrDevice)"/>.</remarks>
    /// <exception cref="System.ArgumentOutOfRangeException">The axis is outside the array.</exception>
    /// <exception cref="System.ArgumentException">The axis holds no elements.</exception>
    /// <exception cref="System.NotSupportedException">The element type is not one the op takes (the message lists them).</exception>
    public static Array<int> ArgMax<T>(Array<T> a, int axis, bool keepDims = false, StreamOrDevice stream = default) where T : unmanaged
        => Reductions.ArgReduce("ArgMax", a, AxesArgument.One(axis), keepDims, minimum: false, stream);

    /// <summary>The index of the largest element over <paramref name="axes"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="a">The input (any shape or view).</param>
    /// <param name="axes">The axes to reduce, each once; negative counts from the end; none reduces nothing.</param>
    /// <param name="keepDims">Keep the axes, with size 1, so the result broadcasts against <paramref name="a"/>.</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>A new array: <paramref name="a"/>'s shape without the axes (or with size 1 there).</returns>
    /// <remarks>As <see cref="ArgMax{T}(Array{T}, StreamOrDevice)"/>.</remarks>
    /// <exception cref="System.ArgumentOutOfRangeException">An axis is outside the array.</exception>
    /// <exception cref="System.ArgumentException">An axis appears twice or the reduced axes hold no elements.</exception>
    /// <exception cref="System.NotSupportedException">The element type is not one the op takes (the message lists them).</exception>
    public static Array<int> ArgMax<T>(Array<T> a, int[] axes, bool keepDims = false, StreamOrDevice stream = default) where T : unmanaged
        => Reductions.ArgReduce("ArgMax", a, AxesArgument.Of(axes, "ArgMax"), keepDims, minimum: false, stream);

    /// <summary>The index of the smallest element of all elements, as a scalar (shape <c>[]</c>) array.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="a">The input (any shape or view).</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>A new array of shape <c>[]</c>.</returns>
    /// <remarks>As <see cref="ArgMax{T}(Array{T}, StreamOrDevice)"/>, for the smallest element.</remarks>
    /// <exception cref="System.NotSupportedException">The element type is not one the op takes (the message lists them).</exception>
    /// <exception cref="System.ArgumentException">The array holds no elements.</exception>
    public static Array<int> ArgMin<T>(Array<T> a, StreamOrDevice stream = default) where T : unmanaged
        => Reductions.ArgReduce("ArgMin", a, AxesArgument.Every, keepDims: false, minimum: true, stream);

    /// <summary>The index of the smallest element along <paramref name="axis"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="a">The input (any shape or view).</param>
    /// <param name="axis">The axis to reduce; negative counts from the end.</param>
    /// <param name="keepDims">Keep the axis, with size 1, so the result broadcasts against <paramref name="a"/>.</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>A new array: <paramref name="a"/>'s shape without the axis (or with size 1 there).</returns>
    /// <remarks>As <see cref="ArgMin{T}(Array{T}, StreamOrDevice)"/>.</remarks>
    /// <exception cref="System.ArgumentOutOfRangeException">The axis is outside the array.</exception>
    /// <exception cref="System.ArgumentException">The axis holds no elements.</exception>
    /// <exception cref="System.NotSupportedException">The element type is not one the op takes (the message lists them).</exception>
    public static Array<int> ArgMin<T>(Array<T> a, int axis, bool keepDims = false, StreamOrDevice stream = default) where T : unmanaged
        => Reductions.ArgReduce("ArgMin", a, AxesArgument.One(axis), keepDims, minimum: true, stream);

    /// <summary>The index of the smallest element over <paramref name="axes"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="a">The input (any shape or view).</param>
    /// <param name="axes">The axes to reduce, each once; negative counts from the end; none reduces nothing.</param>
    /// <param name="keepDims">Keep the axes, with size 1, so the result broadcasts against <paramref name="a"/>.</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>A new array: <paramref name="a"/>'s shape without the axes (or with size 1 there).</returns>
    /// <remarks>As <see cref="ArgMin{T}(Array{T}, StreamOrDevice)"/>.</remarks>
    /// <exception cref="System.ArgumentOutOfRangeException">An axis is outside the array.</exception>
    /// <exception cref="System.ArgumentException">An axis appears twice or the reduced axes hold no elements.</exception>
    /// <exception cref="System.NotSupportedException">The element type is not one the op takes (the message lists them).</exception>
    public static Array<int> ArgMin<T>(Array<T> a, int[] axes, bool keepDims = false, StreamOrDevice stream = default) where T : unmanaged
        => Reductions.ArgReduce("ArgMin", a, AxesArgument.Of(axes, "ArgMin"), keepDims, minimum: true, stream);

    /// <summary>The softmax along <paramref name="axis"/>: <c>exp(a - max) / sum(exp(a - max))</c>, each run summing to 1.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="a">The input (any shape or view).</param>
    /// <param name="axis">The axis along which the results sum to 1; negative counts from the end.</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>A new array of <paramref name="a"/>'s shape.</returns>
    /// <remarks>
    /// Floating-point types: float32, float64, float16 (computed in float32). Three passes: the maximum and the sum of
    /// exponentials along the axis, then each element. A run of -∞ only gives NaN, as in NumPy and torch. On the GPU exp
    /// is 32-bit, so float64 is only as accurate as float32 there.
    /// </remarks>
    /// <exception cref="System.ArgumentOutOfRangeException">The axis is outside the array.</exception>
    /// <exception cref="System.NotSupportedException">The element type is not floating-point.</exception>
    public static Array<T> Softmax<T>(Array<T> a, int axis = -1, StreamOrDevice stream = default) where T : unmanaged
        => Reductions.Softmax(a, axis, stream);
}

using Tandem.Ops.Reduction;

namespace Tandem;

// Reductions: each over all elements (to shape []), one axis, or several; see Ops/Reduction for how they run.
public static partial class Mx
{
    /// <summary>The sum of all elements, as a scalar (shape <c>[]</c>) array.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="a">The input (any shape or view).</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>A new array of shape <c>[]</c>.</returns>
    /// <remarks>Every numeric type: float32, float64, float16 (added in float32, rounded once), int32, uint32, int64 (wrapping, as C# adds). An empty sum is 0. The float sums err like pairwise summation (each thread adds a short run, then trees combine the partial sums), not like a left-to-right loop.</remarks>
    /// <exception cref="System.NotSupportedException">The element type is not one the op takes (the message lists them).</exception>
    public static Array<T> Sum<T>(Array<T> a, StreamOrDevice stream = default) where T : unmanaged
        => Reductions.Reduce(ReductionKind.Sum, a, AxesArgument.Every, keepDims: false, stream);

    /// <summary>The sum along <paramref name="axis"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="a">The input (any shape or view).</param>
    /// <param name="axis">The axis to reduce; negative counts from the end.</param>
    /// <param name="keepDims">Keep the axis, with size 1, so the result broadcasts against <paramref name="a"/>.</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>A new array: <paramref name="a"/>'s shape without the axis (or with size 1 there).</returns>
    /// <remarks>As <see cref="Sum{T}(Array{T}, StreamOrDevice)"/>.</remarks>
    /// <exception cref="System.ArgumentOutOfRangeException">The axis is outside the array.</exception>
    /// <exception cref="System.NotSupportedException">The element type is not one the op takes (the message lists them).</exception>
    public static Array<T> Sum<T>(Array<T> a, int axis, bool keepDims = false, StreamOrDevice stream = default) where T : unmanaged
        => Reductions.Reduce(ReductionKind.Sum, a, AxesArgument.One(axis), keepDims, stream);

    /// <summary>The sum over <paramref name="axes"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="a">The input (any shape or view).</param>
    /// <param name="axes">The axes to reduce, each once; negative counts from the end; none reduces nothing.</param>
    /// <param name="keepDims">Keep the axes, with size 1, so the result broadcasts against <paramref name="a"/>.</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>A new array: <paramref name="a"/>'s shape without the axes (or with size 1 there).</returns>
    /// <remarks>As <see cref="Sum{T}(Array{T}, StreamOrDevice)"/>.</remarks>
    /// <exception cref="System.ArgumentOutOfRangeException">An axis is outside the array.</exception>
    /// <exception cref="System.ArgumentException">An axis appears twice.</exception>
    /// <exception cref="System.NotSupportedException">The element type is not one the op takes (the message lists them).</exception>
    public static Array<T> Sum<T>(Array<T> a, int[] axes, bool keepDims = false, StreamOrDevice stream = default) where T : unmanaged
        => Reductions.Reduce(ReductionKind.Sum, a, AxesArgument.Of(axes, "Sum"), keepDims, stream);

    /// <summary>The product of all elements, as a scalar (shape <c>[]</c>) array.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="a">The input (any shape or view).</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>A new array of shape <c>[]</c>.</returns>
    /// <remarks>Every numeric type, as <see cref="Sum{T}(Array{T}, StreamOrDevice)"/> (integer products wrap). An empty product is 1.</remarks>
    /// <exception cref="System.NotSupportedException">The element type is not one the op takes (the message lists them).</exception>
    public static Array<T> Prod<T>(Array<T> a, StreamOrDevice stream = default) where T : unmanaged
        => Reductions.Reduce(ReductionKind.Prod, a, AxesArgument.Every, keepDims: false, stream);

    /// <summary>The product along <paramref name="axis"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="a">The input (any shape or view).</param>
    /// <param name="axis">The axis to reduce; negative counts from the end.</param>
    /// <param name="keepDims">Keep the axis, with size 1, so the result broadcasts against <paramref name="a"/>.</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>A new array: <paramref name="a"/>'s shape without the axis (or with size 1 there).</returns>
    /// <remarks>As <see cref="Prod{T}(Array{T}, StreamOrDevice)"/>.</remarks>
    /// <exception cref="System.ArgumentOutOfRangeException">The axis is outside the array.</exception>
    /// <exception cref="System.NotSupportedException">The element type is not one the op takes (the message lists them).</exception>
    public static Array<T> Prod<T>(Array<T> a, int axis, bool keepDims = false, StreamOrDevice stream = default) where T : unmanaged
        => Reductions.Reduce(ReductionKind.Prod, a, AxesArgument.One(axis), keepDims, stream);

    /// <summary>The product over <paramref name="axes"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="a">The input (any shape or view).</param>
    /// <param name="axes">The axes to reduce, each once; negative counts from the end; none reduces nothing.</param>
    /// <param name="keepDims">Keep the axes, with size 1, so the result broadcasts against <paramref name="a"/>.</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>A new array: <paramref name="a"/>'s shape without the axes (or with size 1 there).</returns>
    /// <remarks>As <see cref="Prod{T}(Array{T}, StreamOrDevice)"/>.</remarks>
    /// <exception cref="System.ArgumentOutOfRangeException">An axis is outside the array.</exception>
    /// <exception cref="System.ArgumentException">An axis appears twice.</exception>
    /// <exception cref="System.NotSupportedException">The element type is not one the op takes (the message lists them).</exception>
    public static Array<T> Prod<T>(Array<T> a, int[] axes, bool keepDims = false, StreamOrDevice stream = default) where T : unmanaged
        => Reductions.Reduce(ReductionKind.Prod, a, AxesArgument.Of(axes, "Prod"), keepDims, stream);

    /// <summary>The largest element of all elements, as a scalar (shape <c>[]</c>) array.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="a">The input (any shape or view).</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>A new array of shape <c>[]</c>.</returns>
    /// <remarks>Every numeric type. NaN propagates: a run holding a NaN gives NaN, as in NumPy.</remarks>
    /// <exception cref="System.NotSupportedException">The element type is not one the op takes (the message lists them).</exception>
    /// <exception cref="System.ArgumentException">The reduced axes hold no elements.</exception>
    public static Array<T> Max<T>(Array<T> a, StreamOrDevice stream = default) where T : unmanaged
        => Reductions.Reduce(ReductionKind.Max, a, AxesArgument.Every, keepDims: false, stream);

    /// <summary>The largest element along <paramref name="axis"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="a">The input (any shape or view).</param>
    /// <param name="axis">The axis to reduce; negative counts from the end.</param>
    /// <param name="keepDims">Keep the axis, with size 1, so the result broadcasts against <paramref name="a"/>.</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>A new array: <paramref name="a"/>'s shape without the axis (or with size 1 there).</returns>
    /// <remarks>As <see cref="Max{T}(Array{T}, StreamOrDevice)"/>.</remarks>
    /// <exception cref="System.ArgumentOutOfRangeException">The axis is outside the array.</exception>
    /// <exception cref="System.NotSupportedException">The element type is not one the op takes (the message lists them).</exception>
    /// <exception cref="System.ArgumentException">The reduced axes hold no elements.</exception>
    public static Array<T> Max<T>(Array<T> a, int axis, bool keepDims = false, StreamOrDevice stream = default) where T : unmanaged
        => Reductions.Reduce(ReductionKind.Max, a, AxesArgument.One(axis), keepDims, stream);

    /// <summary>The largest element over <paramref name="axes"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="a">The input (any shape or view).</param>
    /// <param name="axes">The axes to reduce, each once; negative counts from the end; none reduces nothing.</param>
    /// <param name="keepDims">Keep the axes, with size 1, so the result broadcasts against <paramref name="a"/>.</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>A new array: <paramref name="a"/>'s shape without the axes (or with size 1 there).</returns>
    /// <remarks>As <see cref="Max{T}(Array{T}, StreamOrDevice)"/>.</remarks>
    /// <exception cref="System.ArgumentOutOfRangeException">An axis is outside the array.</exception>
    /// <exception cref="System.ArgumentException">An axis appears twice or the reduced axes hold no elements.</exception>
    /// <exception cref="System.NotSupportedException">The element type is not one the op takes (the message lists them).</exception>
    public static Array<T> Max<T>(Array<T> a, int[] axes, bool keepDims = false, StreamOrDevice stream = default) where T : unmanaged
        => Reductions.Reduce(ReductionKind.Max, a, AxesArgument.Of(axes, "Max"), keepDims, stream);

    /// <summary>The smallest element of all elements, as a scalar (shape <c>[]</c>) array.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="a">The input (any shape or view).</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>A new array of shape <c>[]</c>.</returns>
    /// <remarks>Every numeric type. NaN propagates: a run holding a NaN gives NaN, as in NumPy.</remarks>
    /// <exception cref="System.NotSupportedException">The element type is not one the op takes (the message lists them).</exception>
    /// <exception cref="System.ArgumentException">The reduced axes hold no elements.</exception>
    public static Array<T> Min<T>(Array<T> a, StreamOrDevice stream = default) where T : unmanaged
        => Reductions.Reduce(ReductionKind.Min, a, AxesArgument.Every, keepDims: false, stream);

    /// <summary>The smallest element along <paramref name="axis"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="a">The input (any shape or view).</param>
    /// <param name="axis">The axis to reduce; negative counts from the end.</param>
    /// <param name="keepDims">Keep the axis, with size 1, so the result broadcasts against <paramref name="a"/>.</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>A new array: <paramref name="a"/>'s shape without the axis (or with size 1 there).</returns>
    /// <remarks>As <see cref="Min{T}(Array{T}, StreamOrDevice)"/>.</remarks>
    /// <exception cref="System.ArgumentOutOfRangeException">The axis is outside the array.</exception>
    /// <exception cref="System.NotSupportedException">The element type is not one the op takes (the message lists them).</exception>
    /// <exception cref="System.ArgumentException">The reduced axes hold no elements.</exception>
    public static Array<T> Min<T>(Array<T> a, int axis, bool keepDims = false, StreamOrDevice stream = default) where T : unmanaged
        => Reductions.Reduce(ReductionKind.Min, a, AxesArgument.One(axis), keepDims, stream);

    /// <summary>The smallest element over <paramref name="axes"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="a">The input (any shape or view).</param>
    /// <param name="axes">The axes to reduce, each once; negative counts from the end; none reduces nothing.</param>
    /// <param name="keepDims">Keep the axes, with size 1, so the result broadcasts against <paramref name="a"/>.</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>A new array: <paramref name="a"/>'s shape without the axes (or with size 1 there).</returns>
    /// <remarks>As <see cref="Min{T}(Array{T}, StreamOrDevice)"/>.</remarks>
    /// <exception cref="System.ArgumentOutOfRangeException">An axis is outside the array.</exception>
    /// <exception cref="System.ArgumentException">An axis appears twice or the reduced axes hold no elements.</exception>
    /// <exception cref="System.NotSupportedException">The element type is not one the op takes (the message lists them).</exception>
    public static Array<T> Min<T>(Array<T> a, int[] axes, bool keepDims = false, StreamOrDevice stream = default) where T : unmanaged
        => Reductions.Reduce(ReductionKind.Min, a, AxesArgument.Of(axes, "Min"), keepDims, stream);

    /// <summary>The mean of all elements, as a scalar (shape <c>[]</c>) array.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="a">The input (any shape or view).</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>A new array of shape <c>[]</c>.</returns>
    /// <remarks>Floating-point types: float32, float64, float16 (computed in float32). The mean of nothing is NaN.</remarks>
    /// <exception cref="System.NotSupportedException">The element type is not one the op takes (the message lists them).</exception>
    public static Array<T> Mean<T>(Array<T> a, StreamOrDevice stream = default) where T : unmanaged
        => Reductions.Reduce(ReductionKind.Mean, a, AxesArgument.Every, keepDims: false, stream);

    /// <summary>The mean along <paramref name="axis"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="a">The input (any shape or view).</param>
    /// <param name="axis">The axis to reduce; negative counts from the end.</param>
    /// <param name="keepDims">Keep the axis, with size 1, so the result broadcasts against <paramref name="a"/>.</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>A new array: <paramref name="a"/>'s shape without the axis (or with size 1 there).</returns>
    /// <remarks>As <see cref="Mean{T}(Array{T}, StreamOrDevice)"/>.</remarks>
    /// <exception cref="System.ArgumentOutOfRangeException">The axis is outside the array.</exception>
    /// <exception cref="System.NotSupportedException">The element type is not one the op takes (the message lists them).</exception>
    public static Array<T> Mean<T>(Array<T> a, int axis, bool keepDims = false, StreamOrDevice stream = default) where T : unmanaged
        => Reductions.Reduce(ReductionKind.Mean, a, AxesArgument.One(axis), keepDims, stream);

    /// <summary>The mean over <paramref name="axes"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="a">The input (any shape or view).</param>
    /// <param name="axes">The axes to reduce, each once; negative counts from the end; none reduces nothing.</param>
    /// <param name="keepDims">Keep the axes, with size 1, so the result broadcasts against <paramref name="a"/>.</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>A new array: <paramref name="a"/>'s shape without the axes (or with size 1 there).</returns>
    /// <remarks>As <see cref="Mean{T}(Array{T}, StreamOrDevice)"/>.</remarks>
    /// <exception cref="System.ArgumentOutOfRangeException">An axis is outside the array.</exception>
    /// <exception cref="System.ArgumentException">An axis appears twice.</exception>
    /// <exception cref="System.NotSupportedException">The element type is not one the op takes (the message lists them).</exception>
    public static Array<T> Mean<T>(Array<T> a, int[] axes, bool keepDims = false, StreamOrDevice stream = default) where T : unmanaged
        => Reductions.Reduce(ReductionKind.Mean, a, AxesArgument.Of(axes, "Mean"), keepDims, stream);
}

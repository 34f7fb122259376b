using Tandem.Ops.Reduction;

namespace Tandem;

public static partial class Mx
{
    /// <summary>The inclusive running sums along <paramref name="axis"/>: element k is the sum of elements 0 to k.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="a">The input (any shape of at least one axis, or view).</param>
    /// <param name="axis">The axis to sum along; negative counts from the end.</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>A new array of <paramref name="a"/>'s shape.</returns>
    /// <remarks>
    /// Every numeric type, summed in itself (integers wrap) except float16, which adds in float32 and rounds each
    /// running sum. Runs are summed in blocks of 1024 elements, then the blocks' sums: float rounding differs from a
    /// left-to-right loop's.
    /// </remarks>
    /// <exception cref="System.ArgumentOutOfRangeException">The axis is outside the array.</exception>
    /// <exception cref="System.NotSupportedException">The element type is not one the op takes (the message lists them).</exception>
    public static Array<T> CumSum<T>(Array<T> a, int axis, StreamOrDevice stream = default) where T : unmanaged
        => Scans.CumSum(a, axis, stream);
}

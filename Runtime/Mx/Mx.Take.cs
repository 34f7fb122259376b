using System;
using Tandem.Memory;
using Tandem.Ops;

namespace Tandem;

public static partial class Mx
{
    /// <summary>
    /// The elements of <paramref name="a"/> at <paramref name="indices"/> along <paramref name="axis"/>, like NumPy's and
    /// MLX's <c>take</c>: a new row-major array of shape <c>a.Shape[..axis] + indices.Shape + a.Shape[(axis + 1)..]</c>.
    /// Any element type; both arrays may be views.
    /// </summary>
    /// <remarks>
    /// A negative index counts from the end, as in NumPy. An index outside <c>[-size, size)</c> fails the op on a CPU
    /// stream (a <see cref="KernelExecutionException"/> at the next synchronization that depends on it, wrapping an
    /// <see cref="IndexOutOfRangeException"/>); on a GPU stream nothing fails and the element reads 0 (on devices with
    /// robustBufferAccess2; on others some element of <paramref name="a"/>'s buffer). The indices are read by the kernel,
    /// never on the host, so the call does not wait for them.
    /// </remarks>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="a">The array to take from (rank at least 1).</param>
    /// <param name="indices">The positions along <paramref name="axis"/>, any shape.</param>
    /// <param name="axis">The axis; negative counts from the end.</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>The gathered elements.</returns>
    /// <exception cref="ArgumentException"><paramref name="a"/> has rank 0, or indices were given for an axis of size 0.</exception>
    public static Array<T> Take<T>(Array<T> a, Array<int> indices, int axis, StreamOrDevice stream = default) where T : unmanaged
    {
        OpArguments.RequireUsable(a, "Take", nameof(a));
        OpArguments.RequireUsable(indices, "Take", nameof(indices));
        if (a.Rank == 0)
        {
            throw new ArgumentException("Mx.Take: an array of shape [] has no axis to take along; reshape it to [1] first.", nameof(a));
        }

        int along = Axes.Normalize(axis, a.Rank, "Take");
        if (ByteElements.IsByte<T>())
        {
            return ByteElements.ThroughWords([a], wide => Take(wide[0], indices, along, stream), stream);
        }

        ReadOnlySpan<int> shape = a.ShapeSpan;
        int[] resultShape = [.. shape[..along], .. indices.ShapeSpan, .. shape[(along + 1)..]];
        if (shape[along] == 0 && indices.Length > 0)
        {
            throw new ArgumentException(
                $"Mx.Take: axis {axis} of shape {UnifiedArray.FormatShape(shape)} is empty, so no index is valid; {indices.Length} were given.", nameof(indices));
        }

        var result = new Array<T>(resultShape, BufferContents.Undefined);
        try
        {
            if (result.Length > 0)
            {
                Gather.Along(a, indices, along, result, stream);
            }

            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The elements of <paramref name="a"/>, flattened in row-major order, at <paramref name="indices"/>: NumPy's and
    /// MLX's <c>take</c> without an axis. The result has <paramref name="indices"/>' shape. Out-of-range indices behave
    /// as in <see cref="Take{T}(Array{T}, Array{int}, int, StreamOrDevice)"/>.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="a">The array to take from, any shape.</param>
    /// <param name="indices">Positions in the flattened array, any shape; negative counts from the end.</param>
    /// <param name="stream">Where the op runs (and a copy of a non-contiguous <paramref name="a"/>, when one is needed).</param>
    /// <returns>The gathered elements.</returns>
    public static Array<T> Take<T>(Array<T> a, Array<int> indices, StreamOrDevice stream = default) where T : unmanaged
    {
        OpArguments.RequireUsable(a, "Take", nameof(a));
        using Array<T> flat = Reshape(a, [a.Length], stream);
        return Take(flat, indices, 0, stream);
    }
}

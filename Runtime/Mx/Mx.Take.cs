using System;
using Tandem.Ops;
using Tandem.Ops.Kernels;

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
        ReadOnlySpan<int> shape = a.ShapeSpan;
        int[] resultShape = [.. shape[..along], .. indices.ShapeSpan, .. shape[(along + 1)..]];
        if (shape[along] == 0 && indices.Length > 0)
        {
            throw new ArgumentException(
                $"Mx.Take: axis {axis} of shape {UnifiedArray.FormatShape(shape)} is empty, so no index is valid; {indices.Length} were given.", nameof(indices));
        }

        var result = new Array<T>(resultShape);
        try
        {
            if (result.Length > 0)
            {
                TakeAlong(a, indices, along, result, stream);
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

    private static void TakeAlong<T>(Array<T> a, Array<int> indices, int along, Array<T> result, StreamOrDevice stream) where T : unmanaged
    {
        ReadOnlySpan<int> shape = a.ShapeSpan;
        int outer = 1, inner = 1;
        foreach (int size in shape[..along])
        {
            outer *= size;
        }

        foreach (int size in shape[(along + 1)..])
        {
            inner *= size;
        }

        int axisLength = shape[along];

        // The kernel sees (outer, axis, inner): a view when the strides allow, else a row-major copy first.
        int[] blocks = [outer, axisLength, inner];
        Array<T>? copy = null;
        ArrayLayout? layout = a.Layout.TryReshape(blocks);
        if (layout is null)
        {
            copy = Copy.Contiguous(a, stream);
            layout = copy.Layout.TryReshape(blocks)!;
        }

        try
        {
            Array<T> source = copy ?? a;
            switch (a.ElementSize)
            {
                case 2:
                    LaunchTake<T, Half>(TakeKernels.Take16, source, layout, indices, result, stream);
                    break;
                case 4:
                    LaunchTake<T, uint>(TakeKernels.Take32, source, layout, indices, result, stream);
                    break;
                case 8:
                    LaunchTake<T, ulong>(TakeKernels.Take64, source, layout, indices, result, stream);
                    break;
                default:
                    throw new NotSupportedException(
                        $"Mx.Take does not support {ArrayFormatter.DtypeName(typeof(T))} arrays yet; element types of 2, 4 and 8 bytes are supported.");
            }
        }
        finally
        {
            copy?.Dispose();
        }
    }

    private static void LaunchTake<T, TBits>(TakeLauncher<TBits> launch, Array<T> source, ArrayLayout blocks, Array<int> indices, Array<T> result,
        StreamOrDevice stream) where T : unmanaged where TBits : unmanaged
    {
        using var view = new Array<TBits>(source.Buffer, blocks);
        using var operand = KernelOperand<TBits>.Cover(view);
        using Array<TBits> output = result.Reinterpret<TBits>();
        launch(result.Length, blocks.Shape[2], indices.Length, blocks.Shape[1], operand.Offset, blocks.Strides[0], blocks.Strides[1], blocks.Strides[2],
            indices, operand.Binding, output, stream);
    }
}

using System;
using Tandem.Memory;
using Tandem.Ops.Kernels;

namespace Tandem.Ops;

/// <summary>Copies of views into new row-major arrays, by element width (see <see cref="CopyKernels"/>).</summary>
internal static class Copy
{
    /// <summary>A new row-major array holding <paramref name="source"/>'s elements.</summary>
    public static Array<T> Contiguous<T>(Array<T> source, StreamOrDevice stream) where T : unmanaged
    {
        // The copy writes every element: nothing to clear or upload for the new array.
        var result = new Array<T>(source.ShapeSpan, BufferContents.Undefined);
        try
        {
            Into(source, result, stream);
            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Copies <paramref name="source"/>'s elements into the row-major <paramref name="result"/>, whose shape it has
    /// (a broadcast view's repeated elements are written out).
    /// </summary>
    public static void Into<T>(Array<T> source, Array<T> result, StreamOrDevice stream) where T : unmanaged
    {
        if (result.Length == 0)
        {
            return;
        }

        switch (source.ElementSize)
        {
            case 2:
                Run<T, Half>(source, result, CopyKernels.Copy16Strided, CopyKernels.Copy16AnyRank, stream);
                break;
            case 4:
                Run<T, uint>(source, result, CopyKernels.Copy32Strided, CopyKernels.Copy32AnyRank, stream);
                break;
            case 8:
                Run<T, ulong>(source, result, CopyKernels.Copy64Strided, CopyKernels.Copy64AnyRank, stream);
                break;
            default:
                throw new NotSupportedException(
                    $"Copying {ArrayFormatter.DtypeName(typeof(T))} arrays is not supported; element types of 2, 4 and 8 bytes are.");
        }
    }

    private static void Run<T, TBits>(Array<T> source, Array<T> result, StridedCopyLauncher<TBits> strided, AnyRankCopyLauncher<TBits> anyRank,
        StreamOrDevice stream) where T : unmanaged where TBits : unmanaged
    {
        using Array<TBits> from = source.Reinterpret<TBits>();
        using Array<TBits> to = result.Reinterpret<TBits>();
        using var operand = KernelOperand<TBits>.Cover(from);
        StridedGrid grid = StridedGrid.Of(result.ShapeSpan, source.Layout);
        if (grid.FitsKernel)
        {
            strided(grid.Extent, grid.Size(0), grid.Size(1), operand.Offset, grid.Stride(0, 0), grid.Stride(0, 1), grid.Stride(0, 2),
                operand.Binding, to, stream);
            return;
        }

        using Array<int> layout = Mx.Array(AnyRankLayout(grid, operand.Offset));
        anyRank(result.Length, layout, operand.Binding, to, stream);
    }

    /// <summary>The layout array the any-rank kernels read: <c>[rank, offset, shape..., strides...]</c>.</summary>
    private static int[] AnyRankLayout(StridedGrid grid, int offset)
    {
        int rank = grid.Shape.Length;
        var layout = new int[2 + (2 * rank)];
        layout[0] = rank;
        layout[1] = offset;
        grid.Shape.CopyTo(layout, 2);
        grid.Strides[0].CopyTo(layout, 2 + rank);
        return layout;
    }
}

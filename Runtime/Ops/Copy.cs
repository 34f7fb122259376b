using System;
using Tandem.Memory;
using Tandem.Ops.Kernels;

namespace Tandem.Ops;

/// <summary>Copies of views into new row-major arrays or into slices of others, by element width (see <see cref="CopyKernels"/>).</summary>
internal static class Copy
{
    /// <summary>A new row-major array holding <paramref name="source"/>'s elements.</summary>
    public static Array<T> Contiguous<T>(Array<T> source, StreamOrDevice stream) where T : unmanaged
    {
        if (ByteElements.IsByte<T>())
        {
            using Array<uint> wide = ByteElements.Widen(source, stream);
            return ByteElements.Pack<T>(wide, stream);
        }

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
    /// Copies <paramref name="source"/>'s elements into <paramref name="destination"/>, a view of the same shape: a new
    /// row-major array, or a slice of one (a broadcast source's repeated elements are written out). The destination
    /// must not address one element twice (no stride 0 along an axis longer than 1).
    /// </summary>
    public static void Into<T>(Array<T> source, Array<T> destination, StreamOrDevice stream) where T : unmanaged
    {
        if (destination.Length == 0)
        {
            return;
        }

        switch (source.ElementSize)
        {
            case 2:
                Run<T, Half>(source, destination, CopyKernels.Copy16Strided, CopyKernels.Copy16Rows, CopyKernels.Copy16AnyRank, stream);
                break;
            case 4:
                Run<T, uint>(source, destination, CopyKernels.Copy32Strided, CopyKernels.Copy32Rows, CopyKernels.Copy32AnyRank, stream);
                break;
            case 8:
                Run<T, ulong>(source, destination, CopyKernels.Copy64Strided, CopyKernels.Copy64Rows, CopyKernels.Copy64AnyRank, stream);
                break;
            default:
                throw new NotSupportedException(
                    $"Copying {ArrayFormatter.DtypeName(typeof(T))} elements into a view is not supported; element types of 2, 4 and 8 bytes are "
                    + "(1-byte elements are copied into new arrays only).");
        }
    }

    private static void Run<T, TBits>(Array<T> source, Array<T> destination, StridedCopyLauncher<TBits> strided, RowsCopyLauncher<TBits> rows,
        AnyRankCopyLauncher<TBits> anyRank, StreamOrDevice stream) where T : unmanaged where TBits : unmanaged
    {
        using Array<TBits> from = source.Reinterpret<TBits>();
        using Array<TBits> to = destination.Reinterpret<TBits>();
        using var input = KernelOperand<TBits>.Cover(from);
        using var output = KernelOperand<TBits>.Cover(to);
        StridedGrid grid = StridedGrid.Of(destination.ShapeSpan, source.Layout, destination.Layout);
        if (grid.FitsKernel && grid.UnitInnerStrides)
        {
            rows(grid.Extent, input.Offset, grid.Stride(0, 1), grid.Stride(0, 2), output.Offset, grid.Stride(1, 1), grid.Stride(1, 2),
                input.Binding, output.Binding, stream);
            return;
        }

        if (grid.FitsKernel)
        {
            strided(grid.Extent, input.Offset, grid.Stride(0, 0), grid.Stride(0, 1), grid.Stride(0, 2),
                output.Offset, grid.Stride(1, 0), grid.Stride(1, 1), grid.Stride(1, 2), input.Binding, output.Binding, stream);
            return;
        }

        using Array<int> layout = Mx.Array(AnyRankLayout(grid, input.Offset, output.Offset));
        anyRank(destination.Length, layout, input.Binding, output.Binding, stream);
    }

    /// <summary>The layout array the any-rank kernels read: <c>[rank, offsets..., shape..., strides...]</c>.</summary>
    public static int[] AnyRankLayout(StridedGrid grid, int sourceOffset, int resultOffset)
    {
        int rank = grid.Shape.Length;
        var layout = new int[3 + (3 * rank)];
        layout[0] = rank;
        layout[1] = sourceOffset;
        layout[2] = resultOffset;
        grid.Shape.CopyTo(layout, 3);
        grid.Strides[0].CopyTo(layout, 3 + rank);
        grid.Strides[1].CopyTo(layout, 3 + (2 * rank));
        return layout;
    }
}

using System;
using Tandem.Memory;

namespace Tandem.Ops.Linalg;

/// <summary>
/// <c>Mx.Matmul</c> with NumPy's rules on top of <see cref="Gemm"/>: a 1-D operand is a row (on the left) or a column
/// (on the right) whose axis the result drops; the axes before the last two are batch axes that broadcast; every
/// operand is read in place through its strides unless neither of its last two strides is 1 (MLX's
/// <c>check_transpose</c>), when a row-major copy is made first.
/// </summary>
/// <remarks>
/// The batch axes of the three operands are merged where all three allow it (the inner one's stride times its length
/// equals the outer one's stride, or both are broadcast), so the usual layouts (contiguous batches, one matrix shared by
/// every batch) are one GEMM launch; a layout that cannot be merged into one batch axis is one launch per outer index.
/// </remarks>
internal static class MatrixProduct
{
    /// <summary>The product of <paramref name="a"/> and <paramref name="b"/> in a new array, queued on <paramref name="stream"/>.</summary>
    public static Array<T> Multiply<T>(Array<T> a, Array<T> b, StreamOrDevice stream) where T : unmanaged
    {
        OpArguments.RequireUsable(a, "Matmul", nameof(a));
        OpArguments.RequireUsable(b, "Matmul", nameof(b));
        Gemm.RequireSupported<T>();
        if (a.Rank == 0 || b.Rank == 0)
        {
            throw new ArgumentException(
                $"Mx.Matmul: cannot multiply shapes {Describe(a, b)}: an operand of shape [] is a scalar; use Mx.Multiply to scale an array.",
                a.Rank == 0 ? nameof(a) : nameof(b));
        }

        int m = a.Rank == 1 ? 1 : a.ShapeSpan[^2];
        int k = a.ShapeSpan[^1];
        int n = b.Rank == 1 ? 1 : b.ShapeSpan[^1];
        int kOfB = b.Rank == 1 ? b.ShapeSpan[0] : b.ShapeSpan[^2];
        if (k != kOfB)
        {
            throw new ArgumentException(
                $"Mx.Matmul: cannot multiply shapes {Describe(a, b)}: the last axis of a ({k}) must equal the "
                + $"{(b.Rank == 1 ? "only" : "second-to-last")} axis of b ({kOfB}).", nameof(b));
        }

        int[] batch = BatchShape(a, b);
        int[] shape = [.. batch, .. a.Rank == 1 ? Array.Empty<int>() : [m], .. b.Rank == 1 ? Array.Empty<int>() : [n]];
        DeviceStream target = stream.Resolve();
        if (k == 0)
        {
            // Every dot product is empty: the result is zeros.
            return Mx.Zeros<T>(shape, target);
        }

        var result = new Array<T>(shape, BufferContents.Undefined);
        if (result.Length == 0)
        {
            return result;
        }

        try
        {
            using Array<T>? leftCopy = ReadsInPlace(a) ? null : Copy.Contiguous(a, target);
            using Array<T>? rightCopy = ReadsInPlace(b) ? null : Copy.Contiguous(b, target);
            Array<T> left = leftCopy ?? a;
            Array<T> right = rightCopy ?? b;
            using var leftCover = KernelOperand<T>.Cover(left);
            using var rightCover = KernelOperand<T>.Cover(right);
            Launch(new GemmShape(m, n, k), batch,
                Operand.Left(left.Layout, leftCover.Offset, batch),
                Operand.Right(right.Layout, rightCover.Offset, batch),
                Operand.Result(m, n, batch), leftCover.Binding, rightCover.Binding, result, target);
            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    /// <summary>
    /// True when the kernels read <paramref name="matrices"/> in place: its last stride is 1 (row-major matrices) or
    /// its second-to-last is (transposed ones), counting an axis of length 1 as either. A vector always is.
    /// </summary>
    internal static bool ReadsInPlace(UnifiedArray matrices)
    {
        ReadOnlySpan<int> shape = matrices.ShapeSpan;
        ReadOnlySpan<int> strides = matrices.Layout.Strides;
        int rank = shape.Length;
        return rank < 2 || shape[rank - 1] <= 1 || shape[rank - 2] <= 1 || strides[rank - 1] == 1 || strides[rank - 2] == 1;
    }

    /// <summary>The broadcast shape of the operands' batch axes (all but their last two; a vector has none).</summary>
    private static int[] BatchShape(UnifiedArray a, UnifiedArray b)
    {
        ReadOnlySpan<int> left = a.ShapeSpan[..Math.Max(0, a.Rank - 2)];
        ReadOnlySpan<int> right = b.ShapeSpan[..Math.Max(0, b.Rank - 2)];
        var shape = new int[Math.Max(left.Length, right.Length)];
        for (int axis = 0; axis < shape.Length; axis++)
        {
            int fromLeft = At(left, axis, shape.Length);
            int fromRight = At(right, axis, shape.Length);
            if (fromLeft != fromRight && fromLeft != 1 && fromRight != 1)
            {
                throw new ArgumentException(
                    $"Mx.Matmul: cannot multiply shapes {Describe(a, b)}: their batch axes {UnifiedArray.FormatShape(left)} and "
                    + $"{UnifiedArray.FormatShape(right)} do not broadcast (aligned from the end, each pair must be equal or one of them 1).",
                    nameof(b));
            }

            shape[axis] = fromLeft == 1 ? fromRight : fromLeft;
        }

        return shape;
    }

    /// <summary>Axis <paramref name="axis"/> of a batch of rank <paramref name="rank"/>, counting <paramref name="own"/>'s axes as its last ones.</summary>
    private static int At(ReadOnlySpan<int> own, int axis, int rank)
    {
        int index = axis - (rank - own.Length);
        return index < 0 ? 1 : own[index];
    }

    private static string Describe(UnifiedArray a, UnifiedArray b) =>
        $"{UnifiedArray.FormatShape(a.ShapeSpan)} and {UnifiedArray.FormatShape(b.ShapeSpan)}";

    /// <summary>One launch per index of the batch axes that do not merge into the innermost one.</summary>
    private static void Launch<T>(GemmShape matrix, int[] batch, Operand a, Operand b, Operand c,
        Array<T> aBinding, Array<T> bBinding, Array<T> result, DeviceStream stream) where T : unmanaged
    {
        // Axes of length 1 step nowhere; the rest merge with their inner neighbour where every operand allows it.
        Span<(int Length, long A, long B, long C)> axes = stackalloc (int, long, long, long)[batch.Length];
        int count = 0;
        for (int axis = 0; axis < batch.Length; axis++)
        {
            if (batch[axis] == 1)
            {
                continue;
            }

            var next = (batch[axis], (long)a.BatchStrides[axis], (long)b.BatchStrides[axis], (long)c.BatchStrides[axis]);
            if (count > 0 && Merges(axes[count - 1], next))
            {
                axes[count - 1] = (axes[count - 1].Length * next.Item1, next.Item2, next.Item3, next.Item4);
            }
            else
            {
                axes[count++] = next;
            }
        }

        (int Length, long A, long B, long C) inner = count == 0 ? (1, 0, 0, 0) : axes[count - 1];
        Span<(int Length, long A, long B, long C)> outer = axes[..Math.Max(0, count - 1)];
        Span<int> index = stackalloc int[outer.Length];
        while (true)
        {
            long aAt = a.Offset, bAt = b.Offset, cAt = c.Offset;
            for (int axis = 0; axis < outer.Length; axis++)
            {
                aAt += index[axis] * outer[axis].A;
                bAt += index[axis] * outer[axis].B;
                cAt += index[axis] * outer[axis].C;
            }

            Gemm.Launch(matrix with { Batch = inner.Length },
                new GemmOperand<T>(aBinding, (int)aAt, a.RowStride, a.ColumnStride, (int)inner.A),
                new GemmOperand<T>(bBinding, (int)bAt, b.RowStride, b.ColumnStride, (int)inner.B),
                new GemmOperand<T>(result, (int)cAt, c.RowStride, c.ColumnStride, (int)inner.C), stream);

            int carry = outer.Length - 1;
            while (carry >= 0 && ++index[carry] == outer[carry].Length)
            {
                index[carry--] = 0;
            }

            if (carry < 0)
            {
                return;
            }
        }
    }

    /// <summary>True when stepping <paramref name="outer"/> once equals stepping <paramref name="inner"/> through its whole length, for every operand.</summary>
    private static bool Merges((int Length, long A, long B, long C) outer, (int Length, long A, long B, long C) inner) =>
        outer.A == inner.A * inner.Length && outer.B == inner.B * inner.Length && outer.C == inner.C * inner.Length;

    /// <summary>An operand's matrices: the first one's offset in its binding, its two strides, and a stride per batch axis (0 where it broadcasts).</summary>
    private readonly record struct Operand(int Offset, int RowStride, int ColumnStride, int[] BatchStrides)
    {
        /// <summary>The left operand: a vector is one row.</summary>
        public static Operand Left(ArrayLayout layout, int offset, int[] batch) => layout.Rank == 1
            ? new(offset, 1, layout.Strides[0], new int[batch.Length])
            : Matrices(layout, offset, batch);

        /// <summary>The right operand: a vector is one column.</summary>
        public static Operand Right(ArrayLayout layout, int offset, int[] batch) => layout.Rank == 1
            ? new(offset, layout.Strides[0], 1, new int[batch.Length])
            : Matrices(layout, offset, batch);

        /// <summary>The new row-major result: (M, N) matrices one after another.</summary>
        public static Operand Result(int m, int n, int[] batch)
        {
            int[] strides = ArrayLayout.RowMajorStrides([.. batch, m, n]);
            return new(0, n, 1, strides[..batch.Length]);
        }

        /// <summary>
        /// Matrices along the layout's last two axes (a stride of an axis of length 1 read as 1, which never steps, so
        /// the kernels see the layout as row-major or transposed), batch axes aligned from the end.
        /// </summary>
        private static Operand Matrices(ArrayLayout layout, int offset, int[] batch)
        {
            int rank = layout.Rank;
            int rowStride = layout.Shape[rank - 2] == 1 ? 1 : layout.Strides[rank - 2];
            int columnStride = layout.Shape[rank - 1] == 1 ? 1 : layout.Strides[rank - 1];
            var strides = new int[batch.Length];
            for (int axis = 0; axis < rank - 2; axis++)
            {
                int target = batch.Length - (rank - 2) + axis;
                strides[target] = layout.Shape[axis] == 1 ? 0 : layout.Strides[axis];
            }

            return new(offset, rowStride, columnStride, strides);
        }
    }
}

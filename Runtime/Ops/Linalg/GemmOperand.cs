namespace Tandem.Ops.Linalg;

/// <summary>
/// One operand of a GEMM: a matrix, or a batch of matrices, read (or written) in place through strides. Element
/// (<c>batch</c>, <c>row</c>, <c>column</c>) is element <c>Offset + batch * BatchStride + row * RowStride + column *
/// ColumnStride</c> of <see cref="Array"/>, which the kernels bind as one span: a row-major array, or the contiguous
/// binding <see cref="KernelOperand{T}.Cover"/> gives for a view (<see cref="Of"/>).
/// </summary>
/// <remarks>
/// A transposed matrix is the same memory with the two strides swapped (<see cref="Transposed"/>), so no copy is ever
/// made; the kernels read along whichever of the two strides is 1 (MLX's <c>check_transpose</c>), and any other strides
/// still work, more slowly. A batch stride of 0 repeats one matrix for every product of the batch (broadcasting).
/// </remarks>
/// <typeparam name="T">The element type.</typeparam>
/// <param name="Array">The array whose memory holds the matrices.</param>
/// <param name="Offset">The element where matrix 0 starts.</param>
/// <param name="RowStride">Elements between consecutive rows.</param>
/// <param name="ColumnStride">Elements between consecutive columns.</param>
/// <param name="BatchStride">Elements between consecutive matrices of the batch.</param>
internal readonly record struct GemmOperand<T>(Array<T> Array, int Offset, int RowStride, int ColumnStride, int BatchStride)
    where T : unmanaged
{
    /// <summary>
    /// The matrices of <paramref name="matrices"/> (any view: its last two axes are rows and columns, a third axis
    /// before them the batch), read in place through <paramref name="cover"/>, its <see cref="KernelOperand{T}.Cover"/>.
    /// </summary>
    public static GemmOperand<T> Of(KernelOperand<T> cover, Array<T> matrices)
    {
        System.ReadOnlySpan<int> strides = matrices.Layout.Strides;
        int rank = strides.Length;
        return new(cover.Binding, cover.Offset, strides[rank - 2], strides[rank - 1], rank > 2 ? strides[rank - 3] : 0);
    }

    /// <summary>Row-major (rows, columns) matrices stored one after the other from the array's first element.</summary>
    public static GemmOperand<T> RowMajor(Array<T> array, int rows, int columns) => new(array, 0, columns, 1, rows * columns);

    /// <summary>The transpose: the same elements with rows and columns swapped.</summary>
    public GemmOperand<T> Transposed() => this with { RowStride = ColumnStride, ColumnStride = RowStride };
}

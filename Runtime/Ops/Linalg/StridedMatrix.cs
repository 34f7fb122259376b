namespace Tandem.Ops.Linalg;

/// <summary>A matrix in host memory read through strides (in elements); the CPU GEMM's view of an operand.</summary>
/// <typeparam name="T">The element type.</typeparam>
internal readonly unsafe struct StridedMatrix<T> where T : unmanaged
{
    public StridedMatrix(T* origin, long rowStride, long columnStride)
    {
        Origin = origin;
        RowStride = rowStride;
        ColumnStride = columnStride;
    }

    /// <summary>Element (0, 0).</summary>
    public T* Origin { get; }

    /// <summary>Elements between consecutive rows.</summary>
    public long RowStride { get; }

    /// <summary>Elements between consecutive columns.</summary>
    public long ColumnStride { get; }

    /// <summary>The same elements with rows and columns swapped.</summary>
    public StridedMatrix<T> Transposed => new(Origin, ColumnStride, RowStride);

    /// <summary>The address of element (<paramref name="row"/>, <paramref name="column"/>).</summary>
    public T* At(long row, long column) => Origin + (row * RowStride) + (column * ColumnStride);

    /// <summary>The sub-matrix whose element (0, 0) is (<paramref name="row"/>, <paramref name="column"/>).</summary>
    public StridedMatrix<T> From(long row, long column) => new(At(row, column), RowStride, ColumnStride);

    /// <summary>The same memory read as <typeparamref name="TOther"/> elements of the same size.</summary>
    public StridedMatrix<TOther> Reinterpret<TOther>() where TOther : unmanaged => new((TOther*)Origin, RowStride, ColumnStride);
}

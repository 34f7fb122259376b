using System;
using System.Numerics;
using System.Numerics.Tensors;

namespace Tandem.Ops.Linalg;

/// <summary>
/// Products with one output column or one output row (matrix-vector, vector-matrix) on the CPU. Each element of the
/// matrix is used once, so the product is bound by reading it: GEMM's packing (<see cref="CpuGemm"/>, and OpenBLAS's
/// <c>sgemm</c>) reads and writes it once more first, which made a 2048 x 2048 by 2048 product 3x slower than NumPy's
/// <c>gemv</c>. Here a column of C is one SIMD dot product per row of A, and a row of C adds k rows of B scaled by
/// the elements of A, each worker owning a block of C's columns.
/// </summary>
internal static unsafe class CpuGemv
{
    // Columns of C per block in a vector-matrix product: the block stays in L1 while k rows of B stream past it.
    private const int ColumnBlock = 2048;

    // Below this many multiply-adds one core is faster than handing out work.
    private const long ParallelThreshold = 1L << 18;

    /// <summary>
    /// C = alpha * A B + beta * C when C is one column (N = 1) whose A rows and B column are contiguous, or one row
    /// (M = 1) whose B rows and C row are contiguous; false (nothing done) for any other shape or layout.
    /// </summary>
    /// <remarks>C is not read when <paramref name="beta"/> is 0, as in BLAS.</remarks>
    public static bool TryMultiply<T>(int m, int n, int k, StridedMatrix<T> a, StridedMatrix<T> b, StridedMatrix<T> c, T alpha, T beta, int threads)
        where T : unmanaged, INumber<T>
    {
        if (k == 0)
        {
            return false;
        }

        int workers = (long)m * n * k < ParallelThreshold ? 1 : Math.Max(1, threads);
        if (n == 1 && a.ColumnStride == 1 && b.RowStride == 1)
        {
            MatrixVector(m, k, a, b.Origin, c, alpha, beta, workers);
            return true;
        }

        if (m == 1 && b.ColumnStride == 1 && c.ColumnStride == 1)
        {
            VectorMatrix(n, k, a, b, c.Origin, alpha, beta, workers);
            return true;
        }

        return false;
    }

    private static void MatrixVector<T>(int m, int k, StridedMatrix<T> a, T* x, StridedMatrix<T> c, T alpha, T beta, int workers)
        where T : unmanaged, INumber<T>
    {
        CpuWork.ForChunks(m, (m + workers - 1) / workers, workers, (first, end) =>
        {
            var vector = new ReadOnlySpan<T>(x, k);
            for (int row = first; row < end; row++)
            {
                T dot = TensorPrimitives.Dot(new ReadOnlySpan<T>(a.At(row, 0), k), vector);
                T* target = c.At(row, 0);
                *target = beta == T.Zero ? alpha * dot : (alpha * dot) + (beta * *target);
            }
        });
    }

    private static void VectorMatrix<T>(int n, int k, StridedMatrix<T> x, StridedMatrix<T> b, T* c, T alpha, T beta, int workers)
        where T : unmanaged, INumber<T>
    {
        // Each worker one share of C's columns (whole vectors), cut into L1-sized blocks.
        int share = Math.Min(ColumnBlock, RoundUp((n + workers - 1) / workers, 64));
        CpuWork.ForChunks(n, share, workers, (first, end) =>
        {
            for (int start = first; start < end; start += ColumnBlock)
            {
                var output = new Span<T>(c + start, Math.Min(ColumnBlock, end - start));
                if (beta == T.Zero)
                {
                    output.Clear();
                }
                else
                {
                    TensorPrimitives.Multiply(output, beta, output);
                }

                int p = 0;
                for (; p + 4 <= k; p += 4)
                {
                    AddRows4(output, b.At(p, start), b.RowStride, alpha * *x.At(0, p), alpha * *x.At(0, p + 1), alpha * *x.At(0, p + 2),
                        alpha * *x.At(0, p + 3));
                }

                for (; p < k; p++)
                {
                    TensorPrimitives.MultiplyAdd(new ReadOnlySpan<T>(b.At(p, start), output.Length), alpha * *x.At(0, p), output, output);
                }
            }
        });
    }

    /// <summary>
    /// <paramref name="output"/> += s0 * row 0 + … + s3 * row 3 of the rows at <paramref name="rows"/>, added in that
    /// order: one pass over the block of C for four rows of B, where a <c>MultiplyAdd</c> per row reads and writes it
    /// four times.
    /// </summary>
    private static void AddRows4<T>(Span<T> output, T* rows, long rowStride, T s0, T s1, T s2, T s3) where T : unmanaged, INumber<T>
    {
        T* r0 = rows;
        T* r1 = rows + rowStride;
        T* r2 = r1 + rowStride;
        T* r3 = r2 + rowStride;
        int j = 0;
        if (Vector.IsHardwareAccelerated)
        {
            Vector<T> v0 = new(s0), v1 = new(s1), v2 = new(s2), v3 = new(s3);
            fixed (T* o = output)
            {
                for (; j <= output.Length - Vector<T>.Count; j += Vector<T>.Count)
                {
                    Vector<T> sum = Vector.Load(o + j) + (v0 * Vector.Load(r0 + j));
                    sum += v1 * Vector.Load(r1 + j);
                    sum += v2 * Vector.Load(r2 + j);
                    sum += v3 * Vector.Load(r3 + j);
                    sum.Store(o + j);
                }
            }
        }

        for (; j < output.Length; j++)
        {
            output[j] = output[j] + (s0 * r0[j]) + (s1 * r1[j]) + (s2 * r2[j]) + (s3 * r3[j]);
        }
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}

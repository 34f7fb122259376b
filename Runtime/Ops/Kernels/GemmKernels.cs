using System;
using System.Numerics;

namespace Tandem.Ops.Kernels;

/// <summary>
/// Tiled matrix products on the GPU: <c>C = alpha * A B + beta * C</c> for a batch of (M, K) by (K, N) products, each
/// operand read through an offset and a row, column and batch stride (in elements), so transposed and strided views
/// need no copy.
/// </summary>
/// <remarks>
/// <para>
/// Each group computes one tile of C, walking K one slab of <c>TileK</c> at a time: its threads copy the slab of A and
/// of B into group-shared memory (the next slab is read from memory while the current one is computed, into the other
/// half of a double buffer), then each thread multiplies the slabs into its own block of outputs, held in registers.
/// A is stored transposed in shared memory (k-major), so that a thread reads four consecutive rows as one
/// <see cref="Vector4"/>, and its rows are padded by one <see cref="Vector4"/> so the transposed stores spread over
/// the memory banks. In the 128 x 128 kernel a thread's 8 x 8 block is split into halves 64 apart (rows and columns), so
/// neighbouring threads read neighbouring vectors.
/// </para>
/// <para>
/// A thread loads four consecutive rows of A (or columns of B) at one k. Which thread takes which four depends on
/// the operand's layout: along K when K is contiguous (<c>columnStride == 1</c> for A), along M otherwise, so the
/// threads of a warp read neighbouring addresses either way. Elements outside the matrices read as 0 and outputs
/// outside C are not written, so any M, N and K work. The only loop is the one over slabs (the inner loops have
/// constant bounds); <see cref="Linalg.GpuGemm"/> splits K across launches where a driver limits a thread's loop iterations.
/// </para>
/// </remarks>
internal static partial class GemmKernels
{
    /// <summary>Rows and columns of C per group in <c>GemmFloat128</c>.</summary>
    public const int Large = 128;

    /// <summary>Rows and columns of C per group in <c>GemmFloat64</c> and <c>GemmDouble64</c>.</summary>
    public const int Medium = 64;

    /// <summary>
    /// The four rows (or columns) and the k that thread <paramref name="thread"/> copies into a slab of
    /// <paramref name="tileK"/> by <paramref name="rowVectors"/> vectors: consecutive threads take consecutive k when
    /// the operand is contiguous along K, else consecutive vectors, so a warp reads neighbouring addresses either way.
    /// </summary>
    private static void SlabSlot(int thread, bool alongK, int tileK, int rowVectors, out int vector, out int k)
    {
        vector = alongK ? thread / tileK : thread & (rowVectors - 1);
        k = alongK ? thread & (tileK - 1) : thread / rowVectors;
    }

    /// <summary>
    /// Four consecutive elements along one axis (<paramref name="first"/> and the next three, <paramref name="stride4"/>
    /// apart) at <paramref name="other"/> on the other axis; 0 for those outside the matrix.
    /// </summary>
    private static Vector4 Load4(ReadOnlySpan<float> source, int start, int stride4, int strideOther, int first, int other, int length4, int lengthOther)
    {
        Vector4 result = Vector4.Zero;
        if (other < lengthOther)
        {
            int at = start + (other * strideOther) + (first * stride4);
            if (first < length4)
            {
                result.X = source[at];
            }

            if (first + 1 < length4)
            {
                result.Y = source[at + stride4];
            }

            if (first + 2 < length4)
            {
                result.Z = source[at + (2 * stride4)];
            }

            if (first + 3 < length4)
            {
                result.W = source[at + (3 * stride4)];
            }
        }

        return result;
    }

    /// <summary>Adds the outer product of four rows (<paramref name="a"/>) and eight columns (<paramref name="b0"/>, <paramref name="b1"/>).</summary>
    private static void Outer4x8(Vector4 a, Vector4 b0, Vector4 b1, ref Vector4 c00, ref Vector4 c01, ref Vector4 c10, ref Vector4 c11,
        ref Vector4 c20, ref Vector4 c21, ref Vector4 c30, ref Vector4 c31)
    {
        c00 = Fma(a.X, b0, c00);
        c01 = Fma(a.X, b1, c01);
        c10 = Fma(a.Y, b0, c10);
        c11 = Fma(a.Y, b1, c11);
        c20 = Fma(a.Z, b0, c20);
        c21 = Fma(a.Z, b1, c21);
        c30 = Fma(a.W, b0, c30);
        c31 = Fma(a.W, b1, c31);
    }

    /// <summary><c>s * v + acc</c>, fused per component (one rounding, as the GPU's fma).</summary>
    private static Vector4 Fma(float s, Vector4 v, Vector4 acc) => new Vector4(
        MathF.FusedMultiplyAdd(s, v.X, acc.X), MathF.FusedMultiplyAdd(s, v.Y, acc.Y),
        MathF.FusedMultiplyAdd(s, v.Z, acc.Z), MathF.FusedMultiplyAdd(s, v.W, acc.W));

    /// <summary>Writes four rows of eight outputs: columns <paramref name="column0"/>.. and <paramref name="column1"/>.., four each.</summary>
    private static void Store4x8(Span<float> c, int start, int rowStride, int columnStride, int m, int n, float alpha, float beta,
        int row, int column0, int column1, Vector4 c00, Vector4 c01, Vector4 c10, Vector4 c11, Vector4 c20, Vector4 c21, Vector4 c30, Vector4 c31)
    {
        Store4(c, start, rowStride, columnStride, m, n, alpha, beta, row, column0, c00);
        Store4(c, start, rowStride, columnStride, m, n, alpha, beta, row, column1, c01);
        Store4(c, start, rowStride, columnStride, m, n, alpha, beta, row + 1, column0, c10);
        Store4(c, start, rowStride, columnStride, m, n, alpha, beta, row + 1, column1, c11);
        Store4(c, start, rowStride, columnStride, m, n, alpha, beta, row + 2, column0, c20);
        Store4(c, start, rowStride, columnStride, m, n, alpha, beta, row + 2, column1, c21);
        Store4(c, start, rowStride, columnStride, m, n, alpha, beta, row + 3, column0, c30);
        Store4(c, start, rowStride, columnStride, m, n, alpha, beta, row + 3, column1, c31);
    }

    /// <summary>Writes <c>alpha * value + beta * C</c> to four consecutive columns of one row, those inside C only.</summary>
    private static void Store4(Span<float> c, int start, int rowStride, int columnStride, int m, int n, float alpha, float beta,
        int row, int column, Vector4 value)
    {
        if (row < m)
        {
            int at = start + (row * rowStride) + (column * columnStride);
            if (column < n)
            {
                c[at] = Scale(c, at, alpha, beta, value.X);
            }

            if (column + 1 < n)
            {
                c[at + columnStride] = Scale(c, at + columnStride, alpha, beta, value.Y);
            }

            if (column + 2 < n)
            {
                c[at + (2 * columnStride)] = Scale(c, at + (2 * columnStride), alpha, beta, value.Z);
            }

            if (column + 3 < n)
            {
                c[at + (3 * columnStride)] = Scale(c, at + (3 * columnStride), alpha, beta, value.W);
            }
        }
    }

    /// <summary><c>alpha * value + beta * c[at]</c>; C is not read when beta is 0 (it may hold anything, NaN included).</summary>
    private static float Scale(Span<float> c, int at, float alpha, float beta, float value)
        => beta == 0f ? alpha * value : (alpha * value) + (beta * c[at]);
}

using System;
using System.Numerics;

namespace Tandem.Ops.Kernels;

// The float kernels; the layout they share is described on the class (GemmKernels.cs).
internal static partial class GemmKernels
{
    /// <summary>
    /// A 128 x 128 tile of C per group of 16 x 16 threads, each computing 8 x 8 outputs from slabs of 8 along K.
    /// </summary>
    [Kernel(16, 16)]
    public static void GemmFloat128(Index3D id, int m, int n, int k,
        int aOffset, int aRowStride, int aColumnStride, int aBatchStride,
        int bOffset, int bRowStride, int bColumnStride, int bBatchStride,
        int cOffset, int cRowStride, int cColumnStride, int cBatchStride,
        float alpha, float beta, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c)
    {
        const int TileK = 8;
        const int RowVectors = Large / 4;
        const int PaddedRowVectors = RowVectors + 1;
        const int SlabA = TileK * PaddedRowVectors;
        const int SlabB = TileK * RowVectors;
        Span<Vector4> tileA = Group.Shared<Vector4>(2 * SlabA);
        Span<Vector4> tileB = Group.Shared<Vector4>(2 * SlabB);
        int tx = Group.ThreadIndex.X;
        int ty = Group.ThreadIndex.Y;
        int thread = (ty * 16) + tx;
        int rowBase = Group.Index.Y * Large;
        int columnBase = Group.Index.X * Large;
        int aStart = aOffset + (Group.Index.Z * aBatchStride);
        int bStart = bOffset + (Group.Index.Z * bBatchStride);

        // The four rows of A and four columns of B this thread copies into shared memory, and the k of each.
        SlabSlot(thread, aColumnStride == 1, TileK, RowVectors, out int aVector, out int aK);
        SlabSlot(thread, bRowStride == 1, TileK, RowVectors, out int bVector, out int bK);
        int aRow = rowBase + (aVector * 4);
        int bColumn = columnBase + (bVector * 4);

        tileA[(aK * PaddedRowVectors) + aVector] = Load4(a, aStart, aRowStride, aColumnStride, aRow, aK, m, k);
        tileB[(bK * RowVectors) + bVector] = Load4(b, bStart, bColumnStride, bRowStride, bColumn, bK, n, k);
        Group.Barrier();

        Vector4 c00 = Vector4.Zero, c01 = Vector4.Zero, c10 = Vector4.Zero, c11 = Vector4.Zero;
        Vector4 c20 = Vector4.Zero, c21 = Vector4.Zero, c30 = Vector4.Zero, c31 = Vector4.Zero;
        Vector4 c40 = Vector4.Zero, c41 = Vector4.Zero, c50 = Vector4.Zero, c51 = Vector4.Zero;
        Vector4 c60 = Vector4.Zero, c61 = Vector4.Zero, c70 = Vector4.Zero, c71 = Vector4.Zero;
        int slabs = (k + TileK - 1) / TileK;
        for (int slab = 0; slab < slabs; slab++)
        {
            int current = slab & 1;
            Vector4 nextA = Vector4.Zero;
            Vector4 nextB = Vector4.Zero;
            if (slab + 1 < slabs)
            {
                int kNext = (slab + 1) * TileK;
                nextA = Load4(a, aStart, aRowStride, aColumnStride, aRow, kNext + aK, m, k);
                nextB = Load4(b, bStart, bColumnStride, bRowStride, bColumn, kNext + bK, n, k);
            }

            int baseA = (current * SlabA) + ty;
            int baseB = (current * SlabB) + tx;
            for (int p = 0; p < TileK; p++)
            {
                Vector4 a0 = tileA[baseA + (p * PaddedRowVectors)];
                Vector4 a1 = tileA[baseA + (p * PaddedRowVectors) + (RowVectors / 2)];
                Vector4 b0 = tileB[baseB + (p * RowVectors)];
                Vector4 b1 = tileB[baseB + (p * RowVectors) + (RowVectors / 2)];
                Outer4x8(a0, b0, b1, ref c00, ref c01, ref c10, ref c11, ref c20, ref c21, ref c30, ref c31);
                Outer4x8(a1, b0, b1, ref c40, ref c41, ref c50, ref c51, ref c60, ref c61, ref c70, ref c71);
            }

            if (slab + 1 < slabs)
            {
                int next = 1 - current;
                tileA[(next * SlabA) + (aK * PaddedRowVectors) + aVector] = nextA;
                tileB[(next * SlabB) + (bK * RowVectors) + bVector] = nextB;
            }

            Group.Barrier();
        }

        int row = rowBase + (ty * 4);
        int column = columnBase + (tx * 4);
        int cStart = cOffset + (Group.Index.Z * cBatchStride);
        const int Half = Large / 2;
        Store4x8(c, cStart, cRowStride, cColumnStride, m, n, alpha, beta, row, column, column + Half, c00, c01, c10, c11, c20, c21, c30, c31);
        Store4x8(c, cStart, cRowStride, cColumnStride, m, n, alpha, beta, row + Half, column, column + Half, c40, c41, c50, c51, c60, c61, c70, c71);
    }


    /// <summary>
    /// A 64 x 64 tile of C per group of 16 x 16 threads, each computing 4 x 4 outputs from slabs of 16 along K: four
    /// times the groups of <c>GemmFloat128</c> for matrices too small to fill the GPU with 128 x 128 tiles.
    /// </summary>
    [Kernel(16, 16)]
    public static void GemmFloat64(Index3D id, int m, int n, int k,
        int aOffset, int aRowStride, int aColumnStride, int aBatchStride,
        int bOffset, int bRowStride, int bColumnStride, int bBatchStride,
        int cOffset, int cRowStride, int cColumnStride, int cBatchStride,
        float alpha, float beta, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c)
    {
        const int TileK = 16;
        const int RowVectors = Medium / 4;
        const int PaddedRowVectors = RowVectors + 1;
        const int SlabA = TileK * PaddedRowVectors;
        const int SlabB = TileK * RowVectors;
        Span<Vector4> tileA = Group.Shared<Vector4>(2 * SlabA);
        Span<Vector4> tileB = Group.Shared<Vector4>(2 * SlabB);
        int tx = Group.ThreadIndex.X;
        int ty = Group.ThreadIndex.Y;
        int thread = (ty * 16) + tx;
        int rowBase = Group.Index.Y * Medium;
        int columnBase = Group.Index.X * Medium;
        int aStart = aOffset + (Group.Index.Z * aBatchStride);
        int bStart = bOffset + (Group.Index.Z * bBatchStride);

        SlabSlot(thread, aColumnStride == 1, TileK, RowVectors, out int aVector, out int aK);
        SlabSlot(thread, bRowStride == 1, TileK, RowVectors, out int bVector, out int bK);
        int aRow = rowBase + (aVector * 4);
        int bColumn = columnBase + (bVector * 4);

        tileA[(aK * PaddedRowVectors) + aVector] = Load4(a, aStart, aRowStride, aColumnStride, aRow, aK, m, k);
        tileB[(bK * RowVectors) + bVector] = Load4(b, bStart, bColumnStride, bRowStride, bColumn, bK, n, k);
        Group.Barrier();

        Vector4 c0 = Vector4.Zero, c1 = Vector4.Zero, c2 = Vector4.Zero, c3 = Vector4.Zero;
        int slabs = (k + TileK - 1) / TileK;
        for (int slab = 0; slab < slabs; slab++)
        {
            int current = slab & 1;
            Vector4 nextA = Vector4.Zero;
            Vector4 nextB = Vector4.Zero;
            if (slab + 1 < slabs)
            {
                int kNext = (slab + 1) * TileK;
                nextA = Load4(a, aStart, aRowStride, aColumnStride, aRow, kNext + aK, m, k);
                nextB = Load4(b, bStart, bColumnStride, bRowStride, bColumn, kNext + bK, n, k);
            }

            int baseA = (current * SlabA) + ty;
            int baseB = (current * SlabB) + tx;
            for (int p = 0; p < TileK; p++)
            {
                Vector4 a0 = tileA[baseA + (p * PaddedRowVectors)];
                Vector4 b0 = tileB[baseB + (p * RowVectors)];
                c0 = Fma(a0.X, b0, c0);
                c1 = Fma(a0.Y, b0, c1);
                c2 = Fma(a0.Z, b0, c2);
                c3 = Fma(a0.W, b0, c3);
            }

            if (slab + 1 < slabs)
            {
                int next = 1 - current;
                tileA[(next * SlabA) + (aK * PaddedRowVectors) + aVector] = nextA;
                tileB[(next * SlabB) + (bK * RowVectors) + bVector] = nextB;
            }

            Group.Barrier();
        }

        int row = rowBase + (ty * 4);
        int column = columnBase + (tx * 4);
        int cStart = cOffset + (Group.Index.Z * cBatchStride);
        Store4(c, cStart, cRowStride, cColumnStride, m, n, alpha, beta, row, column, c0);
        Store4(c, cStart, cRowStride, cColumnStride, m, n, alpha, beta, row + 1, column, c1);
        Store4(c, cStart, cRowStride, cColumnStride, m, n, alpha, beta, row + 2, column, c2);
        Store4(c, cStart, cRowStride, cColumnStride, m, n, alpha, beta, row + 3, column, c3);
    }
}

using System;

namespace Tandem.Ops.Kernels;

// The double kernel: the layout of the float ones (GemmKernels.cs) with scalar elements, as HLSL has no vectors of
// doubles that System.Numerics could name. A thread's 4 x 4 outputs are 16 rows and columns apart, so the threads of
// a warp read neighbouring doubles of the shared slabs.
internal static partial class GemmKernels
{
    /// <summary>A 64 x 64 tile of C per group of 16 x 16 threads, each computing 4 x 4 outputs from slabs of 8 along K.</summary>
    [Kernel(16, 16)]
    public static void GemmDouble64(Index3D id, int m, int n, int k,
        int aOffset, int aRowStride, int aColumnStride, int aBatchStride,
        int bOffset, int bRowStride, int bColumnStride, int bBatchStride,
        int cOffset, int cRowStride, int cColumnStride, int cBatchStride,
        double alpha, double beta, ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c)
    {
        const int TileK = 8;
        const int PaddedRows = Medium + 1;
        const int SlabA = TileK * PaddedRows;
        const int SlabB = TileK * Medium;
        Span<double> tileA = Group.Shared<double>(2 * SlabA);
        Span<double> tileB = Group.Shared<double>(2 * SlabB);
        int tx = Group.ThreadIndex.X;
        int ty = Group.ThreadIndex.Y;
        int thread = (ty * 16) + tx;
        int rowBase = Group.Index.Y * Medium;
        int columnBase = Group.Index.X * Medium;
        int aStart = aOffset + (Group.Index.Z * aBatchStride);
        int bStart = bOffset + (Group.Index.Z * bBatchStride);

        // Each thread copies two elements of each slab: (row, k) and (row + rowStep, k + kStep).
        bool aAlongK = aColumnStride == 1;
        int aRow = rowBase + (aAlongK ? thread / TileK : thread & (Medium - 1));
        int aK = aAlongK ? thread & (TileK - 1) : thread / Medium;
        int aRowStep = aAlongK ? 256 / TileK : 0;
        int aKStep = aAlongK ? 0 : 256 / Medium;
        bool bAlongK = bRowStride == 1;
        int bColumn = columnBase + (bAlongK ? thread / TileK : thread & (Medium - 1));
        int bK = bAlongK ? thread & (TileK - 1) : thread / Medium;
        int bColumnStep = bAlongK ? 256 / TileK : 0;
        int bKStep = bAlongK ? 0 : 256 / Medium;
        int aSlot0 = (aK * PaddedRows) + aRow - rowBase;
        int aSlot1 = ((aK + aKStep) * PaddedRows) + aRow + aRowStep - rowBase;
        int bSlot0 = (bK * Medium) + bColumn - columnBase;
        int bSlot1 = ((bK + bKStep) * Medium) + bColumn + bColumnStep - columnBase;

        tileA[aSlot0] = LoadDouble(a, aStart, aRowStride, aColumnStride, aRow, aK, m, k);
        tileA[aSlot1] = LoadDouble(a, aStart, aRowStride, aColumnStride, aRow + aRowStep, aK + aKStep, m, k);
        tileB[bSlot0] = LoadDouble(b, bStart, bColumnStride, bRowStride, bColumn, bK, n, k);
        tileB[bSlot1] = LoadDouble(b, bStart, bColumnStride, bRowStride, bColumn + bColumnStep, bK + bKStep, n, k);
        Group.Barrier();

        double c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        double c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        int slabs = (k + TileK - 1) / TileK;
        for (int slab = 0; slab < slabs; slab++)
        {
            int current = slab & 1;
            double nextA0 = 0, nextA1 = 0, nextB0 = 0, nextB1 = 0;
            if (slab + 1 < slabs)
            {
                int kNext = (slab + 1) * TileK;
                nextA0 = LoadDouble(a, aStart, aRowStride, aColumnStride, aRow, kNext + aK, m, k);
                nextA1 = LoadDouble(a, aStart, aRowStride, aColumnStride, aRow + aRowStep, kNext + aK + aKStep, m, k);
                nextB0 = LoadDouble(b, bStart, bColumnStride, bRowStride, bColumn, kNext + bK, n, k);
                nextB1 = LoadDouble(b, bStart, bColumnStride, bRowStride, bColumn + bColumnStep, kNext + bK + bKStep, n, k);
            }

            int baseA = (current * SlabA) + ty;
            int baseB = (current * SlabB) + tx;
            for (int p = 0; p < TileK; p++)
            {
                int atA = baseA + (p * PaddedRows);
                int atB = baseB + (p * Medium);
                double a0 = tileA[atA], a1 = tileA[atA + 16], a2 = tileA[atA + 32], a3 = tileA[atA + 48];
                double b0 = tileB[atB], b1 = tileB[atB + 16], b2 = tileB[atB + 32], b3 = tileB[atB + 48];
                c00 = Math.FusedMultiplyAdd(a0, b0, c00);
                c01 = Math.FusedMultiplyAdd(a0, b1, c01);
                c02 = Math.FusedMultiplyAdd(a0, b2, c02);
                c03 = Math.FusedMultiplyAdd(a0, b3, c03);
                c10 = Math.FusedMultiplyAdd(a1, b0, c10);
                c11 = Math.FusedMultiplyAdd(a1, b1, c11);
                c12 = Math.FusedMultiplyAdd(a1, b2, c12);
                c13 = Math.FusedMultiplyAdd(a1, b3, c13);
                c20 = Math.FusedMultiplyAdd(a2, b0, c20);
                c21 = Math.FusedMultiplyAdd(a2, b1, c21);
                c22 = Math.FusedMultiplyAdd(a2, b2, c22);
                c23 = Math.FusedMultiplyAdd(a2, b3, c23);
                c30 = Math.FusedMultiplyAdd(a3, b0, c30);
                c31 = Math.FusedMultiplyAdd(a3, b1, c31);
                c32 = Math.FusedMultiplyAdd(a3, b2, c32);
                c33 = Math.FusedMultiplyAdd(a3, b3, c33);
            }

            if (slab + 1 < slabs)
            {
                int next = 1 - current;
                tileA[(next * SlabA) + aSlot0] = nextA0;
                tileA[(next * SlabA) + aSlot1] = nextA1;
                tileB[(next * SlabB) + bSlot0] = nextB0;
                tileB[(next * SlabB) + bSlot1] = nextB1;
            }

            Group.Barrier();
        }

        int row = rowBase + ty;
        int column = columnBase + tx;
        int cStart = cOffset + (Group.Index.Z * cBatchStride);
        StoreDoubleRow(c, cStart, cRowStride, cColumnStride, m, n, alpha, beta, row, column, c00, c01, c02, c03);
        StoreDoubleRow(c, cStart, cRowStride, cColumnStride, m, n, alpha, beta, row + 16, column, c10, c11, c12, c13);
        StoreDoubleRow(c, cStart, cRowStride, cColumnStride, m, n, alpha, beta, row + 32, column, c20, c21, c22, c23);
        StoreDoubleRow(c, cStart, cRowStride, cColumnStride, m, n, alpha, beta, row + 48, column, c30, c31, c32, c33);
    }

    /// <summary>The element at (<paramref name="row"/>, <paramref name="column"/>), or 0 outside the matrix.</summary>
    private static double LoadDouble(ReadOnlySpan<double> source, int start, int rowStride, int columnStride, int row, int column, int rows, int columns)
    {
        double value = 0;
        if (row < rows && column < columns)
        {
            value = source[start + (row * rowStride) + (column * columnStride)];
        }

        return value;
    }

    /// <summary>Writes four outputs of one row, 16 columns apart, those inside C only.</summary>
    private static void StoreDoubleRow(Span<double> c, int start, int rowStride, int columnStride, int m, int n, double alpha, double beta,
        int row, int column, double v0, double v1, double v2, double v3)
    {
        if (row < m)
        {
            int at = start + (row * rowStride) + (column * columnStride);
            int step = 16 * columnStride;
            if (column < n)
            {
                c[at] = ScaleDouble(c, at, alpha, beta, v0);
            }

            if (column + 16 < n)
            {
                c[at + step] = ScaleDouble(c, at + step, alpha, beta, v1);
            }

            if (column + 32 < n)
            {
                c[at + (2 * step)] = ScaleDouble(c, at + (2 * step), alpha, beta, v2);
            }

            if (column + 48 < n)
            {
                c[at + (3 * step)] = ScaleDouble(c, at + (3 * step), alpha, beta, v3);
            }
        }
    }

    /// <summary><c>alpha * value + beta * c[at]</c>; C is not read when beta is 0.</summary>
    private static double ScaleDouble(Span<double> c, int at, double alpha, double beta, double value)
        => beta == 0 ? alpha * value : (alpha * value) + (beta * c[at]);
}

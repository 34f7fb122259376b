using System;
using System.Threading;

namespace Tandem.Runtime.Tests.Kernels;

/// <summary>
/// Kernels that share memory within a thread group. Called directly they behave as a group of one thread (see
/// <see cref="Group"/>), so their tests compare against plain reference loops written in the tests.
/// </summary>
public static partial class GroupKernels
{
    public const int Tile = 8;
    public const int BlockSize = 64;
    public const int Bins = 16;

    /// <summary>C = A (m x k) * B (k x n), tile by tile through group-shared memory; k a multiple of Tile.</summary>
    [Kernel(Tile, Tile)]
    public static void TiledMatMul(Index2D id, int k, int n, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c)
    {
        Span<float> tileA = Group.Shared<float>(Tile * Tile);
        Span<float> tileB = Group.Shared<float>(Tile * Tile);
        int tx = Group.ThreadIndex.X;
        int ty = Group.ThreadIndex.Y;
        float acc = 0;
        for (int t = 0; t < k / Tile; t++)
        {
            tileA[ty * Tile + tx] = a[id.Y * k + t * Tile + tx];
            tileB[ty * Tile + tx] = b[(t * Tile + ty) * n + id.X];
            Group.Barrier();
            for (int p = 0; p < Tile; p++)
                acc += tileA[ty * Tile + p] * tileB[p * Tile + tx];
            Group.Barrier();
        }

        c[id.Y * n + id.X] = acc;
    }

    /// <summary>One partial sum per group of BlockSize elements: a tree reduction in shared memory.</summary>
    [Kernel(BlockSize)]
    public static void BlockSum(int i, ReadOnlySpan<float> x, Span<float> partial)
    {
        Span<float> scratch = Group.Shared<float>(BlockSize);
        int t = Group.ThreadIndex.X;
        scratch[t] = i < x.Length ? x[i] : 0f;
        Group.Barrier();
        for (int stride = Group.Size.X / 2; stride > 0; stride /= 2)
        {
            if (t < stride)
                scratch[t] += scratch[t + stride];
            Group.Barrier();
        }

        if (t == 0)
            partial[Group.Index.X] = scratch[0];
    }

    /// <summary>A histogram counted per group in shared memory, then added to the global one.</summary>
    [Kernel(BlockSize)]
    public static void SharedHistogram(int i, ReadOnlySpan<int> values, Span<int> histogram)
    {
        Span<int> local = Group.Shared<int>(Bins);
        int t = Group.ThreadIndex.X;
        if (t < Bins)
            local[t] = 0;
        Group.Barrier();
        if (i < values.Length)
            Interlocked.Increment(ref local[values[i] & (Bins - 1)]);
        Group.Barrier();
        if (t < Bins)
            Interlocked.Add(ref histogram[t], local[t]);
    }

    /// <summary>Each thread writes its global index and its place in the group; threads past n skip the work.</summary>
    [Kernel(4, 2)]
    public static void GroupCoordinates(Index2D id, int width, Span<int> output)
    {
        int slot = (id.Y * width + id.X) * 4;
        output[slot] = Group.ThreadIndex.X + 10 * Group.ThreadIndex.Y;
        output[slot + 1] = Group.Index.X + 10 * Group.Index.Y;
        output[slot + 2] = Group.Size.X * 100 + Group.Size.Y;
        if (id.X == width - 1)
            return;
        output[slot + 3] = 1;
    }
}

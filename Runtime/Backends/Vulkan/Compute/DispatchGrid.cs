using System;
using System.Collections.Generic;

namespace Tandem.Backends.Vulkan.Compute;

/// <summary>
/// The group counts of one <c>vkCmdDispatch</c> and the values of the uniform header the generated HLSL reads.
/// </summary>
/// <remarks>
/// 1D kernels whose group count exceeds <c>maxComputeWorkGroupCount[0]</c> are folded into Y: the shader then
/// computes <c>i = id.y * dispatchWidth + id.x</c> and skips <c>i &gt;= extentX</c>. 2D and 3D kernels map
/// directly. Any extent runs: where <see cref="Groups"/> exceeds the device's group count along an axis, the recorder
/// splits the grid into <see cref="Chunks"/>, each one <c>vkCmdDispatchBase</c> whose base offsets the group ids, so
/// the shader sees the thread and group indices of one dispatch.
/// </remarks>
/// <param name="Groups">The group counts of the whole grid along each axis.</param>
/// <param name="Extent">The logical extent (threads along each axis).</param>
/// <param name="DispatchWidth">Threads along X per row of groups: <c>Groups.X * groupSize.X</c>.</param>
internal readonly record struct DispatchGrid(Index3D Groups, Index3D Extent, int DispatchWidth)
{
    /// <summary>True when there is nothing to run (an extent of 0 along some axis).</summary>
    public bool IsEmpty => Groups.X == 0 || Groups.Y == 0 || Groups.Z == 0;

    /// <summary>Computes the grid.</summary>
    /// <param name="rank">1, 2 or 3: the rank of the kernel's thread index.</param>
    /// <param name="extent">Threads along each axis (1 for unused axes).</param>
    /// <param name="groupSize">The shader's <c>[numthreads]</c>.</param>
    /// <param name="maxGroupCount">The device's <c>maxComputeWorkGroupCount</c>.</param>
    /// <param name="elementsPerThread">
    /// For 1D kernels, the consecutive elements each thread handles (a wide entry point's 4): the grid covers
    /// <c>ceil(extent.X / elementsPerThread)</c> threads, while <see cref="Extent"/> stays the kernel's extent.
    /// </param>
    public static DispatchGrid Compute(int rank, Index3D extent, Index3D groupSize, Index3D maxGroupCount, int elementsPerThread = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(elementsPerThread, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(rank, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rank, 3);
        if (extent.X < 0 || extent.Y < 0 || extent.Z < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(extent), extent, "An extent cannot be negative.");
        }

        if (groupSize.X < 1 || groupSize.Y < 1 || groupSize.Z < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(groupSize), groupSize, "A group size must be at least 1 along each axis.");
        }

        if (rank == 1 && (extent.Y != 1 || extent.Z != 1))
        {
            throw new ArgumentException($"A 1D kernel's extent must be (n, 1, 1), not {extent}.", nameof(extent));
        }

        if (rank != 1 && elementsPerThread != 1)
        {
            throw new ArgumentException("Only 1D kernels spread several elements over one thread.", nameof(elementsPerThread));
        }

        long gx = CeilDiv(CeilDiv(extent.X, elementsPerThread), groupSize.X), gy = CeilDiv(extent.Y, groupSize.Y), gz = CeilDiv(extent.Z, groupSize.Z);
        if (rank == 1 && gx > maxGroupCount.X)
        {
            // Fold into Y, balanced so the last row wastes as little as possible.
            long rows = CeilDiv(gx, maxGroupCount.X);
            long perRow = CeilDiv(gx, rows);
            return new DispatchGrid(new Index3D((int)perRow, (int)rows, 1), extent, checked((int)(perRow * groupSize.X)));
        }

        return new DispatchGrid(new Index3D((int)gx, (int)gy, (int)gz), extent, checked((int)Math.Min(int.MaxValue, gx * groupSize.X)));
    }

    /// <summary>True when one <c>vkCmdDispatch</c> covers the grid: no axis has more groups than <paramref name="maxGroupCount"/>.</summary>
    public bool FitsOneDispatch(Index3D maxGroupCount)
        => Groups.X <= maxGroupCount.X && Groups.Y <= maxGroupCount.Y && Groups.Z <= maxGroupCount.Z;

    /// <summary>
    /// The dispatches that cover the grid when it does not fit one: each names its first group (the base) and its group
    /// counts, at most <paramref name="maxGroupCount"/> along each axis, X fastest.
    /// </summary>
    public IEnumerable<(Index3D Base, Index3D Count)> Chunks(Index3D maxGroupCount)
    {
        for (int z = 0; z < Groups.Z; z += maxGroupCount.Z)
        {
            for (int y = 0; y < Groups.Y; y += maxGroupCount.Y)
            {
                for (int x = 0; x < Groups.X; x += maxGroupCount.X)
                {
                    yield return (new Index3D(x, y, z), new Index3D(
                        Math.Min(maxGroupCount.X, Groups.X - x), Math.Min(maxGroupCount.Y, Groups.Y - y), Math.Min(maxGroupCount.Z, Groups.Z - z)));
                }
            }
        }
    }

    private static long CeilDiv(long a, long b) => (a + b - 1) / b;
}

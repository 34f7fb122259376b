using System;
using Tandem.Ops.Kernels;

namespace Tandem.Ops.Linalg;

/// <summary>
/// Queues a GEMM on a GPU stream: picks the tiled kernel (<see cref="GemmTuning"/>), and splits the product into
/// launches where one would exceed what every Vulkan device allows (65,535 groups along an axis) or the device's
/// loop limit (<see cref="GemmTuning.MaxKPerLaunch"/>). A split along K adds each later part to C (beta = 1).
/// </summary>
internal static class GpuGemm
{
    /// <summary>Thread groups along each axis of one launch that every Vulkan device accepts.</summary>
    private const int MaxGroups = 65_535;

    /// <summary>Threads per group along X and Y in every GEMM kernel.</summary>
    private const int GroupSide = 16;

    public static void Launch<T>(GemmShape shape, GemmOperand<T> a, GemmOperand<T> b, GemmOperand<T> c, T alpha, T beta, GemmTile tile, DeviceStream stream)
        where T : unmanaged
    {
        GemmTuning tuning = GemmTuning.For(stream.Device);
        (GemmLauncher<T> kernel, int tileSize) = Kernel<T>(tile == GemmTile.Auto ? tuning.Choose(shape) : tile);
        int rowsPerLaunch = MaxGroups * tileSize;
        int columnsPerLaunch = MaxGroups * tileSize;
        int depthPerLaunch = Math.Max(1, tuning.MaxKPerLaunch);
        // Long counters: a last step past int.MaxValue must end the loop, not wrap around.
        for (long batch = 0; batch < shape.Batch; batch += MaxGroups)
        {
            int batches = (int)Math.Min(MaxGroups, shape.Batch - batch);
            for (long row = 0; row < shape.M; row += rowsPerLaunch)
            {
                int rows = (int)Math.Min(rowsPerLaunch, shape.M - row);
                for (long column = 0; column < shape.N; column += columnsPerLaunch)
                {
                    int columns = (int)Math.Min(columnsPerLaunch, shape.N - column);
                    var extent = new Index3D(Groups(columns, tileSize) * GroupSide, Groups(rows, tileSize) * GroupSide, batches);

                    // An empty K still runs once: it writes beta * C.
                    int depth = 0;
                    do
                    {
                        int part = Math.Min(depthPerLaunch, shape.K - depth);
                        int aAt = At(a, batch, row, depth);
                        int bAt = At(b, batch, depth, column);
                        int cAt = At(c, batch, row, column);
                        kernel(extent, rows, columns, part,
                            aAt, a.RowStride, a.ColumnStride, a.BatchStride,
                            bAt, b.RowStride, b.ColumnStride, b.BatchStride,
                            cAt, c.RowStride, c.ColumnStride, c.BatchStride,
                            alpha, depth == 0 ? beta : One<T>(), a.Array, b.Array, c.Array, stream);
                        depth += part;
                    }
                    while (depth < shape.K);
                }
            }
        }
    }

    /// <summary>The kernel for <typeparamref name="T"/> and <paramref name="tile"/>, and its tile's side.</summary>
    private static (GemmLauncher<T> Kernel, int TileSize) Kernel<T>(GemmTile tile) where T : unmanaged
    {
        Delegate kernel;
        int size;
        if (typeof(T) == typeof(double))
        {
            (kernel, size) = (new GemmLauncher<double>(GemmKernels.GemmDouble64), GemmKernels.Medium);
        }
        else if (tile == GemmTile.Large)
        {
            (kernel, size) = (new GemmLauncher<float>(GemmKernels.GemmFloat128), GemmKernels.Large);
        }
        else
        {
            (kernel, size) = (new GemmLauncher<float>(GemmKernels.GemmFloat64), GemmKernels.Medium);
        }

        return ((GemmLauncher<T>)kernel, size);
    }

    private static int Groups(int size, int tile) => (size + tile - 1) / tile;

    /// <summary>The offset of element (<paramref name="row"/>, <paramref name="column"/>) of matrix <paramref name="batch"/>.</summary>
    /// <remarks>
    /// Inside the operand's memory (the caller checked its last element is), or past it only along an axis of length 0,
    /// which the kernel never reads; so it fits in an int.
    /// </remarks>
    private static int At<T>(GemmOperand<T> operand, long batch, long row, long column) where T : unmanaged
        => (int)Math.Min(int.MaxValue, operand.Offset + (batch * operand.BatchStride) + (row * operand.RowStride) + (column * operand.ColumnStride));

    private static T One<T>() where T : unmanaged => typeof(T) == typeof(float) ? (T)(object)1f : (T)(object)1.0;
}

using System;

namespace Tandem.Ops.Linalg;

/// <summary>The GPU GEMM kernels: float tiles of 128 x 128 or 64 x 64 (see <c>GemmKernels</c>); double has only the 64.</summary>
internal enum GemmTile
{
    /// <summary>Chosen by <see cref="GemmTuning"/> from the device and the sizes.</summary>
    Auto,

    /// <summary>128 x 128 outputs per group, 8 x 8 per thread: the most work per byte of shared memory read.</summary>
    Large,

    /// <summary>64 x 64 outputs per group, 4 x 4 per thread: four times the groups, for products too small to fill the GPU with large tiles.</summary>
    Medium,
}

/// <summary>
/// How the GPU GEMM is run on one kind of device: which tile, and how much of K one launch may cover. One row per
/// kind of device; the values come from timing every tile on that device (<c>bench/Tandem.DeviceBench</c>, mode
/// <c>gemm</c>).
/// </summary>
/// <param name="Kind">The kind of device, for messages and benchmark output.</param>
/// <param name="LargeTileGroups">
/// The least number of 128 x 128 tiles (over the whole batch) for which large tiles are used: below it, too few groups
/// would keep the device's multiprocessors busy, and the 64 x 64 kernel's four times as many groups win.
/// </param>
/// <param name="MaxKPerLaunch">
/// The most of K one launch covers; a longer K is split into launches that add to C. llvmpipe stops any shader loop
/// after 65,535 iterations in all (Mesa's limit), which a thread walking a long K one slab at a time would reach.
/// </param>
internal sealed record GemmTuning(string Kind, int LargeTileGroups, int MaxKPerLaunch)
{
    private const uint Nvidia = 0x10DE;
    private const uint Amd = 0x1002;

    /// <summary>Software Vulkan (llvmpipe): few cores, each group runs a SIMD loop per thread; the loop limit applies.</summary>
    public static readonly GemmTuning Software = new("software", LargeTileGroups: 4, MaxKPerLaunch: 16384);

    /// <summary>NVIDIA: 100+ multiprocessors (132 on an H100/H200); two waves of large tiles before they pay.</summary>
    public static readonly GemmTuning NvidiaGpu = new("NVIDIA", LargeTileGroups: 256, MaxKPerLaunch: int.MaxValue);

    /// <summary>AMD: compute units in the same range as NVIDIA's multiprocessors.</summary>
    public static readonly GemmTuning AmdGpu = new("AMD", LargeTileGroups: 192, MaxKPerLaunch: int.MaxValue);

    /// <summary>Intel and any other GPU: fewer, smaller cores; large tiles as soon as they fill a few dozen.</summary>
    public static readonly GemmTuning OtherGpu = new("other", LargeTileGroups: 64, MaxKPerLaunch: int.MaxValue);

    /// <summary>The row for the GPU <paramref name="device"/>.</summary>
    public static GemmTuning For(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return device.IsSoftware ? Software
            : device.VendorId == Nvidia ? NvidiaGpu
            : device.VendorId == Amd ? AmdGpu
            : OtherGpu;
    }

    /// <summary>The tile for a float product of <paramref name="shape"/>.</summary>
    public GemmTile Choose(GemmShape shape)
    {
        long largeTiles = (long)Tiles(shape.M, 128) * Tiles(shape.N, 128) * shape.Batch;
        return largeTiles >= LargeTileGroups ? GemmTile.Large : GemmTile.Medium;
    }

    private static long Tiles(int size, int tile) => ((long)size + tile - 1) / tile;
}

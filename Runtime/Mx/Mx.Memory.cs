using Tandem.Devices;

namespace Tandem;

public static partial class Mx
{
    /// <summary>
    /// Bytes used by arrays now, kept in the cache of freed arrays, and at the peak: host memory and GPU memory
    /// together. An array with a copy on each side (on a discrete GPU, one the host and a kernel both used) counts
    /// both; on unified memory one allocation serves both sides and counts once.
    /// </summary>
    public static MemoryInfo Memory => DeviceRegistry.Memory.Statistics;

    /// <summary>
    /// Releases the memory of freed arrays that is kept for reuse (MLX's <c>clear_cache</c>). Arrays in use are not
    /// affected.
    /// </summary>
    public static void ClearCache() => DeviceRegistry.Memory.ReleaseCached();

    /// <summary>
    /// Sets the most bytes of freed arrays kept for reuse, host and GPU memory together (MLX's
    /// <c>set_cache_limit</c>); 0 disables the cache. Lowering the limit releases the cache. The initial limit is
    /// <c>TANDEM_CACHE_LIMIT_MB</c> when set, else the GPU's memory (as in MLX; kept memory is released before an
    /// allocation fails for want of room), else an eighth of the machine's memory.
    /// </summary>
    /// <param name="bytes">The new limit.</param>
    /// <returns>The previous limit.</returns>
    /// <exception cref="System.ArgumentOutOfRangeException">The limit is negative.</exception>
    public static long SetCacheLimit(long bytes) => DeviceRegistry.Memory.SetCacheLimit(bytes);

    /// <summary>Restarts the peak count of <see cref="Memory"/> from the bytes active now.</summary>
    public static void ResetPeakMemory() => DeviceRegistry.Memory.Ledger.ResetPeak();
}

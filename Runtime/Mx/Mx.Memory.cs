using Tandem.Devices;

namespace Tandem;

public static partial class Mx
{
    /// <summary>
    /// Bytes used by arrays now, kept in the cache of freed arrays, and at the peak. With a GPU, arrays live in the
    /// GPU's host-visible (unified) memory, so these are GPU bytes.
    /// </summary>
    public static MemoryInfo Memory => DeviceRegistry.Allocator.Statistics;

    /// <summary>
    /// Releases the memory of freed arrays that is kept for reuse (MLX's <c>clear_cache</c>). Arrays in use are not
    /// affected.
    /// </summary>
    public static void ClearCache() => DeviceRegistry.Allocator.ReleaseCached();

    /// <summary>
    /// Sets the most bytes of freed arrays kept for reuse (MLX's <c>set_cache_limit</c>); 0 disables the cache.
    /// Lowering the limit releases the cache.
    /// </summary>
    /// <param name="bytes">The new limit.</param>
    /// <returns>The previous limit.</returns>
    /// <exception cref="System.ArgumentOutOfRangeException">The limit is negative.</exception>
    public static long SetCacheLimit(long bytes) => DeviceRegistry.Allocator.SetCacheLimit(bytes);

    /// <summary>Restarts the peak count of <see cref="Memory"/> from the bytes active now.</summary>
    public static void ResetPeakMemory() => DeviceRegistry.Allocator.ResetPeak();
}

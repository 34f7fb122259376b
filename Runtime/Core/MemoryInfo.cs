namespace Tandem;

/// <summary>
/// How much memory arrays use (MLX's <c>get_active_memory</c>, <c>get_cache_memory</c>, <c>get_peak_memory</c>), as
/// <see cref="Mx.Memory"/> reports it. With a GPU this is the GPU's unified memory; without one, host memory.
/// </summary>
/// <param name="ActiveBytes">Bytes held by live arrays (and by queued ops that still use disposed ones).</param>
/// <param name="CachedBytes">Bytes of freed arrays kept for reuse; <see cref="Mx.ClearCache"/> releases them.</param>
/// <param name="PeakBytes">The most <paramref name="ActiveBytes"/> reached since start or <see cref="Mx.ResetPeakMemory"/>.</param>
/// <param name="CacheLimitBytes">The most bytes the cache keeps; see <see cref="Mx.SetCacheLimit"/>.</param>
public readonly record struct MemoryInfo(long ActiveBytes, long CachedBytes, long PeakBytes, long CacheLimitBytes);

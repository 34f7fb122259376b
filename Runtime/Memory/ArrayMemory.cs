using System;
using System.Globalization;

namespace Tandem.Memory;

/// <summary>
/// Where arrays' memory comes from: host memory of any size for host copies, the device backend's memory for device
/// copies (or memory both share, on unified devices), and the <see cref="MemoryLedger"/> that counts both and limits
/// what their caches keep. What <see cref="Mx.Memory"/>, <see cref="Mx.ClearCache"/> and
/// <see cref="Mx.SetCacheLimit"/> act on.
/// </summary>
internal sealed class ArrayMemory
{
    /// <summary><c>TANDEM_CACHE_LIMIT_MB=n</c>: the initial limit of the cache of freed memory, in MiB.</summary>
    public const string CacheLimitVariable = "TANDEM_CACHE_LIMIT_MB";

    /// <summary>Without a device, the share of the machine's memory the cache keeps at most by default.</summary>
    private const int HostCacheShare = 8;

    /// <param name="host">Host memory.</param>
    /// <param name="device">The device's memory, or null without a device of its own memory (no GPU).</param>
    /// <param name="ledger">The counters both count into; its limit is set here to the initial cache limit.</param>
    public ArrayMemory(MemoryAllocator host, DeviceMemoryAllocator? device, MemoryLedger ledger)
    {
        Host = host;
        Device = device;
        Ledger = ledger;
        ledger.SetLimit(InitialCacheLimit(device?.DeviceBytes));
    }

    /// <summary>Host memory: host copies of any size.</summary>
    public MemoryAllocator Host { get; }

    /// <summary>The device's memory; null when there is no GPU.</summary>
    public DeviceMemoryAllocator? Device { get; }

    /// <summary>The counters and the cache limit.</summary>
    public MemoryLedger Ledger { get; }

    /// <summary>Active, cached and peak bytes of both sides, and the cache limit.</summary>
    public MemoryInfo Statistics => Ledger.Snapshot();

    /// <summary>Bytes held from the heap and from the device, caches included.</summary>
    public long SourceBytes => Host.SourceBytes + (Device?.SourceBytes ?? 0);

    /// <summary>Gives every cached block back, on both sides.</summary>
    public void ReleaseCached()
    {
        Host.ReleaseCached();
        Device?.ReleaseCached();
    }

    /// <summary>Sets the cache limit (releasing the caches when it goes down); returns the previous one.</summary>
    public long SetCacheLimit(long bytes)
    {
        long previous = Ledger.SetLimit(bytes);
        if (bytes < previous)
        {
            ReleaseCached();
        }

        return previous;
    }

    /// <summary>
    /// <see cref="CacheLimitVariable"/> when set; else, like MLX, the device's memory (freed device memory is released
    /// anyway before an allocation fails for want of room); without a device an eighth of the machine's memory.
    /// </summary>
    public static long InitialCacheLimit(long? deviceBytes)
    {
        if (Environment.GetEnvironmentVariable(CacheLimitVariable) is { } text
            && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long megabytes) && megabytes >= 0)
        {
            return megabytes << 20;
        }

        return deviceBytes ?? GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / HostCacheShare;
    }
}

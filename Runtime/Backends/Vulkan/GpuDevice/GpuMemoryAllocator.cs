using System;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Threading;
using Tandem.Backends.Vulkan.Compute;
using Tandem.Memory;

namespace Tandem.Backends.Vulkan.GpuDevice;

/// <summary>
/// The device copies of arrays (<see cref="GpuAllocation"/>). On unified devices (llvmpipe, integrated GPUs) they are
/// <see cref="MemoryPlacement.Unified"/> memory that the host uses as the arrays' host copies too, so CPU streams and
/// GPU kernels share the bytes with no copies. On a discrete GPU they are the device's own memory (VRAM mapped for CPU
/// writes where all of it is mapped, as on the H100/H200: kernels measured faster on it than on the plain device-local
/// type, docs/PERFORMANCE.md); host copies are then host memory of their own, and bytes move only when the other side
/// needs them. Arrays up to <see cref="SlabPool.MaxSlotBytes"/> come from shared slabs. Freed memory goes to a cache of
/// <see cref="SizeBuckets"/> and is handed out again as it is; the cache is bounded by the <see cref="MemoryLedger"/>'s
/// limit, by default the device's memory.
/// </summary>
/// <remarks>
/// Thread-safe: device copies are made on user threads (at the launch of the op that needs them) and freed by stream
/// workers and finalizers. On out-of-memory the cache is released, then unreachable arrays are finalized, then the
/// allocation is retried once before <see cref="OutOfMemoryException"/> is thrown at the call.
/// </remarks>
internal sealed class GpuMemoryAllocator : DeviceMemoryAllocator
{
    private readonly VulkanContext _context;
    private readonly SlabPool _pool;
    private readonly GpuTransfer _transfer;
    private readonly GpuHostAccess _hostAccess;
    private readonly MemoryLedger _ledger;
    private readonly FreedMemoryCache<GpuAllocation> _cache;
    private long _buffersCreated;

    /// <param name="context">The device.</param>
    /// <param name="transfer">How bytes move between host memory and device copies.</param>
    /// <param name="mirrored">True where host copies are memory of their own (a discrete GPU).</param>
    /// <param name="ledger">The counters and the cache limit shared with host memory.</param>
    public GpuMemoryAllocator(VulkanContext context, GpuTransfer transfer, bool mirrored, MemoryLedger ledger)
    {
        _context = context;
        _transfer = transfer;
        Mirrored = mirrored;
        bool mapped = !mirrored || context.Info.HasFullHostVisibleDeviceMemory;
        _pool = new SlabPool(context, mapped ? MemoryPlacement.Unified : MemoryPlacement.DeviceLocal);
        _hostAccess = !mirrored ? GpuHostAccess.ReadsAndWrites : mapped ? GpuHostAccess.Writes : GpuHostAccess.None;
        _ledger = ledger;
        _cache = new FreedMemoryCache<GpuAllocation>(ledger);
        DeviceBytes = (long)DeviceMemoryBytes(context.Info);
    }

    /// <summary>True when arrays have host copies of their own besides their device copies (a discrete GPU).</summary>
    public bool Mirrored { get; }

    /// <summary>How many Vulkan buffers or slab slots were taken for device copies (cache misses), for tests.</summary>
    public long BuffersCreated => Interlocked.Read(ref _buffersCreated);

    public override long DeviceBytes { get; }

    /// <summary>Vulkan memory of the device: device copies, slabs, the cache, staging buffers.</summary>
    public override long SourceBytes => _context.AllocatedBytes;

    public override DeviceMemory Allocate(long byteLength)
    {
        ulong capacity = Capacity(byteLength);
        if (TryTakeOrCreate(capacity, out GpuAllocation? allocation, out _))
        {
            return allocation;
        }

        // Memory held for reuse, then arrays nobody references any more (their finalizers free them), may make room.
        ReleaseCached();
        if (TryTakeOrCreate(capacity, out allocation, out _))
        {
            return allocation;
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        ReleaseCached();
        if (TryTakeOrCreate(capacity, out allocation, out OutOfMemoryException? failure))
        {
            return allocation;
        }

        MemoryInfo now = _ledger.Snapshot();
        throw new OutOfMemoryException(string.Create(CultureInfo.InvariantCulture,
            $"The GPU '{_context.Info.Name}' has no room for an array of {byteLength} bytes: its memory is {DeviceBytes} bytes, and "
            + $"{now.ActiveBytes} bytes are held by live arrays (host copies included). Dispose arrays you no longer need, make "
            + $"smaller ones, or run the op on Mx.Cpu."), failure);
    }

    public override DeviceMemory? TryAllocateShared(long byteLength)
    {
        // An array larger than a kernel binds never reaches the GPU: host memory of its own serves it.
        if (Mirrored || (ulong)byteLength > _context.Info.Limits.MaxStorageBufferRange)
        {
            return null;
        }

        ulong capacity = Capacity(byteLength);
        if (TryTakeOrCreate(capacity, out GpuAllocation? allocation, out _))
        {
            return allocation;
        }

        ReleaseCached();
        return TryTakeOrCreate(capacity, out allocation, out _) ? allocation : null;
    }

    public override void Free(DeviceMemory memory)
    {
        GpuAllocation allocation = GpuAllocation.Of(memory);
        allocation.LastWriter = null;
        if (!_cache.TryKeep(allocation, allocation.Capacity))
        {
            _pool.Release(allocation.Slice, allocation.Capacity);
        }
    }

    public override void ReleaseCached()
    {
        // Cached memory is idle: its last users' batches completed before the buffers were freed.
        foreach ((GpuAllocation allocation, ulong _) in _cache.TakeAll())
        {
            _pool.Release(allocation.Slice, allocation.Capacity);
        }
    }

    /// <summary>The device's memory: its largest device-local heap (on unified devices, its largest heap).</summary>
    public static ulong DeviceMemoryBytes(DeviceInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        ulong largestLocal = 0, largest = 0;
        foreach (MemoryHeapInfo heap in info.MemoryHeaps)
        {
            largest = Math.Max(largest, heap.Size);
            if (heap.IsDeviceLocal)
            {
                largestLocal = Math.Max(largestLocal, heap.Size);
            }
        }

        return largestLocal > 0 ? largestLocal : largest;
    }

    // Every device copy is at least one cache line, so empty arrays still have a valid address and binding.
    private static ulong Capacity(long byteLength) => SizeBuckets.RoundUp(Math.Max((ulong)byteLength, MemoryAllocator.Alignment));

    private bool TryTakeOrCreate(ulong capacity, [NotNullWhen(true)] out GpuAllocation? allocation, out OutOfMemoryException? failure)
    {
        failure = null;
        if (_cache.TryTake(capacity, out allocation))
        {
            return true;
        }

        try
        {
            BufferSlice slice = _pool.RentOrCreate(capacity);
            Interlocked.Increment(ref _buffersCreated);
            allocation = new GpuAllocation(slice, capacity, _hostAccess, _transfer);
            _cache.AddActive(capacity);
            return true;
        }
        catch (OutOfMemoryException e)
        {
            failure = e;
            return false;
        }
    }
}

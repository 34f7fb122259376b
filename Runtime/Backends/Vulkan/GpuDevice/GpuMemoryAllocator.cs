using System;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Threading;
using Tandem.Memory;
using Tandem.Backends.Vulkan.Compute;

namespace Tandem.Backends.Vulkan.GpuDevice;

/// <summary>
/// Hands out the memory of every array when there is a GPU: persistently mapped Vulkan memory the host uses directly.
/// On unified devices (llvmpipe, integrated GPUs) it is <see cref="MemoryPlacement.Unified"/> memory kernels bind too,
/// so CPU streams and GPU kernels share the bytes with no copies. On a discrete GPU it is host-cached system memory,
/// and each array gets a device-local <see cref="DeviceMirror"/> that kernels bind; bytes move only when the other
/// side needs them (docs/PERFORMANCE.md has the measurements behind this choice). Arrays up to
/// <see cref="SlabPool.MaxSlotBytes"/> come from shared slabs. Freed memory goes to a cache of size buckets
/// (<see cref="SizeBuckets"/>: 2^k·{1, 1.25, 1.5, 1.75}) and is handed out again, zeroed; the cache keeps at most
/// <see cref="CacheLimitBytes"/>.
/// </summary>
/// <remarks>
/// Thread-safe: arrays are made on user threads and freed by stream workers and finalizers. On out-of-memory the cache
/// is released, then unreachable arrays are finalized, then the allocation is retried once before
/// <see cref="OutOfMemoryException"/> is thrown at the call that made the array.
/// </remarks>
internal sealed unsafe class GpuMemoryAllocator : MemoryAllocator
{
    private readonly VulkanContext _context;
    private readonly SlabPool _hostMemory;
    private readonly SlabPool? _deviceMemory;
    private readonly GpuTransfer? _transfer;
    private readonly FreedMemoryCache<GpuAllocation> _cache;
    private long _buffersCreated;

    /// <param name="context">The device.</param>
    /// <param name="transfer">The copy path between host and device copies, on a discrete GPU; null for unified memory.</param>
    /// <param name="cacheLimitBytes">The most bytes the cache of freed memory keeps.</param>
    public GpuMemoryAllocator(VulkanContext context, GpuTransfer? transfer, long cacheLimitBytes)
    {
        _context = context;
        _transfer = transfer;
        _hostMemory = new SlabPool(context, transfer is null ? MemoryPlacement.Unified : MemoryPlacement.Staging);
        // Where all VRAM is host-visible (resizable BAR), device copies use that memory: kernels measured faster on it
        // than on the plain device-local type (docs/PERFORMANCE.md), and small uploads become a CPU copy.
        _deviceMemory = transfer is null ? null
            : new SlabPool(context, context.Info.HasFullHostVisibleDeviceMemory ? MemoryPlacement.Unified : MemoryPlacement.DeviceLocal);
        _cache = new FreedMemoryCache<GpuAllocation>(cacheLimitBytes);
    }

    /// <summary>True when arrays have a device-local copy besides their host memory (a discrete GPU).</summary>
    public bool Mirrored => _transfer is not null;

    /// <summary>The most bytes the cache keeps.</summary>
    public long CacheLimitBytes => _cache.Statistics.CacheLimitBytes;

    /// <summary>How many Vulkan buffers were created (cache misses), for tests and diagnostics.</summary>
    public long BuffersCreated => Interlocked.Read(ref _buffersCreated);

    public override MemoryBlock Allocate(nuint byteLength)
    {
        // Every block is at least one cache line, so empty arrays still have a valid address and binding.
        ulong capacity = SizeBuckets.RoundUp(Math.Max((ulong)byteLength, Alignment));
        if (_cache.TryTake(capacity, out GpuAllocation? reused))
        {
            NativeMemory.Clear((void*)HostPointer(reused), (nuint)Math.Max((ulong)byteLength, Alignment));
            reused.Mirror?.Reset();
            return Block(reused);
        }

        GpuAllocation fresh = CreateOrThrow(capacity, byteLength);
        _cache.AddActive(fresh.Capacity);

        // Vulkan does not promise zeroed memory (llvmpipe and NVIDIA happen to give it): clear what the array uses.
        NativeMemory.Clear((void*)HostPointer(fresh), (nuint)Math.Max((ulong)byteLength, Alignment));
        return Block(fresh);
    }

    public override void Free(MemoryBlock block)
    {
        var allocation = (GpuAllocation)block.BackendHandle!;
        if (!_cache.TryKeep(allocation, allocation.Capacity))
        {
            Destroy(allocation);
        }
    }

    /// <summary>Vulkan memory of the device: arrays' buffers, slabs, device copies, the cache.</summary>
    public override long SourceBytes => _context.AllocatedBytes;

    public override MemoryInfo Statistics => _cache.Statistics;

    public override void ReleaseCached()
    {
        // Cached buffers are idle: their last users' batches completed before the buffers were freed.
        foreach (GpuAllocation allocation in _cache.TakeAll())
        {
            Destroy(allocation);
        }
    }

    public override long SetCacheLimit(long bytes)
    {
        long previous = _cache.SetLimit(bytes);
        if (bytes < previous)
        {
            ReleaseCached();
        }

        return previous;
    }

    public override void ResetPeak() => _cache.ResetPeak();

    private static MemoryBlock Block(GpuAllocation allocation)
        => new(HostPointer(allocation), (nuint)allocation.Capacity, allocation);

    private static nint HostPointer(GpuAllocation allocation) => allocation.Host.Buffer.HostPointer + (nint)allocation.Host.Offset;

    /// <summary>Gives an idle allocation's memory back: slab slots to their slabs, whole buffers to Vulkan.</summary>
    private void Destroy(GpuAllocation allocation)
    {
        allocation.Mirror?.Release();
        _hostMemory.Release(allocation.Host, allocation.Capacity);
    }

    private GpuAllocation CreateOrThrow(ulong capacity, nuint asked)
    {
        if (TryCreate(capacity, out GpuAllocation? allocation, out _))
        {
            return allocation;
        }

        // Memory held for reuse, then arrays nobody references any more (their finalizers free them), may make room.
        ReleaseCached();
        if (TryCreate(capacity, out allocation, out _))
        {
            return allocation;
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        ReleaseCached();
        if (TryCreate(capacity, out allocation, out OutOfMemoryException? failure))
        {
            return allocation;
        }

        MemoryInfo now = Statistics;
        throw new OutOfMemoryException(string.Create(CultureInfo.InvariantCulture,
            $"The GPU '{_context.Info.Name}' has no room for an array of {asked} bytes ({now.ActiveBytes} bytes are held by live arrays; "
            + $"the largest heap has {LargestHeap(_context.Info)} bytes). Dispose arrays you no longer need, or make smaller ones."), failure);
    }

    private bool TryCreate(ulong capacity, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out GpuAllocation? allocation,
        out OutOfMemoryException? failure)
    {
        try
        {
            BufferSlice host = _hostMemory.RentOrCreate(capacity);
            Interlocked.Increment(ref _buffersCreated);
            allocation = new GpuAllocation(host, capacity, _deviceMemory is null ? null : new DeviceMirror(host, capacity, _deviceMemory, RentDeviceCopy, _transfer!));
            failure = null;
            return true;
        }
        catch (OutOfMemoryException e)
        {
            allocation = null;
            failure = e;
            return false;
        }
    }

    /// <summary>
    /// The device copy of an array, made when a kernel first uses it (on a GPU stream's worker). Device memory held by
    /// freed arrays in the cache may be what is missing, so the cache is released before giving up.
    /// </summary>
    /// <exception cref="OutOfMemoryException">No room even after releasing the cache; the kernel fails with it.</exception>
    private BufferSlice RentDeviceCopy(ulong capacity)
    {
        try
        {
            return _deviceMemory!.RentOrCreate(capacity);
        }
        catch (OutOfMemoryException)
        {
            ReleaseCached();
            return _deviceMemory!.RentOrCreate(capacity);
        }
    }

    /// <summary>The size of the largest memory heap, for messages.</summary>
    public static ulong LargestHeap(DeviceInfo info)
    {
        ulong largest = 0;
        foreach (MemoryHeapInfo heap in info.MemoryHeaps)
        {
            largest = Math.Max(largest, heap.Size);
        }

        return largest;
    }
}

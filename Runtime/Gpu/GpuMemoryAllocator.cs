using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Threading;
using Tandem.Memory;
using Tandem.Vulkan;

namespace Tandem.Gpu;

/// <summary>
/// Hands out the memory of every array when there is a GPU: one persistently mapped, host-coherent Vulkan buffer per
/// array (<see cref="MemoryPlacement.Unified"/>), so CPU streams and GPU kernels use the same bytes with no copies.
/// Freed buffers go to a cache of size buckets (<see cref="SizeBuckets"/>: 2^k·{1, 1.25, 1.5, 1.75}) and are handed
/// out again, zeroed; the cache keeps at most <see cref="CacheLimitBytes"/>.
/// </summary>
/// <remarks>
/// Thread-safe: arrays are made on user threads and freed by stream workers and finalizers. On out-of-memory the cache
/// is released, then unreachable arrays are finalized, then the allocation is retried once before
/// <see cref="OutOfMemoryException"/> is thrown at the call that made the array.
/// </remarks>
internal sealed unsafe class GpuMemoryAllocator : MemoryAllocator
{
    private readonly VulkanContext _context;
    private readonly MemoryPlacement _placement;
    private readonly Dictionary<ulong, Stack<GpuAllocation>> _cache = [];
    private readonly Lock _gate = new();
    private long _cacheLimit;
    private long _cachedBytes;
    private long _activeBytes;
    private long _peakBytes;
    private long _buffersCreated;

    public GpuMemoryAllocator(VulkanContext context, MemoryPlacement placement, long cacheLimitBytes)
    {
        _context = context;
        _placement = placement;
        _cacheLimit = cacheLimitBytes;
    }

    /// <summary>The most bytes the cache keeps.</summary>
    public long CacheLimitBytes => Volatile.Read(ref _cacheLimit);

    /// <summary>How many Vulkan buffers were created (cache misses), for tests and diagnostics.</summary>
    public long BuffersCreated => Interlocked.Read(ref _buffersCreated);

    public override MemoryBlock Allocate(nuint byteLength)
    {
        // Every block is at least one cache line, so empty arrays still have a valid address and binding.
        ulong capacity = SizeBuckets.RoundUp(Math.Max((ulong)byteLength, Alignment));
        lock (_gate)
        {
            if (_cache.TryGetValue(capacity, out Stack<GpuAllocation>? bucket) && bucket.Count > 0)
            {
                GpuAllocation reused = bucket.Pop();
                _cachedBytes -= (long)capacity;
                CountActive((long)capacity);
                NativeMemory.Clear((void*)reused.Buffer.HostPointer, (nuint)Math.Max((ulong)byteLength, Alignment));
                return Block(reused);
            }
        }

        GpuAllocation fresh = CreateOrThrow(capacity, byteLength);
        lock (_gate)
        {
            CountActive((long)fresh.Buffer.Capacity);
        }

        // Vulkan does not promise zeroed memory (llvmpipe and NVIDIA happen to give it): clear what the array uses.
        NativeMemory.Clear((void*)fresh.Buffer.HostPointer, (nuint)Math.Max((ulong)byteLength, Alignment));
        return Block(fresh);
    }

    public override void Free(MemoryBlock block)
    {
        var allocation = (GpuAllocation)block.BackendHandle!;
        long capacity = (long)allocation.Buffer.Capacity;
        lock (_gate)
        {
            _activeBytes -= capacity;
            if (_cachedBytes + capacity <= _cacheLimit)
            {
                if (!_cache.TryGetValue((ulong)capacity, out Stack<GpuAllocation>? bucket))
                {
                    bucket = new Stack<GpuAllocation>();
                    _cache.Add((ulong)capacity, bucket);
                }

                bucket.Push(allocation);
                _cachedBytes += capacity;
                return;
            }
        }

        allocation.Buffer.Dispose();
    }

    public override MemoryInfo Statistics
    {
        get
        {
            lock (_gate)
            {
                return new MemoryInfo(_activeBytes, _cachedBytes, _peakBytes, _cacheLimit);
            }
        }
    }

    public override void ReleaseCached()
    {
        List<GpuAllocation> released = [];
        lock (_gate)
        {
            foreach (Stack<GpuAllocation> bucket in _cache.Values)
            {
                released.AddRange(bucket);
                bucket.Clear();
            }

            _cachedBytes = 0;
        }

        // Cached buffers are idle: their last users' batches completed before the buffers were freed.
        foreach (GpuAllocation allocation in released)
        {
            allocation.Buffer.Dispose();
        }
    }

    public override long SetCacheLimit(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        long previous;
        lock (_gate)
        {
            previous = _cacheLimit;
            _cacheLimit = bytes;
        }

        if (bytes < previous)
        {
            ReleaseCached();
        }

        return previous;
    }

    public override void ResetPeak()
    {
        lock (_gate)
        {
            _peakBytes = _activeBytes;
        }
    }

    private static MemoryBlock Block(GpuAllocation allocation)
        => new(allocation.Buffer.HostPointer + (nint)allocation.Offset, (nuint)allocation.Buffer.Capacity, allocation);

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
            GpuBuffer buffer = _context.CreateBuffer(capacity, _placement);
            Interlocked.Increment(ref _buffersCreated);
            allocation = new GpuAllocation(buffer, 0);
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

    private void CountActive(long bytes)
    {
        _activeBytes += bytes;
        _peakBytes = Math.Max(_peakBytes, _activeBytes);
    }
}

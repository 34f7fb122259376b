using System;
using Tandem.Backends.Vulkan.GpuDevice;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Backends.Vulkan.GpuDevice;

/// <summary>The GPU allocator: unified memory, the cache of freed buffers, the counters, out-of-memory.</summary>
public sealed class GpuMemoryTests : GpuTestBase
{
    [MxGpuFact]
    public void Arrays_live_in_mapped_memory_that_CPU_and_GPU_share_or_mirror()
    {
        using Array<float> x = Mx.Array(new float[] { 1, 2, 3 });
        var allocation = Assert.IsType<GpuAllocation>(x.Buffer.Block.BackendHandle);
        Assert.Equal(allocation.Host.Buffer.HostPointer + (nint)allocation.Host.Offset, x.Buffer.HostPointer);
        Assert.True(allocation.Host.Buffer.IsHostVisible);
        GpuTestKernels.AddOne(3, x, Mx.Gpu);
        TestOps.Increment(x, Mx.Cpu);
        Assert.Equal(new float[] { 3, 4, 5 }, x.ToArray());
    }

    [MxGpuFact]
    public void Mirrored_arrays_move_bytes_only_when_the_other_side_needs_them()
    {
        // Runs in both memory modes (CI runs the suite with TANDEM_GPU_MEMORY=mirrored too): with one memory nothing
        // moves; with a device copy, bytes move once per change of side.
        Bounded.Run(() =>
        {
            using Array<float> x = Mx.Array(new float[] { 1, 2, 3 });
            var allocation = Assert.IsType<GpuAllocation>(x.Buffer.Block.BackendHandle);
            Assert.Equal(Backend.Allocator.Mirrored, allocation.Mirror is not null);
            long Copies() => Backend.Transfer?.Copies ?? 0;
            long start = Copies();

            GpuTestKernels.AddOne(3, x, Mx.Gpu);      // host wrote: one upload
            GpuTestKernels.AddOne(3, x, Mx.Gpu);      // already on the device
            Assert.Equal(new float[] { 3, 4, 5 }, x.ToArray()); // the device wrote: one download
            Assert.Equal(new float[] { 3, 4, 5 }, x.ToArray()); // already on the host
            TestOps.Increment(x, Mx.Cpu);             // the host writes: the device copy is stale
            GpuTestKernels.AddOne(3, x, Mx.Gpu);      // one upload
            Assert.Equal(new float[] { 5, 6, 7 }, x.ToArray()); // one download
            Assert.Equal(Backend.Allocator.Mirrored ? 4 : 0, Copies() - start);
        });
    }

    [MxGpuFact]
    public void Freed_buffers_are_cached_reused_zeroed_and_released_by_ClearCache()
    {
        Bounded.Run(() =>
        {
            // Arrays of earlier tests are freed by finalizers: let them go first, so the counters move only here.
            Mx.Synchronize();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GpuMemoryAllocator allocator = Backend.Allocator;
            Mx.ClearCache();
            const int n = 300_000; // 1.2 MB: a bucket of its own among the test arrays
            MemoryInfo before = Mx.Memory;
            Assert.Equal(0, before.CachedBytes);

            Array<float> x = Mx.Full([n], 5f, Mx.Gpu);
            Assert.All(x.ToArray(), value => Assert.Equal(5f, value));
            MemoryInfo during = Mx.Memory;
            Assert.True(during.ActiveBytes >= before.ActiveBytes + (n * 4L), $"{during} after {before}");
            Assert.True(during.PeakBytes >= during.ActiveBytes);
            x.Dispose();
            MemoryInfo freed = Mx.Memory;
            Assert.True(freed.CachedBytes >= n * 4L, freed.ToString());
            Assert.True(freed.ActiveBytes <= during.ActiveBytes - (n * 4L), $"{freed} after {during}");

            long created = allocator.BuffersCreated;
            using (Array<float> again = Mx.Zeros<float>([n]))
            {
                Assert.Equal(created, allocator.BuffersCreated);          // the freed buffer came back
                Assert.All(again.ToArray(), value => Assert.Equal(0f, value)); // zeroed
            }

            Mx.ClearCache();
            Assert.Equal(0, Mx.Memory.CachedBytes);
            using Array<float> fresh = Mx.Zeros<float>([n]);
            Assert.Equal(created + 1, allocator.BuffersCreated);
        });
    }

    [MxGpuFact]
    public void A_cache_limit_of_zero_keeps_nothing()
    {
        long previous = Mx.SetCacheLimit(0);
        try
        {
            Assert.True(previous > 0);
            Mx.Zeros<float>([1000]).Dispose();
            Assert.Equal(0, Mx.Memory.CachedBytes);
            Assert.Equal(0, Mx.Memory.CacheLimitBytes);
        }
        finally
        {
            Mx.SetCacheLimit(previous);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => Mx.SetCacheLimit(-1));
    }

    [MxGpuFact]
    public void Running_out_of_GPU_memory_is_an_OutOfMemoryException_and_the_runtime_keeps_working()
    {
        ulong heap = GpuMemoryAllocator.LargestHeap(Backend.Context.Info);
        var failure = Assert.Throws<OutOfMemoryException>(() => Backend.Allocator.Allocate((nuint)(heap * 2)));
        Assert.Contains(Backend.Context.Info.Name, failure.Message, StringComparison.Ordinal);
        Assert.Contains("Dispose arrays", failure.Message, StringComparison.Ordinal);

        if (heap < 8UL << 30)
        {
            // Through the public path: an array larger than the device's memory (8 GiB of floats).
            Assert.Throws<OutOfMemoryException>(() => Mx.Zeros<float>([System.Array.MaxLength]));
        }

        using Array<float> small = Mx.Full([10], 1f, Mx.Gpu);
        Assert.All(small.ToArray(), value => Assert.Equal(1f, value));
    }
}

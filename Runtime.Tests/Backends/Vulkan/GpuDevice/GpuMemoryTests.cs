using System;
using System.Globalization;
using Tandem.Backends.Vulkan.GpuDevice;
using Tandem.Memory;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Backends.Vulkan.GpuDevice;

/// <summary>The GPU's memory: device copies made when a GPU op needs them, the cache of freed memory, the counters, out-of-memory.</summary>
public sealed class GpuMemoryTests : GpuTestBase
{
    [MxGpuFact]
    public void An_array_gets_GPU_memory_when_a_GPU_op_needs_it_and_unified_memory_shares_it()
    {
        using Array<float> x = Mx.Array(new float[] { 1, 2, 3 });
        if (Backend.Allocator.Mirrored)
        {
            Assert.Null(x.Buffer.DeviceCopy);
        }
        else
        {
            // The host copy is the device's memory: a GPU op binds it without a copy.
            var shared = Assert.IsType<GpuAllocation>(x.Buffer.DeviceCopy);
            Assert.True(x.Buffer.SharesOneCopy);
            Assert.Equal(shared.MappedPointer, x.Buffer.HostPointer);
        }

        GpuTestKernels.AddOne(3, x, Mx.Gpu);
        var allocation = Assert.IsType<GpuAllocation>(x.Buffer.DeviceCopy);
        Assert.Equal(!Backend.Allocator.Mirrored, x.Buffer.SharesOneCopy);
        Assert.Equal(Backend.Allocator.Mirrored ? GpuHostAccess.Writes : GpuHostAccess.ReadsAndWrites, allocation.HostAccess);
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
            long start = Backend.Transfer.Copies;

            GpuTestKernels.AddOne(3, x, Mx.Gpu);      // host wrote: one upload
            GpuTestKernels.AddOne(3, x, Mx.Gpu);      // already on the device
            Assert.Equal(new float[] { 3, 4, 5 }, x.ToArray()); // the device wrote: one download
            Assert.Equal(new float[] { 3, 4, 5 }, x.ToArray()); // already on the host
            TestOps.Increment(x, Mx.Cpu);             // the host writes: the device copy is stale
            GpuTestKernels.AddOne(3, x, Mx.Gpu);      // one upload
            Assert.Equal(new float[] { 5, 6, 7 }, x.ToArray()); // one download
            Assert.Equal(Backend.Allocator.Mirrored ? 4 : 0, Backend.Transfer.Copies - start);
        });
    }

    [MxGpuFact]
    public void Freed_GPU_memory_is_cached_reused_as_it_is_and_released_by_ClearCache()
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
            Mx.Synchronize();
            MemoryInfo during = Mx.Memory;
            Assert.True(during.ActiveBytes >= before.ActiveBytes + (n * 4L), $"{during} after {before}");
            Assert.True(during.PeakBytes >= during.ActiveBytes);
            x.Dispose();
            MemoryInfo freed = Mx.Memory;
            Assert.True(freed.CachedBytes >= n * 4L, freed.ToString());
            Assert.True(freed.ActiveBytes <= during.ActiveBytes - (n * 4L), $"{freed} after {during}");

            // The freed memory comes back as the zeros' device copy, still holding fives: the zeros are made on it.
            long created = allocator.BuffersCreated;
            using (Array<float> zeros = Mx.Zeros<float>([n]))
            using (Array<float> sum = Mx.Add(zeros, zeros, Mx.Gpu))
            {
                Assert.Equal(created + 1, allocator.BuffersCreated); // the sum's device copy is new, the zeros' reused
                Assert.All(sum.ToArray(), value => Assert.Equal(0f, value));
                Assert.All(zeros.ToArray(), value => Assert.Equal(0f, value));
            }

            Mx.ClearCache();
            Assert.Equal(0, Mx.Memory.CachedBytes);
            using Array<float> fresh = Mx.Full([n], 2f, Mx.Gpu);
            Assert.Equal(created + 2, allocator.BuffersCreated);
        });
    }

    [MxGpuFact]
    public void The_cache_limit_defaults_to_the_device_memory_and_zero_keeps_nothing()
    {
        if (Environment.GetEnvironmentVariable(ArrayMemory.CacheLimitVariable) is null)
        {
            Assert.Equal(Backend.Allocator.DeviceBytes, ArrayMemory.InitialCacheLimit(Backend.Allocator.DeviceBytes));
        }

        long previous = Mx.SetCacheLimit(0);
        try
        {
            Assert.True(previous > 0);
            Mx.Full<float>([1000], 1f, Mx.Gpu).Dispose();
            Mx.Synchronize();
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
    public void Running_out_of_GPU_memory_is_an_OutOfMemoryException_naming_the_sizes_and_the_runtime_keeps_working()
    {
        long asked = Backend.Allocator.DeviceBytes * 2;
        var failure = Assert.Throws<OutOfMemoryException>(() => Backend.Allocator.Allocate(asked));
        Assert.Contains(Backend.Context.Info.Name, failure.Message, StringComparison.Ordinal);
        Assert.Contains(asked.ToString(CultureInfo.InvariantCulture), failure.Message, StringComparison.Ordinal);
        Assert.Contains(Backend.Allocator.DeviceBytes.ToString(CultureInfo.InvariantCulture), failure.Message, StringComparison.Ordinal);
        Assert.Contains("Dispose arrays", failure.Message, StringComparison.Ordinal);

        using Array<float> small = Mx.Full([10], 1f, Mx.Gpu);
        Assert.All(small.ToArray(), value => Assert.Equal(1f, value));
    }
}

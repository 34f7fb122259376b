using System;
using System.Globalization;
using System.Linq;
using Tandem.Backends.Vulkan.GpuDevice;
using Tandem.Devices;
using Tandem.Memory;
using Xunit;

namespace Tandem.Runtime.Tests.Memory;

/// <summary>
/// Host memory: arrays only the host and CPU streams touch live there whatever their size, freed blocks are reused as
/// they are (zeros are made when asked for), and the ledger counts and limits what the caches keep.
/// </summary>
public sealed class HostMemoryTests
{
    [Fact]
    public void A_CPU_array_larger_than_the_GPU_can_hold_lives_in_host_memory_and_a_GPU_op_on_it_fails_at_the_call()
    {
        // 2.4 GB: far more than llvmpipe's heap or a buffer it binds (issue 9: this threw OutOfMemoryException about the
        // GPU heap when llvmpipe was present).
        const int length = 600_000_000;
        Array<float> ones = Mx.Ones([length], Mx.Cpu);
        try
        {
            using Array<float> sum = Mx.Sum(ones, Mx.Cpu);
            // Within pairwise summation's bound (log2(n) units of float rounding): partial sums past 2^24 round.
            Assert.InRange(sum.ToArray()[0], length * (1 - 30 * 6e-8f), length * (1 + 30 * 6e-8f));
            Assert.Null(ones.Buffer.DeviceCopy);
            if (Mx.IsGpuAvailable && ((GpuBackend)DeviceRegistry.RequireGpu()).Context.Info.Limits.MaxStorageBufferRange < length * 4UL)
            {
                var failure = Assert.Throws<ArgumentException>(() => Mx.Multiply(ones, 2f, Mx.Gpu));
                Assert.Contains((length * 4L).ToString(CultureInfo.InvariantCulture), failure.Message, StringComparison.Ordinal);
                Assert.Contains("binds at most", failure.Message, StringComparison.Ordinal);
                Assert.Null(ones.Buffer.DeviceCopy);
            }
        }
        finally
        {
            ones.Dispose();
            Mx.ClearCache();
        }
    }

    [Fact]
    public void Freed_host_memory_is_reused_and_zeros_are_still_zeros()
    {
        const int n = 70_001; // a bucket of its own among the test arrays
        using Tandem.DeviceStream cpu = Mx.NewStream(Mx.Cpu);
        Array<float> dirty = Mx.Full([n], 9f, cpu);
        cpu.Synchronize();
        nint address = dirty.Buffer.HostPointer;
        dirty.Dispose();

        // Cached memory comes back as it is for an op that writes all of it, and cleared for zeros.
        using Array<float> zeros = Mx.Zeros<float>([n], cpu);
        using Array<float> plusOne = Mx.Add(zeros, 1f, cpu);
        Assert.All(plusOne.ToArray(), value => Assert.Equal(1f, value));
        Assert.All(zeros.ToArray(), value => Assert.Equal(0f, value));
        Assert.Contains(address, new[] { zeros.Buffer.HostPointer, plusOne.Buffer.HostPointer });
    }

    [Fact]
    public void The_ledger_counts_active_cached_and_peak_bytes_and_keeps_within_its_limit()
    {
        var ledger = new MemoryLedger(1000);
        ledger.Activate(600);
        ledger.Activate(600);
        Assert.Equal(new MemoryInfo(1200, 0, 1200, 1000), ledger.Snapshot());
        Assert.True(ledger.TryKeep(600, reusable: true));
        Assert.False(ledger.TryKeep(600, reusable: true)); // no room: the caller gives it back
        Assert.Equal(new MemoryInfo(0, 600, 1200, 1000), ledger.Snapshot());
        ledger.Reuse(600);
        ledger.ResetPeak();
        Assert.Equal(new MemoryInfo(600, 0, 600, 1000), ledger.Snapshot());
        Assert.False(ledger.TryKeep(600, reusable: false));
        Assert.Equal(1000, ledger.SetLimit(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ledger.SetLimit(-1));
    }

    [Fact]
    public void Freed_host_blocks_are_kept_within_the_ledger_limit()
    {
        var ledger = new MemoryLedger(1L << 20);
        var host = new CachingAllocator(new NativeMemoryAllocator(), ledger);
        MemoryBlock a = host.Allocate(700_000);
        MemoryBlock b = host.Allocate(700_000);
        Assert.Equal((long)(a.Capacity + b.Capacity), ledger.Snapshot().ActiveBytes);
        host.Free(a);
        host.Free(b); // over the limit: given back
        Assert.Equal((long)a.Capacity, ledger.Snapshot().CachedBytes);
        MemoryBlock again = host.Allocate(750_000); // the same bucket
        Assert.Equal(a.HostPointer, again.HostPointer);
        host.Free(again);
        host.ReleaseCached();
        Assert.Equal(new MemoryInfo(0, 0, (long)(a.Capacity + b.Capacity), 1L << 20), ledger.Snapshot());
        Assert.Equal(0, host.SourceBytes);
    }

    [Fact]
    public void Sizes_round_up_to_quarter_power_of_two_buckets()
    {
        Assert.Equal(256UL, SizeBuckets.RoundUp(1));
        Assert.Equal(256UL, SizeBuckets.RoundUp(256));
        Assert.Equal(320UL, SizeBuckets.RoundUp(257));
        Assert.Equal(1024UL, SizeBuckets.RoundUp(1000));
        Assert.Equal(1280UL, SizeBuckets.RoundUp(1025));
        Assert.Equal(7UL << 20, SizeBuckets.RoundUp((6UL << 20) + 1));
        for (ulong size = 1; size < 1 << 20; size = (size * 3 / 2) + 1)
        {
            ulong rounded = SizeBuckets.RoundUp(size);
            Assert.InRange(rounded, size, Math.Max(256, size + (size / 4) + 1));
        }
    }

    [Fact]
    public void The_cache_limit_comes_from_the_environment_variable_when_set()
    {
        string? set = Environment.GetEnvironmentVariable(ArrayMemory.CacheLimitVariable);
        long limit = ArrayMemory.InitialCacheLimit(64L << 30);
        Assert.Equal(set is null ? 64L << 30 : long.Parse(set, CultureInfo.InvariantCulture) << 20, limit);
        Assert.True(ArrayMemory.InitialCacheLimit(null) > 0);
        Assert.Equal(DeviceRegistry.Memory.Ledger, DeviceRegistry.Ledger);
    }

    [Fact]
    public void Copies_and_clears_of_any_size_cover_every_byte()
    {
        foreach (long bytes in new[] { 0L, 1, 4095, (16L << 20) + 5, (40L << 20) + 3 })
        {
            byte[] source = Enumerable.Range(0, (int)bytes).Select(i => (byte)(i * 13 + 1)).ToArray();
            byte[] destination = new byte[bytes];
            unsafe
            {
                fixed (byte* from = source)
                fixed (byte* to = destination)
                {
                    BulkCopy.Copy((nint)from, (nint)to, bytes);
                    Assert.Equal(source, destination);
                    BulkCopy.Clear((nint)to, bytes);
                }
            }

            Assert.DoesNotContain(destination, value => value != 0);
        }
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Tandem.Backends.Vulkan.GpuDevice;
using Tandem.Devices;
using Tandem.Memory;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Reliability.Faults;

/// <summary>
/// Memory runs out (a limit on what the allocator may take from Vulkan, or from the heap without a GPU): the call that
/// makes the array throws <see cref="OutOfMemoryException"/> saying how much it wanted, nothing is queued, existing
/// arrays keep working, memory held for reuse is given back when it is needed, and once the arrays are disposed the
/// memory figures are back where they were.
/// </summary>
public sealed class MemoryLimitTests : FaultTestBase
{
    /// <summary>1 MiB: above the slab slot size, so each array is an allocation of its own.</summary>
    private const int ArrayInts = 256 * 1024;

    private const long Room = 16L << 20;

    [Fact]
    public void Running_out_fails_the_call_that_allocates_and_the_memory_comes_back()
    {
        RunScenario(() =>
        {
            Mx.ClearCache();
            MemoryAllocator allocator = DeviceRegistry.Allocator;
            bool mirrored = DeviceRegistry.Gpu is GpuBackend { Allocator.Mirrored: true };
            using DeviceStream cpu = Mx.NewStream(Mx.Cpu);
            using Array<int> small = Mx.Array(Iota(N));
            var arrays = new List<Array<int>>();
            try
            {
                FaultInjection.LimitMemory(allocator.SourceBytes + Room);
                OutOfMemoryException? full = null;
                while (full is null && arrays.Count < 64)
                {
                    try
                    {
                        arrays.Add(Mx.Zeros<int>([ArrayInts]));
                    }
                    catch (OutOfMemoryException failure)
                    {
                        full = failure;
                    }
                }

                Assert.NotNull(full);
                Assert.InRange(arrays.Count, 8, 16);
                Assert.Contains((ArrayInts * sizeof(int)).ToString(CultureInfo.InvariantCulture), full.Message, StringComparison.Ordinal);

                // An op whose result does not fit fails at the call and queues nothing.
                long active = Mx.Memory.ActiveBytes;
                Assert.Throws<OutOfMemoryException>(() => Mx.Add(arrays[0], arrays[1], cpu));
                Assert.Equal(active, Mx.Memory.ActiveBytes);
                Assert.Null(arrays[0].Buffer.History.LastWrite);

                // Arrays that exist keep working. On a discrete GPU a kernel needs a device copy, which does not fit
                // either: the kernel fails, naming itself.
                ReliabilityKernels.MultiplyAddInPlace(N, 1, small, arrays[0], cpu);
                Assert.Equal(Iota(N), arrays[0].ToArray().Take(N));
                if (HasGpu)
                {
                    ReliabilityKernels.MultiplyAddInPlace(N, 2, small, arrays[1], Mx.Gpu);
                    if (mirrored)
                    {
                        var failure = Assert.Throws<KernelExecutionException>(() => arrays[1].ToArray());
                        Assert.Equal("ReliabilityKernels.MultiplyAddInPlace", failure.KernelName);
                        Assert.IsType<OutOfMemoryException>(failure.InnerException);
                    }
                    else
                    {
                        Assert.Equal(Iota(N), arrays[1].ToArray().Take(N));
                    }
                }

                // Disposed arrays go to the cache of freed memory; a later array of another size gets that memory
                // released for it instead of failing.
                foreach (Array<int> array in arrays.Skip(2))
                {
                    array.Dispose();
                }

                arrays.RemoveRange(2, arrays.Count - 2);
                Assert.True(Mx.Memory.CachedBytes > 0, "Disposed arrays were not cached.");
                for (int i = 0; i < 4; i++)
                {
                    arrays.Add(Mx.Zeros<int>([ArrayInts * 3 / 2]));
                }

                Assert.Equal(0, Mx.Memory.CachedBytes);
                if (HasGpu)
                {
                    using Array<int> onGpu = Mx.Array(new int[N]);
                    ReliabilityKernels.MultiplyAddInPlace(N, 3, small, onGpu, Mx.Gpu);
                    Assert.Equal(Iota(N), onGpu.ToArray());
                }
            }
            finally
            {
                FaultInjection.Reset();
                foreach (Array<int> array in arrays)
                {
                    array.Dispose();
                }
            }

            Mx.Synchronize();
        });
    }
}

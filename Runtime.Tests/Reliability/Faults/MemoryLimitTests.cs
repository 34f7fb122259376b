using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Tandem.Backends.Vulkan.GpuDevice;
using Tandem.Devices;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Reliability.Faults;

/// <summary>
/// Memory runs out (a limit on what may be taken from the heap, or from Vulkan): the op that needs memory it cannot get
/// throws <see cref="OutOfMemoryException"/> at the call, saying how much it wanted, and queues nothing; existing arrays
/// keep working; memory held for reuse is given back when it is needed; and once the arrays are disposed the memory
/// figures are back where they were.
/// </summary>
public sealed class MemoryLimitTests : FaultTestBase
{
    /// <summary>1 MiB: above the slab slot size, so each device copy is an allocation of its own.</summary>
    private const int ArrayInts = 256 * 1024;

    private const long Room = 16L << 20;

    private static readonly string ArrayBytes = (ArrayInts * sizeof(int)).ToString(CultureInfo.InvariantCulture);

    /// <summary>True where arrays' host copies are the GPU's memory (unified memory): then that is what runs out.</summary>
    private static bool HostCopiesOnGpu => DeviceRegistry.Gpu is GpuBackend { Allocator.Mirrored: false };

    [Fact]
    public void Running_out_of_host_memory_fails_the_op_that_needs_it_and_the_memory_comes_back()
    {
        if (HostCopiesOnGpu)
        {
            return; // host copies come from the GPU there: the next test
        }

        RunScenario(() =>
        {
            Mx.ClearCache();
            using DeviceStream cpu = Mx.NewStream(Mx.Cpu);
            using Array<int> small = Mx.Array(Iota(N));
            var arrays = new List<Array<int>>();
            try
            {
                FaultInjection.LimitMemory(DeviceRegistry.Memory.Host.SourceBytes + Room);
                OutOfMemoryException full = FillUntilFull(arrays, () => Mx.Full([ArrayInts], 0, cpu));
                Assert.InRange(arrays.Count, 8, 16);
                Assert.Contains(ArrayBytes, full.Message, StringComparison.Ordinal);

                // An op whose result does not fit fails at the call and queues nothing.
                ulong queued = cpu.Executor.LastSubmitted;
                long active = Mx.Memory.ActiveBytes;
                Assert.Throws<OutOfMemoryException>(() => Mx.Add(arrays[0], arrays[1], cpu));
                Assert.Equal(active, Mx.Memory.ActiveBytes);
                Assert.Equal(queued, cpu.Executor.LastSubmitted);

                // Arrays that exist keep working.
                ReliabilityKernels.MultiplyAddInPlace(N, 1, small, arrays[0], cpu);
                Assert.Equal(Iota(N), arrays[0].ToArray().Take(N));

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
                    arrays.Add(Mx.Full([ArrayInts * 3 / 2], 0, cpu));
                }

                Assert.Equal(0, Mx.Memory.CachedBytes);
            }
            finally
            {
                FaultInjection.Reset();
                DisposeAll(arrays);
            }

            Mx.Synchronize();
        });
    }

    [Fact]
    public void When_unified_memory_runs_out_CPU_arrays_take_host_memory_and_a_GPU_op_on_them_fails_at_the_call()
    {
        if (!HostCopiesOnGpu)
        {
            return;
        }

        RunScenario(() =>
        {
            Mx.ClearCache();
            using Array<int> small = Mx.Array(Iota(N));
            using Array<int> shared = Mx.Full([N], 1, Mx.Cpu);
            Mx.Synchronize();
            var arrays = new List<Array<int>>();
            try
            {
                FaultInjection.LimitMemory(((GpuBackend)DeviceRegistry.RequireGpu()).Context.AllocatedBytes + Room);
                for (int i = 0; i < 32; i++)
                {
                    arrays.Add(Mx.Full([ArrayInts], i, Mx.Cpu));
                }

                // The last ones did not fit the GPU's memory: they live in host memory of their own.
                Array<int> onHost = arrays[^1];
                Mx.Synchronize();
                Assert.False(onHost.Buffer.SharesOneCopy);
                Assert.Equal(31, onHost.ToArray()[ArrayInts - 1]);

                // A GPU op that needs a device copy for it fails at the call, naming the GPU and the bytes.
                var failure = Assert.Throws<OutOfMemoryException>(() => ReliabilityKernels.MultiplyAddInPlace(N, 1, small, onHost, Mx.Gpu));
                Assert.Contains(ArrayBytes, failure.Message, StringComparison.Ordinal);
                Assert.Contains(Backend.Context.Info.Name, failure.Message, StringComparison.Ordinal);

                // Arrays the GPU already shares keep working there.
                ReliabilityKernels.MultiplyAddInPlace(N, 2, small, shared, Mx.Gpu);
                Assert.Equal(Iota(N).Select(i => i + 2), shared.ToArray());

                // Once there is room again, the GPU op gets a device copy of its own, with the host bytes uploaded.
                FaultInjection.Reset();
                ReliabilityKernels.MultiplyAddInPlace(N, 1, small, onHost, Mx.Gpu);
                Assert.Equal(Iota(N).Select(i => i + 31), onHost.ToArray().Take(N));
                Assert.Equal(31, onHost.ToArray()[ArrayInts - 1]);
            }
            finally
            {
                FaultInjection.Reset();
                DisposeAll(arrays);
            }

            Mx.Synchronize();
        });
    }

    [Fact]
    public void A_GPU_op_whose_device_copy_does_not_fit_fails_at_the_call_and_queues_nothing()
    {
        if (!HasGpu)
        {
            return;
        }

        RunScenario(() =>
        {
            Mx.ClearCache();
            using Array<int> x = Mx.Array(Iota(N));
            using Array<int> y = Mx.Array(new int[N]);
            ReliabilityKernels.MultiplyAddInPlace(N, 1, x, y, Mx.Gpu); // both get their device copies now
            Mx.Synchronize();
            var gpu = (GpuBackend)DeviceRegistry.RequireGpu();
            try
            {
                FaultInjection.LimitMemory(gpu.Context.AllocatedBytes);
                DeviceStream stream = Mx.DefaultStream(Mx.Gpu);
                ulong queued = stream.Executor.LastSubmitted;
                var failure = Assert.Throws<OutOfMemoryException>(() => Mx.Full([ArrayInts], 7, Mx.Gpu));
                Assert.Contains(ArrayBytes, failure.Message, StringComparison.Ordinal);
                Assert.Contains(gpu.Allocator.DeviceBytes.ToString(CultureInfo.InvariantCulture), failure.Message, StringComparison.Ordinal);
                Assert.Equal(queued, stream.Executor.LastSubmitted);

                // Arrays that have their device copies keep working.
                ReliabilityKernels.MultiplyAddInPlace(N, 1, x, y, Mx.Gpu);
                Assert.Equal(Iota(N).Select(i => 2 * i), y.ToArray());
            }
            finally
            {
                FaultInjection.Reset();
            }

            using Array<int> fits = Mx.Full([ArrayInts], 7, Mx.Gpu);
            Assert.All(fits.ToArray(), value => Assert.Equal(7, value));
            Mx.Synchronize();
        });
    }

    private static OutOfMemoryException FillUntilFull(List<Array<int>> arrays, Func<Array<int>> make)
    {
        while (arrays.Count < 64)
        {
            try
            {
                arrays.Add(make());
            }
            catch (OutOfMemoryException failure)
            {
                return failure;
            }
        }

        throw new Xunit.Sdk.XunitException($"{arrays.Count} arrays of {ArrayBytes} bytes fit under the limit.");
    }

    private static void DisposeAll(List<Array<int>> arrays)
    {
        foreach (Array<int> array in arrays)
        {
            array.Dispose();
        }
    }
}

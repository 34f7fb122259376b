using System;
using System.Linq;
using System.Threading;
using Tandem.Backends.Vulkan.Compute;
using Tandem.Backends.Vulkan.GpuDevice;
using Tandem.CompilerServices;
using Tandem.Runtime.Tests.Backends.Vulkan.GpuDevice;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Reliability.Faults;

/// <summary>
/// A lost GPU (<c>VK_ERROR_DEVICE_LOST</c>, simulated: submits and semaphore waits return it, after the real device
/// finished what it had): GPU ops fail naming their kernel and the loss at the next synchronization that depends on
/// them, CPU ops that read their output do not run, independent CPU work runs, new GPU launches are refused at the call
/// with a message naming the loss, and nothing hangs. A real loss is permanent; the test hook undoes the simulated
/// one, and the GPU then works again.
/// </summary>
public sealed class DeviceLossTests : FaultTestBase
{
    /// <summary>A CPU op that "writes" its array (so readers wait for it) and blocks until the test opens a gate.</summary>
    private static readonly KernelDescriptor s_gate = TestKernel.Describe("DeviceLossTests.Gate", 1, TestBuffer.Write("held"));

    [MxGpuFact]
    public void A_lost_GPU_fails_GPU_work_naming_each_kernel_while_the_CPU_keeps_working()
    {
        RunScenario(() =>
        {
            using DeviceStream gpu = Mx.NewStream(Mx.Gpu);
            using DeviceStream otherGpu = Mx.NewStream(Mx.Gpu);
            using DeviceStream gateStream = Mx.NewStream(Mx.Cpu);
            using DeviceStream cpu = Mx.NewStream(Mx.Cpu);
            using DeviceStream independentCpu = Mx.NewStream(Mx.Cpu);
            using Array<int> input = Mx.Array(Iota(N));
            using Array<int> doneBefore = Mx.Array(new int[N]);
            using Array<int> lostOutput = Sentinels();
            using Array<int> otherGpuOutput = Sentinels();
            using Array<int> cpuDependent = Sentinels();
            using Array<int> cpuChain = Mx.Array(Iota(N));
            using var gate = new ManualResetEventSlim();

            // Finished before the loss: stays valid, and the host has its bytes.
            ReliabilityKernels.CopyInts(N, input, doneBefore, gpu);
            Assert.Equal(Iota(N), doneBefore.ToArray());

            // GPU work launched before the loss, held back by a CPU op until the device is gone (so it certainly
            // reaches the GPU after the loss), and a CPU op that reads its output.
            TestKernel.Launch(s_gate, 1, [input], (_, _) => gate.Wait(TimeSpan.FromSeconds(20)), gateStream);
            ReliabilityKernels.CopyInts(N, input, lostOutput, gpu);
            ReliabilityKernels.MultiplyAddInPlace(N, 2, input, otherGpuOutput, otherGpu);
            ReliabilityKernels.MultiplyAddInPlace(N, 3, lostOutput, cpuDependent, cpu);

            // Independent CPU work runs meanwhile.
            for (int step = 0; step < 5; step++)
            {
                ReliabilityKernels.MultiplyAddInPlace(N, 1, doneBefore, cpuChain, independentCpu);
            }

            Assert.Equal(Iota(N).Select(i => i + (5 * i)).ToArray(), cpuChain.ToArray());
            FaultInjection.LoseDevice(Backend.Context);
            gate.Set();

            var lost = Assert.Throws<KernelExecutionException>(gpu.Synchronize);
            Assert.Equal("ReliabilityKernels.CopyInts", lost.KernelName);
            Assert.Contains("lost", lost.Message, StringComparison.Ordinal);
            Assert.IsType<VulkanDeviceLostException>(lost.InnerException);

            var otherLost = Assert.Throws<KernelExecutionException>(otherGpu.Synchronize);
            Assert.Equal("ReliabilityKernels.MultiplyAddInPlace", otherLost.KernelName);
            Assert.Contains("lost", otherLost.Message, StringComparison.Ordinal);

            var skipped = Assert.Throws<KernelExecutionException>(() => cpuDependent.ToArray());
            Assert.Equal("ReliabilityKernels.CopyInts", skipped.OriginalKernelName);
            Assert.All(RawContents(cpuDependent), value => Assert.Equal(Sentinel, value));
            Assert.Equal(Iota(N).Select(i => i + (5 * i)).ToArray(), cpuChain.ToArray());

            // New GPU work is refused at the call, saying why and what to do; the op's result array is not leaked.
            var refused = Assert.Throws<InvalidOperationException>(() => ReliabilityKernels.CopyInts(N, input, lostOutput, gpu));
            Assert.Contains("ReliabilityKernels.CopyInts", refused.Message, StringComparison.Ordinal);
            Assert.Contains("was lost", refused.Message, StringComparison.Ordinal);
            Assert.Contains("Mx.Cpu", refused.Message, StringComparison.Ordinal);
            Assert.Throws<InvalidOperationException>(() => Mx.Add(input, input, Mx.Gpu));

            // The CPU keeps working with new arrays and ops.
            using Array<int> sum = Mx.Add(input, cpuChain, Mx.Cpu);
            Assert.Equal(Iota(N).Select(i => 7 * i).ToArray(), sum.ToArray());
            Mx.Synchronize();

            // The simulated loss is undone (a real one is not): the GPU runs new work again.
            FaultInjection.Reset();
            using DeviceStream again = Mx.NewStream(Mx.Gpu);
            using Array<int> output = Mx.Array(new int[N]);
            ReliabilityKernels.MultiplyAddInPlace(N, 1, doneBefore, output, again);
            ReliabilityKernels.MultiplyAddInPlace(N, 2, doneBefore, output, Mx.Gpu);
            Assert.Equal(Iota(N).Select(i => 3 * i).ToArray(), output.ToArray());
        });
    }

    /// <summary>
    /// A stream that recorded a kernel when another stream had already seen the loss cannot submit it: that work must
    /// be dropped with its batch. Its Vulkan stream goes to the next GPU stream made, and its arrays' memory to new
    /// arrays; were the recorded dispatch kept, the next stream's first batch would run it on that memory.
    /// </summary>
    [MxGpuFact]
    public void Work_recorded_after_another_stream_saw_the_loss_never_runs_on_memory_reused_later()
    {
        RunScenario(() =>
        {
            using Array<int> input = Mx.Array(Iota(N));
            using (DeviceStream late = Mx.NewStream(Mx.Gpu))
            {
                using Array<int> lateOutput = Sentinels();
                FaultInjection.LoseDeviceAtLaunch(op => op.Stream == late);
                ReliabilityKernels.MultiplyAddInPlace(N, 2, input, lateOutput, late);

                var lost = Assert.Throws<KernelExecutionException>(late.Synchronize);
                Assert.Equal("ReliabilityKernels.MultiplyAddInPlace", lost.KernelName);
                Assert.IsType<VulkanDeviceLostException>(lost.InnerException);
            }

            // The output's memory is cached for reuse, the stream's Vulkan stream is idle with the backend.
            FaultInjection.Reset();

            // New arrays take the freed memory (the cache hands out the last freed first), written by the GPU so that
            // the device copy is the current one in either memory mode; the next GPU stream takes the Vulkan stream.
            var reused = new Array<int>[8];
            for (int i = 0; i < reused.Length; i++)
            {
                reused[i] = Mx.Full([N], Sentinel, Mx.Gpu);
            }

            try
            {
                Mx.DefaultStream(Mx.Gpu).Synchronize();
                using DeviceStream next = Mx.NewStream(Mx.Gpu);
                using Array<int> copy = Mx.Array(new int[N]);
                ReliabilityKernels.CopyInts(N, input, copy, next);
                Assert.Equal(Iota(N), copy.ToArray());
                foreach (Array<int> array in reused)
                {
                    Assert.All(array.ToArray(), value => Assert.Equal(Sentinel, value));
                }
            }
            finally
            {
                foreach (Array<int> array in reused)
                {
                    array.Dispose();
                }
            }
        });
    }

    [MxGpuFact]
    public void Work_in_flight_when_the_GPU_is_lost_fails_and_nothing_waits_forever()
    {
        RunScenario(() =>
        {
            using DeviceStream gpu = Mx.NewStream(Mx.Gpu);
            using DeviceStream cpu = Mx.NewStream(Mx.Cpu);
            using Array<float> x = Mx.Array(Iota(N).Select(i => (float)i).ToArray());
            using Array<float> y = Mx.Zeros<float>([N]);
            using Array<float> z = Mx.Zeros<float>([N]);
            var executor = (GpuStreamExecutor)gpu.Executor;

            // A long chain in flight (hundreds of milliseconds on llvmpipe) when the device is lost, more GPU work
            // queued behind it, and a CPU op that waits for the end of it all.
            for (int i = 0; i < 20; i++)
            {
                GpuTestKernels.SlowIncrementCopy(N, 60_000, i % 2 == 0 ? x : y, i % 2 == 0 ? y : x, gpu);
            }

            executor.EnsureSubmitted(executor.LastSubmitted);
            for (int i = 0; i < 5; i++)
            {
                GpuTestKernels.AddOne(N, z, gpu);
            }

            GpuTestKernels.Add(N, x, z, z, cpu);
            FaultInjection.LoseDevice(Backend.Context);

            // The ops in flight fail with the loss, as do those queued behind them; nothing is left waiting.
            var lost = Assert.Throws<KernelExecutionException>(gpu.Synchronize);
            Assert.Contains("lost", lost.Message, StringComparison.Ordinal);
            var inFlight = Assert.Throws<KernelExecutionException>(() => x.ToArray());
            Assert.Equal("GpuTestKernels.SlowIncrementCopy", inFlight.KernelName);
            Assert.IsType<VulkanDeviceLostException>(inFlight.InnerException);
            var dependent = Assert.Throws<KernelExecutionException>(() => z.ToArray());
            Assert.Contains("lost", dependent.Message, StringComparison.Ordinal);
            Mx.Synchronize();
        });
    }
}

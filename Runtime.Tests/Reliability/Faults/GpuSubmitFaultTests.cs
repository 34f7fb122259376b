using System;
using System.Linq;
using Silk.NET.Vulkan;
using Tandem.Backends.Vulkan.GpuDevice;
using Tandem.Runtime.Tests.Backends.Vulkan.GpuDevice;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Reliability.Faults;

/// <summary>
/// A GPU batch the driver refuses (<c>vkQueueSubmit</c> returns an error other than device loss): its ops fail naming
/// their kernel and the submit error, dependents fail, the batch before it still completes and is not reported complete
/// early, and the stream and the device keep working.
/// </summary>
public sealed class GpuSubmitFaultTests : FaultTestBase
{
    // Busy-loop steps per thread of SlowIncrementCopy: a batch that runs for a good while on llvmpipe.
    private const int SlowWork = 60_000;

    [MxGpuFact]
    public void A_refused_batch_fails_its_ops_only_after_the_batch_before_it_finished_and_the_stream_goes_on()
    {
        RunScenario(() =>
        {
            using DeviceStream gpu = Mx.NewStream(Mx.Gpu);
            using DeviceStream cpu = Mx.NewStream(Mx.Cpu);
            var executor = (GpuStreamExecutor)gpu.Executor;
            using Array<float> slowInput = Mx.Array(Iota(N).Select(i => (float)i).ToArray());
            using Array<float> slowOutput = Mx.Zeros<float>([N]);
            using Array<int> input = Mx.Array(Iota(N));
            using Array<int> refused = Sentinels();
            using Array<int> sameStreamDependent = Sentinels();
            using Array<int> cpuDependent = Sentinels();

            // Batch 1, submitted and busy for a while.
            GpuTestKernels.SlowIncrementCopy(N, SlowWork, slowInput, slowOutput, gpu);
            executor.EnsureSubmitted(executor.LastSubmitted);

            // Batch 2, refused by the driver.
            FaultInjection.FailNextSubmit(executor.Recorder, Result.ErrorOutOfDeviceMemory);
            ReliabilityKernels.CopyInts(N, input, refused, gpu);
            ReliabilityKernels.MultiplyAddInPlace(N, 2, refused, sameStreamDependent, gpu);
            ReliabilityKernels.MultiplyAddInPlace(N, 3, refused, cpuDependent, cpu);

            var failure = Assert.Throws<KernelExecutionException>(() => refused.ToArray());
            Assert.Equal("ReliabilityKernels.CopyInts", failure.KernelName);
            Assert.Contains("vkQueueSubmit", failure.Message, StringComparison.Ordinal);
            Assert.Contains("ErrorOutOfDeviceMemory", failure.Message, StringComparison.Ordinal);
            Assert.IsType<OutOfMemoryException>(failure.InnerException);

            // The refused batch's completion did not claim batch 1 finished while it still ran.
            Assert.Equal(Iota(N).Select(i => i + 1f).ToArray(), slowOutput.ToArray());

            // The ops that read the refused output do not run: the CPU one is skipped; the GPU one is skipped too, or,
            // when it was recorded into the refused batch, fails with it.
            var cpuSkipped = Assert.Throws<KernelExecutionException>(() => cpuDependent.ToArray());
            Assert.Equal("ReliabilityKernels.CopyInts", cpuSkipped.OriginalKernelName);
            var gpuFailed = Assert.Throws<KernelExecutionException>(() => sameStreamDependent.ToArray());
            Assert.True(gpuFailed.OriginalKernelName == "ReliabilityKernels.CopyInts" || gpuFailed.Message.Contains("vkQueueSubmit", StringComparison.Ordinal),
                gpuFailed.Message);
            Assert.All(RawContents(cpuDependent), value => Assert.Equal(Sentinel, value));
            Assert.All(RawContents(sameStreamDependent), value => Assert.Equal(Sentinel, value));

            Mx.Synchronize();

            // The stream, and other GPU streams, keep working.
            using Array<int> fresh = Mx.Array(new int[N]);
            ReliabilityKernels.CopyInts(N, input, fresh, gpu);
            ReliabilityKernels.MultiplyAddInPlace(N, 2, fresh, fresh, Mx.Gpu);
            Assert.Equal(Iota(N).Select(i => 3 * i).ToArray(), fresh.ToArray());
        });
    }
}

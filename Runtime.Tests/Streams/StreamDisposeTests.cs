using System;
using System.Linq;
using System.Threading;
using Tandem.Backends.Vulkan.Compute;
using Tandem.Backends.Vulkan.GpuDevice;
using Tandem.Runtime.Tests.Backends.Vulkan.GpuDevice;
using Tandem.Runtime.Tests.Infrastructure;
using Tandem.Runtime.Tests.Reliability;
using Xunit;

namespace Tandem.Runtime.Tests.Streams;

/// <summary>
/// Streams made with Mx.NewStream own threads (one for a CPU stream, a worker and a completion thread for a GPU
/// stream) until disposed: Dispose waits for the queued work, stops the threads, and the stream refuses new work.
/// </summary>
public sealed class StreamDisposeTests
{
    private const int N = 4096;

    public static TheoryData<string> Devices => TestDevices.All();

    [Theory]
    [MemberData(nameof(Devices))]
    public void Dispose_waits_for_the_queued_work_then_stops_the_stream_s_threads(string device)
    {
        Bounded.Run(() =>
        {
            int before = RuntimeBaseline.CountStreamThreads();
            DeviceStream stream = Mx.NewStream(TestDevices.Resolve(device));
            Assert.Equal(before + (device == "gpu" ? 2 : 1), RuntimeBaseline.CountStreamThreads());

            using Array<int> ones = Mx.Full([N], 1, Mx.Cpu);
            using Array<int> total = Mx.Zeros<int>([N]);
            for (int i = 0; i < 200; i++)
            {
                ReliabilityKernels.MultiplyAddInPlace(N, 1, ones, total, stream);
            }

            stream.Dispose();
            Assert.True(stream.IsDisposed);
            Assert.True(stream.Executor.Timeline.HasReached(stream.Executor.LastSubmitted), "Dispose returned before the queued work finished.");
            Assert.DoesNotContain(stream, Tandem.Devices.StreamRegistry.All());
            Assert.All(total.ToArray(), value => Assert.Equal(200, value));
            WaitForThreadCount(before);
            stream.Dispose(); // a second time does nothing
        });
    }

    [Theory]
    [MemberData(nameof(Devices))]
    public void A_disposed_stream_refuses_new_work_and_still_reports_its_failures(string device)
    {
        Bounded.Run(() =>
        {
            DeviceStream stream = Mx.NewStream(TestDevices.Resolve(device));
            using Array<int> source = Mx.Full([N], 3, Mx.Cpu);
            using Array<int> destination = Mx.Zeros<int>([N]);
            try
            {
                FaultInjection.FailLaunches(op => op.Stream == stream);
                ReliabilityKernels.CopyInts(N, source, destination, stream);
                stream.Dispose(); // waits, and does not throw the failure
            }
            finally
            {
                FaultInjection.Reset();
            }

            var refused = Assert.Throws<ObjectDisposedException>(() => ReliabilityKernels.CopyInts(N, source, destination, stream));
            Assert.Contains("ReliabilityKernels.CopyInts", refused.Message, StringComparison.Ordinal);
            Assert.Contains("disposed", refused.Message, StringComparison.Ordinal);

            var failure = Assert.Throws<KernelExecutionException>(stream.Synchronize);
            Assert.Equal("ReliabilityKernels.CopyInts", failure.KernelName);
            stream.Synchronize(); // reported once
            Assert.Throws<KernelExecutionException>(() => destination.ToArray());
            Assert.Equal(Enumerable.Repeat(3, N), source.ToArray());
        });
    }

    [MxGpuFact]
    public void A_new_GPU_stream_reuses_a_disposed_one_s_Vulkan_stream_and_numbers_its_ops_past_it()
    {
        Bounded.Run(() =>
        {
            using Array<float> x = Mx.Array(Enumerable.Range(0, N).Select(i => (float)i).ToArray());
            using Array<float> y = Mx.Zeros<float>([N]);
            using Array<float> z = Mx.Zeros<float>([N]);
            DeviceStream first = Mx.NewStream(Mx.Gpu);
            GpuTestKernels.SlowIncrementCopy(N, 100, x, y, first);
            CommandRecorder recorder = ((GpuStreamExecutor)first.Executor).Recorder;
            first.Dispose();
            ulong reached = recorder.SubmittedValue;
            Assert.True(reached > 0);

            using DeviceStream second = Mx.NewStream(Mx.Gpu);
            using DeviceStream other = Mx.NewStream(Mx.Gpu);
            Assert.Same(recorder, ((GpuStreamExecutor)second.Executor).Recorder);
            Assert.Equal(reached, second.Executor.LastSubmitted);

            // Both directions across GPU streams: other waits for second's op on the device, then second for other's.
            GpuTestKernels.SlowIncrementCopy(N, 2000, y, z, second);
            GpuTestKernels.AddOne(N, z, other);
            GpuTestKernels.AddOne(N, z, second);
            Assert.Equal(Enumerable.Range(0, N).Select(i => i + 4f).ToArray(), z.ToArray());
            Assert.True(second.Executor.LastSubmitted > reached);
        });
    }

    [Fact]
    public void Disposing_a_default_stream_does_nothing()
    {
        Bounded.Run(() =>
        {
            Mx.DefaultStream(Mx.Cpu).Dispose();
            using (Mx.DefaultStream(Mx.Cpu))
            {
            }

            Assert.False(Mx.DefaultStream(Mx.Cpu).IsDisposed);
            using Array<int> still = Mx.Full([4], 2, Mx.Cpu);
            Assert.Equal(new[] { 2, 2, 2, 2 }, still.ToArray());
        });
    }

    private static void WaitForThreadCount(int expected)
    {
        int count = RuntimeBaseline.CountStreamThreads();
        for (int attempt = 0; attempt < 50 && count != expected; attempt++)
        {
            Thread.Sleep(100);
            count = RuntimeBaseline.CountStreamThreads();
        }

        Assert.Equal(expected, count);
    }
}

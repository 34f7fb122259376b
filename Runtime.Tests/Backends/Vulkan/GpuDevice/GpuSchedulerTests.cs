using System;
using System.Linq;
using System.Threading;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Backends.Vulkan.GpuDevice;

/// <summary>
/// The scheduler's guarantees with GPU streams: same-stream order, RAW/WAR/WAW across GPU streams and across devices,
/// host reads that wait only for what they need, and no deadlock when a GPU stream waits for a blocked CPU stream.
/// </summary>
public sealed class GpuSchedulerTests : GpuTestBase
{
    // Busy-loop steps per thread of SlowIncrementCopy: tens of milliseconds on llvmpipe, so a missing wait shows.
    private const int Work = 20_000;
    private const int N = 4096;

    [MxGpuFact]
    public void The_design_example_runs_across_devices()
    {
        Bounded.Run(() =>
        {
            using Array<float> a = Mx.Random.Normal([100_000], key: 20);
            using Array<float> b = Mx.Random.Normal([100_000], key: 21);
            using Array<float> c = Mx.Add(a, b, Mx.Cpu);
            using Array<float> d = Mx.Add(a, c, Mx.Gpu);   // waits for c by itself
            using Array<float> e = Mx.Add(d, c, Mx.Cpu);   // and back

            float[] x = a.ToArray();
            float[] y = b.ToArray();
            float[] expectedD = x.Select((value, i) => value + (value + y[i])).ToArray();
            Assert.Equal(expectedD, d.ToArray());
            Assert.Equal(expectedD.Select((value, i) => value + (x[i] + y[i])).ToArray(), e.ToArray());
        });
    }

    [MxGpuFact]
    public void A_GPU_stream_reads_what_another_GPU_stream_wrote()
    {
        Bounded.Run(() =>
        {
            DeviceStream s1 = Mx.NewStream(Mx.Gpu);
            DeviceStream s2 = Mx.NewStream(Mx.Gpu);
            using Array<float> x = Mx.Array(Enumerable.Range(0, N).Select(i => (float)i).ToArray());
            using Array<float> y = Mx.Zeros<float>([N]);
            using Array<float> z = Mx.Zeros<float>([N]);
            GpuTestKernels.SlowIncrementCopy(N, Work, x, y, s1);
            GpuTestKernels.SlowIncrementCopy(N, 0, y, z, s2);      // read after write across GPU streams
            Assert.Equal(Enumerable.Range(0, N).Select(i => i + 2f).ToArray(), z.ToArray());
        });
    }

    [MxGpuFact]
    public void Write_after_read_across_devices_keeps_the_old_values_for_the_reader()
    {
        Bounded.Run(() =>
        {
            using Array<float> x = Mx.Full([N], 3f, Mx.Cpu);
            using Array<float> fromGpu = Mx.Zeros<float>([N]);
            GpuTestKernels.SlowIncrementCopy(N, Work, x, fromGpu, Mx.Gpu);  // GPU reads x slowly
            TestOps.Fill(x, 100f, Mx.NewStream(Mx.Cpu));                   // then a CPU stream overwrites it
            Assert.All(fromGpu.ToArray(), value => Assert.Equal(4f, value));
            Assert.All(x.ToArray(), value => Assert.Equal(100f, value));

            using Array<float> fromCpu = Mx.Zeros<float>([N]);
            TestOps.Copy(x, fromCpu, Mx.NewStream(Mx.Cpu), delayMs: 50);   // CPU reads x slowly
            GpuTestKernels.Fill(N, -1f, x, Mx.Gpu);                         // then the GPU overwrites it
            Assert.All(fromCpu.ToArray(), value => Assert.Equal(100f, value));
            Assert.All(x.ToArray(), value => Assert.Equal(-1f, value));
        });
    }

    [MxGpuFact]
    public void Write_after_write_across_devices_keeps_the_later_write()
    {
        Bounded.Run(() =>
        {
            using Array<float> x = Mx.Zeros<float>([N]);
            TestOps.Fill(x, 1f, Mx.NewStream(Mx.Cpu), delayMs: 50);
            GpuTestKernels.Fill(N, 2f, x, Mx.NewStream(Mx.Gpu));
            Assert.All(x.ToArray(), value => Assert.Equal(2f, value));

            using Array<float> source = Mx.Full([N], 7f, Mx.Cpu);
            GpuTestKernels.SlowIncrementCopy(N, Work, source, x, Mx.NewStream(Mx.Gpu));  // writes 8 slowly
            TestOps.Fill(x, 5f, Mx.NewStream(Mx.Cpu));
            Assert.All(x.ToArray(), value => Assert.Equal(5f, value));
        });
    }

    [MxGpuFact]
    public void A_thousand_ops_alternating_between_CPU_and_GPU_streams_all_apply()
    {
        Bounded.Run(() =>
        {
            DeviceStream cpu = Mx.NewStream(Mx.Cpu);
            DeviceStream gpu = Mx.NewStream(Mx.Gpu);
            using Array<float> x = Mx.Zeros<float>([257]);
            for (int i = 0; i < 1000; i++)
            {
                GpuTestKernels.AddOne(257, x, i % 2 == 0 ? cpu : gpu);
            }

            Assert.All(x.ToArray(), value => Assert.Equal(1000f, value));
        }, TimeSpan.FromSeconds(60));
    }

    [MxGpuFact]
    public void A_long_chain_on_one_GPU_stream_spans_batches_and_stays_in_order()
    {
        Bounded.Run(() =>
        {
            DeviceStream gpu = Mx.NewStream(Mx.Gpu);
            using Array<float> x = Mx.Zeros<float>([1000]);
            using Array<float> y = Mx.Zeros<float>([1000]);
            for (int i = 0; i < 300; i++)
            {
                GpuTestKernels.AddOne(1000, x, gpu);                 // each depends on the one before: barriers
                GpuTestKernels.Add(1000, x, x, y, gpu);             // reads x, writes y (WAW on y with the last one)
            }

            Assert.All(x.ToArray(), value => Assert.Equal(300f, value));
            Assert.All(y.ToArray(), value => Assert.Equal(600f, value));
            gpu.Synchronize();
        });
    }

    [MxGpuFact]
    public void A_GPU_stream_waiting_for_a_blocked_CPU_stream_does_not_deadlock()
    {
        Bounded.Run(() =>
        {
            using var release = new ManualResetEventSlim();
            DeviceStream cpu = Mx.NewStream(Mx.Cpu);
            DeviceStream waiting = Mx.NewStream(Mx.Gpu);
            DeviceStream other = Mx.NewStream(Mx.Gpu);
            using Array<float> x = Mx.Zeros<float>([64]);
            using Array<float> y = Mx.Zeros<float>([64]);
            using Array<float> unrelated = Mx.Zeros<float>([64]);

            TestOps.Run("GpuSchedulerTests.Blocked", x, () => release.Wait(), cpu);
            GpuTestKernels.SlowIncrementCopy(64, 0, x, y, waiting);     // must wait for the blocked CPU op
            GpuTestKernels.AddOne(64, y, waiting);                      // queued behind the wait on its own stream
            GpuTestKernels.Fill(64, 9f, unrelated, other);              // another GPU stream is not held up

            Assert.All(unrelated.ToArray(), value => Assert.Equal(9f, value));
            Thread.Sleep(50);
            Assert.False(Tandem.Scheduling.Scheduler.LastWrite(y.Buffer)!.IsCompleted, "The GPU ops ran before the CPU op they read finished.");

            release.Set();
            Assert.All(y.ToArray(), value => Assert.Equal(2f, value));
            Mx.Synchronize();
        });
    }

    [MxGpuFact]
    public void ToArray_waits_only_for_the_writes_of_its_array()
    {
        Bounded.Run(() =>
        {
            using var release = new ManualResetEventSlim();
            using Array<float> blocked = Mx.Zeros<float>([16]);
            using Array<float> ready = Mx.Zeros<float>([16]);
            TestOps.Run("GpuSchedulerTests.Blocked", blocked, () => release.Wait(), Mx.NewStream(Mx.Cpu));
            GpuTestKernels.Fill(16, 4f, ready, Mx.NewStream(Mx.Gpu));
            Assert.All(ready.ToArray(), value => Assert.Equal(4f, value));   // returns while the CPU stream is blocked
            Assert.False(Tandem.Scheduling.Scheduler.LastWrite(blocked.Buffer)!.IsCompleted);
            release.Set();
            Mx.Synchronize();
        });
    }

    [MxGpuFact]
    public void Arrays_disposed_while_GPU_ops_are_queued_are_released_after_the_ops()
    {
        Bounded.Run(() =>
        {
            DeviceStream gpu = Mx.NewStream(Mx.Gpu);
            Array<float> x = Mx.Full([N], 1f, gpu);
            using Array<float> y = Mx.Zeros<float>([N]);
            GpuTestKernels.SlowIncrementCopy(N, Work, x, y, gpu);
            x.Dispose();
            Assert.False(x.Buffer.IsReleased);
            gpu.Synchronize();
            Assert.True(x.Buffer.IsReleased);
            Assert.All(y.ToArray(), value => Assert.Equal(2f, value));
        });
    }
}

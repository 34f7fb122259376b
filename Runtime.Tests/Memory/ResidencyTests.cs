using System;
using System.Linq;
using System.Threading.Tasks;
using Tandem.Backends.Vulkan.Compute;
using Tandem.Backends.Vulkan.GpuDevice;
using Tandem.Memory;
using Tandem.Runtime.Tests.Backends.Vulkan.GpuDevice;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Memory;

/// <summary>
/// Where an array's bytes are, in both memory modes (CI runs the suite a second time with TANDEM_GPU_MEMORY=mirrored):
/// copies appear when an access on their side needs them, bytes move only when the other side wrote them, fresh
/// outputs are neither cleared nor copied, zeros are made where they are first needed.
/// </summary>
public sealed class ResidencyTests : GpuTestBase
{
    private const int N = 1000;

    private static bool Mirrored => Backend.Allocator.Mirrored;

    private static long Copies => Backend.Transfer.Copies;

    private static float[] Iota(int length) => Enumerable.Range(0, length).Select(i => (float)i).ToArray();

    [MxGpuFact]
    public void A_GPU_result_lives_on_the_device_until_the_host_reads_it()
    {
        using Array<float> x = Mx.Array(Iota(N));
        long start = Copies;
        using Array<float> y = Mx.Multiply(x, 2f, Mx.Gpu);
        using Array<float> z = Mx.Add(y, x, Mx.Gpu);
        Mx.Synchronize();

        // x went up once; the fresh outputs y and z were neither cleared nor uploaded, and have no host copy yet.
        Assert.Equal(Mirrored ? 1 : 0, Copies - start);
        if (Mirrored)
        {
            Assert.Equal((false, true), z.Buffer.CurrentCopies);
            Assert.Equal(0, y.Buffer.HostPointer);
            Assert.Equal(0, z.Buffer.HostPointer);
        }
        else
        {
            Assert.Equal((true, true), z.Buffer.CurrentCopies);
        }

        // The host read makes the host copy, then; a second read moves nothing; y, never read, never gets one.
        Assert.Equal(Iota(N).Select(v => 3 * v), z.ToArray());
        Assert.Equal((true, true), z.Buffer.CurrentCopies);
        Assert.Equal(Iota(N).Select(v => 3 * v), z.ToArray());
        Assert.Equal(Mirrored ? 2 : 0, Copies - start);
        Assert.Equal(Mirrored, y.Buffer.HostPointer == 0);
    }

    [MxGpuFact]
    public void A_CPU_stream_reads_what_a_GPU_op_wrote_and_a_GPU_op_reads_what_the_host_wrote()
    {
        Bounded.Run(() =>
        {
            using DeviceStream cpu = Mx.NewStream(Mx.Cpu);
            // Small whole numbers: every result is exact on both devices.
            using Array<float> x = Mx.Array(Iota(N));
            using Array<float> onGpu = Mx.Add(Mx.Multiply(x, 3f, Mx.Gpu), 1f, Mx.Gpu);
            using Array<float> onCpu = Mx.Add(onGpu, 1f, cpu);            // downloads onGpu, on the CPU stream
            GpuTestKernels.AddOne(N, onGpu, Mx.Gpu);                      // the device copy is still current
            TestOps.Increment(onCpu, cpu);                                // a host write: onCpu's device copy (none) is stale
            using Array<float> back = Mx.Subtract(onCpu, onGpu, Mx.Gpu);  // uploads onCpu
            Assert.Equal(Enumerable.Repeat(1f, N), back.ToArray());
            Assert.Equal(Iota(N).Select(v => (3 * v) + 2), onGpu.ToArray());
        });
    }

    [MxGpuFact]
    public void Zeros_are_made_on_whichever_side_first_needs_them()
    {
        using Array<float> ones = Mx.Full([N], 1f, Mx.Gpu);

        // First needed by the GPU: filled there; in the mirrored mode no host copy exists until the host reads.
        using Array<float> forGpu = Mx.Zeros<float>([N], Mx.Gpu);
        Assert.Null(forGpu.Buffer.DeviceCopy);
        using Array<float> sum = Mx.Add(forGpu, ones, Mx.Gpu);
        Mx.Synchronize();
        Assert.Equal(Mirrored ? (false, true) : (true, true), forGpu.Buffer.CurrentCopies);
        Assert.All(sum.ToArray(), value => Assert.Equal(1f, value));
        Assert.All(forGpu.ToArray(), value => Assert.Equal(0f, value));

        // First needed by the host or a CPU stream: cleared there, no device copy at all in the mirrored mode.
        using Array<float> forHost = Mx.Zeros<float>([N], Mx.Gpu);
        Assert.All(forHost.ToArray(), value => Assert.Equal(0f, value));
        using Array<float> forCpu = Mx.Zeros<float>([N]);
        TestOps.Increment(forCpu, Mx.Cpu);
        Assert.All(forCpu.ToArray(), value => Assert.Equal(1f, value));
        if (Mirrored)
        {
            Assert.Null(forHost.Buffer.DeviceCopy);
            Assert.Null(forCpu.Buffer.DeviceCopy);
        }

        // Zeros a CPU stream wrote, then a GPU op reads: the written bytes go up, not zeros.
        GpuTestKernels.AddOne(N, forCpu, Mx.Gpu);
        Assert.All(forCpu.ToArray(), value => Assert.Equal(2f, value));
    }

    [MxGpuFact]
    public void Fresh_zeros_read_by_both_devices_at_once_are_zeros_on_both()
    {
        Bounded.Run(() =>
        {
            for (int round = 0; round < 20; round++)
            {
                using Array<float> zeros = Mx.Zeros<float>([N]);
                using Array<float> ones = Mx.Full([N], 1f, Mx.Cpu);
                using Array<float> onCpu = Mx.Add(zeros, ones, Mx.Cpu);
                using Array<float> onGpu = Mx.Add(zeros, ones, Mx.Gpu);
                Assert.All(onCpu.ToArray(), value => Assert.Equal(1f, value));
                Assert.All(onGpu.ToArray(), value => Assert.Equal(1f, value));
            }
        });
    }

    [MxGpuFact]
    public void Creation_ops_on_a_GPU_stream_fill_on_the_device()
    {
        long start = Copies;
        using Array<float> full = Mx.Full([N], 2.5f, Mx.Gpu);
        using Array<int> range = Mx.Arange(N, Mx.Gpu);
        using Array<float> uniform = Mx.Random.Uniform([N], key: 7, stream: Mx.Gpu);
        Mx.Synchronize();
        Assert.Equal(0, Copies - start);
        if (Mirrored)
        {
            Assert.Equal(0, full.Buffer.HostPointer);
            Assert.Equal(0, range.Buffer.HostPointer);
            Assert.Equal(0, uniform.Buffer.HostPointer);
        }

        // Uniform numbers in [0, 1) are exact on both devices: the same key gives the same bits.
        using Array<float> uniformOnCpu = Mx.Random.Uniform([N], key: 7, stream: Mx.Cpu);
        Assert.All(full.ToArray(), value => Assert.Equal(2.5f, value));
        Assert.Equal(Enumerable.Range(0, N), range.ToArray());
        Assert.Equal(uniformOnCpu.ToArray(), uniform.ToArray());
    }

    [MxGpuFact]
    public void Arrays_larger_than_a_staging_buffer_move_in_chunks_both_ways()
    {
        Bounded.Run(() =>
        {
            // 40 MB and an odd length: two full chunks and a partial one, each way.
            int length = (int)(GpuTransfer.StagingBytes * 5 / 2 / sizeof(float)) + 3;
            float[] data = Enumerable.Range(0, length).Select(i => (float)(i % 1000)).ToArray();
            using Array<float> x = Mx.Array(data);
            using Array<float> y = Mx.Add(x, 1f, Mx.Gpu);
            float[] result = y.ToArray();
            for (int i = 0; i < length; i++)
            {
                Assert.Equal(data[i] + 1f, result[i]);
            }
        }, TimeSpan.FromSeconds(120));
    }

    [MxGpuFact]
    public void Device_memory_the_CPU_cannot_map_is_uploaded_and_downloaded_through_staging_buffers()
    {
        // A transfer of the discrete kind over memory marked unmapped: the staging path both ways, in chunks.
        VulkanContext context = Backend.Context;
        using var transfer = new GpuTransfer(context, discrete: true);
        long bytes = (GpuTransfer.StagingBytes * 2) + 12;
        using VulkanBuffer device = context.CreateBuffer((ulong)bytes, MemoryPlacement.DeviceLocal);
        var allocation = new GpuAllocation(new BufferSlice(device, 0), (ulong)bytes, GpuHostAccess.None, transfer);
        byte[] source = Enumerable.Range(0, (int)bytes).Select(i => (byte)(i * 7)).ToArray();
        byte[] back = new byte[bytes];
        unsafe
        {
            fixed (byte* from = source)
            fixed (byte* to = back)
            {
                ulong uploaded = transfer.Upload(allocation, (nint)from, bytes);
                Assert.True(uploaded > 0);
                transfer.Recorder!.Wait(uploaded);
                transfer.Download(allocation, (nint)to, bytes);
            }
        }

        Assert.Equal(source, back);
        ulong filled = transfer.FillZeros(allocation, bytes - 2);
        transfer.Recorder!.Wait(filled);
        unsafe
        {
            fixed (byte* to = back)
            {
                transfer.Download(allocation, (nint)to, bytes);
            }
        }

        Assert.All(back.Take((int)bytes - 2), value => Assert.Equal(0, value));
    }

    [MxGpuFact]
    public void Mapped_VRAM_is_read_directly_for_a_few_bytes_and_through_staging_beyond()
    {
        // A transfer of the discrete kind over memory the CPU maps for writing (VRAM behind the BAR): a result of a few
        // bytes is read through the mapping, with no GPU copy; anything larger is staged.
        VulkanContext context = Backend.Context;
        using var transfer = new GpuTransfer(context, discrete: true);
        long bytes = GpuTransfer.MappedReadBytes * 4;
        using VulkanBuffer device = context.CreateBuffer((ulong)bytes, MemoryPlacement.Unified);
        var allocation = new GpuAllocation(new BufferSlice(device, 0), (ulong)bytes, GpuHostAccess.Writes, transfer);
        byte[] source = Enumerable.Range(0, (int)bytes).Select(i => (byte)(i * 13)).ToArray();
        foreach ((long size, bool staged) in new[] { (4L, false), (GpuTransfer.MappedReadBytes, false), (GpuTransfer.MappedReadBytes + 4, true), (bytes, true) })
        {
            byte[] back = new byte[size];
            ulong submitted = transfer.Recorder!.SubmittedValue;
            unsafe
            {
                fixed (byte* from = source)
                fixed (byte* to = back)
                {
                    Assert.Equal(0UL, transfer.Upload(allocation, (nint)from, bytes));
                    transfer.Download(allocation, (nint)to, size);
                }
            }

            Assert.Equal(source.Take((int)size), back);
            Assert.Equal(staged, transfer.Recorder.SubmittedValue > submitted);
        }
    }

    [MxGpuFact]
    public void Memory_figures_count_a_copy_on_each_side_and_one_shared_copy_once()
    {
        Bounded.Run(() =>
        {
            Mx.Synchronize();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            Mx.ClearCache();
            const int n = 250_000; // 1 MB per copy
            long before = Mx.Memory.ActiveBytes;
            using Array<float> x = Mx.Full([n], 1f, Mx.Gpu);
            Mx.Synchronize();
            long deviceOnly = Mx.Memory.ActiveBytes - before;
            Assert.InRange(deviceOnly, n * 4L, n * 5L);
            Assert.Equal(1f, x.ToArray()[n - 1]);
            long both = Mx.Memory.ActiveBytes - before;
            Assert.Equal(Mirrored ? 2 * deviceOnly : deviceOnly, both);
            Assert.True(Mx.Memory.PeakBytes >= Mx.Memory.ActiveBytes);
        });
    }

    [MxGpuFact]
    public void Concurrent_host_reads_of_one_GPU_result_download_it_once()
    {
        Bounded.Run(() =>
        {
            using Array<float> x = Mx.Full([N], 3f, Mx.Gpu);
            Mx.Synchronize();
            long start = Copies;
            float[][] reads = new float[8][];
            Parallel.For(0, reads.Length, i => reads[i] = x.ToArray());
            Assert.All(reads, read => Assert.All(read, value => Assert.Equal(3f, value)));
            Assert.Equal(Mirrored ? 1 : 0, Copies - start);
        });
    }
}

using System;
using System.Buffers.Binary;
using Tandem.Abi;
using Tandem.Backends.Vulkan.Compute;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Backends.Vulkan.Compute;

public sealed class DispatchTests(VulkanFixture fixture) : VulkanTestBase(fixture)
{
    [GpuFact]
    public void Saxpy_matches_the_cpu_reference() => RunSaxpy(Context, 10_007);

    [GpuFact]
    public void Saxpy_with_descriptor_pools_instead_of_push_descriptors()
    {
        using VulkanContext pooled = VulkanContext.Create(new VulkanContextOptions
        {
            Validation = true,
            UsePushDescriptors = false,
            ShaderCompiler = Fixture.Compiler,
        });
        Assert.False(pooled.Info.Features.PushDescriptor);
        RunSaxpy(pooled, 1000, repeats: 200); // more sets than one pool holds
    }

    [GpuFact]
    public void One_dimensional_launch_folds_past_the_group_count_limit()
    {
        const int groups = 70_000;
        int n = (groups * 64) - 5;
        ComputePipeline iota = Context.Pipelines.GetOrCreate(TestKernels.Iota, "Iota", 1, KernelAbi.ScalarsOffset(1) + 4, new Index3D(64, 1, 1));
        DispatchGrid grid = DispatchGrid.Compute(1, new Index3D(n, 1, 1), iota.GroupSize, Context.Info.Limits.MaxComputeWorkGroupCount);
        if (groups > Context.Info.Limits.MaxComputeWorkGroupCount.X)
        {
            Assert.True(grid.Groups.Y > 1, $"expected folding, got {grid}");
        }

        using VulkanBuffer output = Context.CreateBuffer((ulong)n * 4, MemoryPlacement.Unified);
        output.AsSpan<int>().Fill(-1);
        byte[] uniforms = new byte[iota.PushConstantSize];
        BinaryPrimitives.WriteInt32LittleEndian(uniforms.AsSpan(KernelAbi.ScalarsOffset(1)), 3);
        using CommandRecorder stream = Context.CreateRecorder();
        stream.Dispatch(iota, grid, [BufferBinding.Of<int>(output, n)], uniforms);
        stream.SubmitAndWait();

        Span<int> result = output.AsSpan<int>()[..n];
        for (int i = 0; i < n; i++)
        {
            if (result[i] != i + 3)
            {
                Assert.Fail($"out[{i}] = {result[i]}, expected {i + 3} (grid {grid})");
            }
        }
    }

    [GpuFact]
    public void Two_dimensional_launch_covers_the_extent()
    {
        var extent = new Index3D(37, 21, 1);
        ComputePipeline kernel = Context.Pipelines.GetOrCreate(TestKernels.Coordinates, "Coordinates", 1, KernelAbi.ScalarsOffset(1), new Index3D(8, 8, 1));
        using VulkanBuffer c = Context.CreateBuffer((ulong)extent.Count * 4, MemoryPlacement.Unified);
        using CommandRecorder stream = Context.CreateRecorder();
        stream.Dispatch(kernel, 2, extent, [BufferBinding.Of<int>(c, (int)extent.Count)], []);
        stream.SubmitAndWait();

        Span<int> result = c.AsSpan<int>();
        for (int y = 0; y < extent.Y; y++)
        {
            for (int x = 0; x < extent.X; x++)
            {
                Assert.Equal((x * 1000) + y, result[(y * extent.X) + x]);
            }
        }
    }

    [GpuFact]
    public void Dependent_dispatches_in_one_batch_see_each_other_with_a_barrier()
    {
        const int n = 4096;
        ComputePipeline iota = Context.Pipelines.GetOrCreate(TestKernels.Iota, "Iota", 1, KernelAbi.ScalarsOffset(1) + 4, new Index3D(64, 1, 1));
        ComputePipeline addOne = Context.Pipelines.GetOrCreate(TestKernels.AddOne, "AddOne", 2, KernelAbi.ScalarsOffset(2), new Index3D(64, 1, 1));
        using VulkanBuffer a = Context.CreateBuffer(n * 4);
        using VulkanBuffer b = Context.CreateBuffer(n * 4);
        using CommandRecorder stream = Context.CreateRecorder();
        byte[] iotaUniforms = new byte[iota.PushConstantSize];
        stream.Dispatch(iota, 1, new Index3D(n, 1, 1), [BufferBinding.Of<int>(a, n)], iotaUniforms);
        stream.Dispatch(addOne, 1, new Index3D(n, 1, 1), [BufferBinding.Of<int>(a, n), BufferBinding.Of<int>(b, n)], [], barrierBefore: true);
        stream.Dispatch(addOne, 1, new Index3D(n, 1, 1), [BufferBinding.Of<int>(b, n), BufferBinding.Of<int>(a, n)], [], barrierBefore: true);
        ulong value = stream.SubmitNext();
        Assert.Equal(1UL, value);
        Assert.True(stream.Wait(value, TimeSpan.FromSeconds(30)));

        Span<int> result = a.AsSpan<int>();
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(i + 2, result[i]);
        }
    }

    [GpuFact]
    public void Command_buffers_of_completed_batches_are_recycled()
    {
        const int n = 256;
        ComputePipeline iota = Context.Pipelines.GetOrCreate(TestKernels.Iota, "Iota", 1, KernelAbi.ScalarsOffset(1) + 4, new Index3D(64, 1, 1));
        using VulkanBuffer a = Context.CreateBuffer(n * 4);
        using CommandRecorder stream = Context.CreateRecorder();
        byte[] uniforms = new byte[iota.PushConstantSize];
        for (int k = 1; k <= 50; k++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(uniforms.AsSpan(KernelAbi.ScalarsOffset(1)), k);
            stream.Dispatch(iota, 1, new Index3D(n, 1, 1), [BufferBinding.Of<int>(a, n)], uniforms);
            Assert.Equal((ulong)k, stream.SubmitNext());
            stream.Wait((ulong)k);
        }

        Assert.True(stream.BatchesInFlight <= 1, $"{stream.BatchesInFlight} batches still held");
        Assert.Equal(50 + 5, a.AsSpan<int>()[5]);
    }

    [GpuFact]
    public void Staging_and_device_local_buffers_round_trip_through_copies()
    {
        const int n = 1000;
        using VulkanBuffer staging = Context.CreateBuffer(n * 4, MemoryPlacement.Staging);
        using VulkanBuffer device = Context.CreateBuffer(n * 4, MemoryPlacement.DeviceLocal);
        using VulkanBuffer back = Context.CreateBuffer(n * 4, MemoryPlacement.Staging);
        Assert.True(staging.IsHostVisible);
        for (int i = 0; i < n; i++)
        {
            staging.AsSpan<int>()[i] = i * 3;
        }

        ComputePipeline addOne = Context.Pipelines.GetOrCreate(TestKernels.AddOne, "AddOne", 2, KernelAbi.ScalarsOffset(2), new Index3D(64, 1, 1));
        using CommandRecorder stream = Context.CreateRecorder();
        stream.Copy(staging, 0, device, 0, n * 4);
        stream.Dispatch(addOne, 1, new Index3D(n, 1, 1), [BufferBinding.Of<int>(device, n), BufferBinding.Of<int>(device, n)], [], barrierBefore: true);
        stream.Copy(device, 0, back, 0, n * 4, barrierBefore: true);
        stream.SubmitAndWait();
        for (int i = 0; i < n; i++)
        {
            Assert.Equal((i * 3) + 1, back.AsSpan<int>()[i]);
        }
    }

    [GpuFact]
    public void Each_dispatch_sees_its_own_uniforms_whether_they_repeat_or_change()
    {
        // A chain of launches of one kernel binds its pipeline once and pushes repeated constants once: each dispatch
        // must still get its own constants.
        const int n = 300;
        ComputePipeline iota = Context.Pipelines.GetOrCreate(TestKernels.Iota, "Iota", 1, KernelAbi.ScalarsOffset(1) + 4, new Index3D(64, 1, 1));
        ComputePipeline addOne = Context.Pipelines.GetOrCreate(TestKernels.AddOne, "AddOne", 2, KernelAbi.ScalarsOffset(2), new Index3D(64, 1, 1));
        VulkanBuffer[] outputs = new VulkanBuffer[5];
        for (int i = 0; i < outputs.Length; i++)
        {
            outputs[i] = Context.CreateBuffer(n * 4, MemoryPlacement.Unified);
        }

        try
        {
            using CommandRecorder stream = Context.CreateRecorder();
            void Iota(int output, int offset)
            {
                byte[] uniforms = new byte[iota.PushConstantSize];
                BinaryPrimitives.WriteInt32LittleEndian(uniforms.AsSpan(KernelAbi.ScalarsOffset(1)), offset);
                stream.Dispatch(iota, 1, new Index3D(n, 1, 1), [BufferBinding.Of<int>(outputs[output], n)], uniforms);
            }

            Iota(0, 5);
            Iota(1, 5); // the same constants, another buffer
            Iota(2, 7); // changed constants
            stream.Dispatch(addOne, 1, new Index3D(n, 1, 1), [BufferBinding.Of<int>(outputs[2], n), BufferBinding.Of<int>(outputs[3], n)], [], barrierBefore: true);
            Iota(4, 7); // the last constants pushed for Iota, after another pipeline was bound
            stream.SubmitAndWait();

            // Pushed for every dispatch but the repeat of the same pipeline's last constants: Iota(1, 5).
            Assert.Equal(4, stream.ConstantPushes);

            int[] offsets = [5, 5, 7, 8, 7];
            for (int k = 0; k < outputs.Length; k++)
            {
                Span<int> result = outputs[k].AsSpan<int>()[..n];
                for (int i = 0; i < n; i++)
                {
                    Assert.True(result[i] == i + offsets[k], $"output {k}[{i}] = {result[i]}, expected {i + offsets[k]}");
                }
            }
        }
        finally
        {
            foreach (VulkanBuffer output in outputs)
            {
                output.Dispose();
            }
        }
    }

    [GpuFact]
    public void Fills_copies_and_dispatches_in_one_batch_each_see_the_one_before()
    {
        // Synchronization validation (on in these tests) reports any hazard a barrier leaves open between the stages.
        const int n = 1000;
        ComputePipeline addOne = Context.Pipelines.GetOrCreate(TestKernels.AddOne, "AddOne", 2, KernelAbi.ScalarsOffset(2), new Index3D(64, 1, 1));
        using VulkanBuffer a = Context.CreateBuffer(n * 4, MemoryPlacement.DeviceLocal);
        using VulkanBuffer b = Context.CreateBuffer(n * 4, MemoryPlacement.DeviceLocal);
        using VulkanBuffer c = Context.CreateBuffer(n * 4, MemoryPlacement.Staging);
        using CommandRecorder stream = Context.CreateRecorder();
        stream.Fill(a, 0, n * 4, 41);
        stream.Dispatch(addOne, 1, new Index3D(n, 1, 1), [BufferBinding.Of<int>(a, n), BufferBinding.Of<int>(b, n)], [], barrierBefore: true);
        stream.Copy(b, 0, a, 0, n * 4, barrierBefore: true);
        stream.Dispatch(addOne, 1, new Index3D(n, 1, 1), [BufferBinding.Of<int>(a, n), BufferBinding.Of<int>(b, n)], [], barrierBefore: true);
        stream.Copy(b, 0, c, 0, n * 4, barrierBefore: true);
        stream.SubmitAndWait();
        Assert.All(c.AsSpan<int>()[..n].ToArray(), value => Assert.Equal(43, value));
    }

    private static void RunSaxpy(VulkanContext context, int n, int repeats = 1)
    {
        var random = new Random(42);
        float[] x = new float[n], y = new float[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = (float)random.NextDouble();
            y[i] = (float)random.NextDouble();
        }

        const float alpha = 2.5f;
        float[] expected = (float[])y.Clone();
        for (int r = 0; r < repeats; r++)
        {
            for (int i = 0; i < n; i++)
            {
                expected[i] = (alpha * x[i]) + expected[i];
            }
        }

        ComputePipeline saxpy = context.Pipelines.GetOrCreate(TestKernels.Saxpy, "Saxpy", 2, KernelAbi.ScalarsOffset(2) + 4, new Index3D(64, 1, 1));
        using VulkanBuffer xs = context.CreateBuffer((ulong)n * 4, MemoryPlacement.Unified);
        using VulkanBuffer ys = context.CreateBuffer((ulong)n * 4, MemoryPlacement.Unified);
        x.CopyTo(xs.AsSpan<float>());
        y.CopyTo(ys.AsSpan<float>());
        byte[] uniforms = new byte[saxpy.PushConstantSize];
        BinaryPrimitives.WriteSingleLittleEndian(uniforms.AsSpan(KernelAbi.ScalarsOffset(2)), alpha);

        using CommandRecorder stream = context.CreateRecorder();
        for (int r = 0; r < repeats; r++)
        {
            stream.Dispatch(saxpy, 1, new Index3D(n, 1, 1), [BufferBinding.Of<float>(xs, n), BufferBinding.Of<float>(ys, n)], uniforms, barrierBefore: r > 0);
        }

        stream.SubmitAndWait();
        Span<float> result = ys.AsSpan<float>();
        for (int i = 0; i < n; i++)
        {
            Assert.True(MathF.Abs(expected[i] - result[i]) <= 1e-4f * MathF.Max(1, MathF.Abs(expected[i])), $"y[{i}] = {result[i]}, expected {expected[i]}");
        }
    }
}

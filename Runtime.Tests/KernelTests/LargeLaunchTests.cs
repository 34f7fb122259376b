using System;
using System.Linq;
using Tandem.Backends.Vulkan.Compute;
using Tandem.CompilerServices;
using Tandem.Runtime.Tests.Backends.Vulkan.Compute;
using Tandem.Runtime.Tests.Backends.Vulkan.GpuDevice;
using Tandem.Runtime.Tests.Infrastructure;
using Tandem.Runtime.Tests.Kernels;
using Xunit;

namespace Tandem.Runtime.Tests.KernelTests;

/// <summary>
/// Generated kernels launched past the device's group count along X (65,535 on llvmpipe, with groups of 256): the
/// grid folds into rows of groups, the kernel computes its index from both axes, and every element must be computed
/// once, at its own index, as on the CPU.
/// </summary>
public sealed class LargeLaunchTests
{
    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void A_1D_launch_past_65535_groups_computes_every_element_at_its_own_index(string device)
    {
        // GuardedDifference reads a neighbour, so it has only the ordinary entry point: one element per thread.
        const int n = (65_535 * 256) + 1_000;
        var x = Numerics.Floats(new Random(9), n);
        var expected = new float[n];
        for (var i = 0; i < n; i++)
        {
            StructuredKernels.GuardedDifference(i, n - 1, x, expected);
        }

        using Array<float> y = Mx.Zeros<float>([n]);
        StructuredKernels.GuardedDifference(n, n - 1, Mx.Array(x), y, stream: TestDevices.Resolve(device));
        Numerics.AssertExact(expected, y.ToArray(), "GuardedDifference");
    }

    /// <summary>
    /// The wide entry point (four elements a thread) past the group count along X: on llvmpipe that takes more than
    /// 65,535 x 1,024 ints, past the largest buffer it binds (128 MiB), so the device's limit is lowered for this
    /// dispatch instead (5 groups a row): the grid folds into 8 rows as a launch of 67 million ints would.
    /// </summary>
    [MxGpuFact]
    public void The_wide_entry_point_folded_into_rows_computes_every_element_at_its_own_index()
    {
        const int n = 40_003; // 10,001 threads of four elements (the last one three), 40 groups of 256
        KernelDescriptor kernel = KernelRegistry.KernelsOf(typeof(ElementwiseKernels).Assembly).Single(k => k.Name == "ElementwiseKernels.IndexRamp");
        VulkanContext context = GpuTestBase.Backend.Context;
        ComputePipeline wide = context.Pipelines.GetOrCreate(kernel.Hlsl, kernel.WideEntryPoint!, kernel.Buffers.Count, kernel.UniformByteSize, kernel.GroupSize);
        DispatchGrid grid = DispatchGrid.Compute(1, new Index3D(n, 1, 1), kernel.GroupSize, new Index3D(5, 65_535, 65_535), elementsPerThread: 4);
        Assert.Equal(new Index3D(5, 8, 1), grid.Groups);

        var x = Numerics.Ints(new Random(10), n);
        var expected = new float[n];
        for (var i = 0; i < n; i++)
        {
            ElementwiseKernels.IndexRamp(i, x, expected);
        }

        using VulkanBuffer xBuffer = context.CreateBuffer((ulong)n * sizeof(int), MemoryPlacement.Unified);
        using VulkanBuffer yBuffer = context.CreateBuffer((ulong)n * sizeof(float), MemoryPlacement.Unified);
        using CommandRecorder recorder = context.CreateRecorder();
        x.CopyTo(xBuffer.AsSpan<int>());
        yBuffer.AsSpan<float>()[..n].Fill(float.NaN);
        recorder.Dispatch(wide, grid, [BufferBinding.Of<int>(xBuffer, n), BufferBinding.Of<float>(yBuffer, n)], []);
        recorder.SubmitAndWait();
        Numerics.AssertExact(expected, yBuffer.AsSpan<float>()[..n].ToArray(), "IndexRamp, wide");
    }
}

using System;
using System.Linq;
using Tandem.Backends.Vulkan.Compute;
using Tandem.Backends.Vulkan.GpuDevice;
using Tandem.CompilerServices;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Backends.Vulkan.GpuDevice;

/// <summary>
/// The wide entry point of element-wise kernels (four elements per GPU thread): launches of at least
/// <see cref="WideEntryPoint.MinimumThreads"/> threads run it, every extent's tail is covered, and a launch that binds
/// one written array twice keeps C#'s per-element order by running the ordinary entry point.
/// </summary>
public sealed class GpuWideningTests : GpuTestBase
{
    [Fact]
    public void Element_wise_kernels_carry_a_wide_entry_point()
    {
        var kernels = KernelRegistry.KernelsOf(typeof(GpuTestKernels).Assembly).ToDictionary(k => k.Name);
        Assert.Equal("Add_x4", kernels["GpuTestKernels.Add"].WideEntryPoint);
        Assert.Null(kernels["GpuTestKernels.SlowIncrementCopy"].WideEntryPoint); // it loops
    }

    [MxGpuFact]
    public void Every_element_is_computed_once_whatever_the_extent()
    {
        var add = KernelRegistry.KernelsOf(typeof(GpuTestKernels).Assembly).Single(k => k.Name == "GpuTestKernels.Add");
        const int Wide = (int)WideEntryPoint.MinimumThreads;
        using (Array<float> a = Mx.Zeros<float>([4]))
        using (Array<float> b = Mx.Zeros<float>([4]))
        {
            Assert.True(WideEntryPoint.Fits(add, new Index3D(Wide, 1, 1), [a, a, b]));
            Assert.False(WideEntryPoint.Fits(add, new Index3D(Wide - 1, 1, 1), [a, a, b])); // latency-bound: the ordinary one
        }

        // Below the wide entry point's threshold, then at it with each tail of a group of four.
        foreach (int n in new[] { 0, 1, 3, 4, 5, 1023, 1024, 1025, Wide - 1, Wide, Wide + 1, Wide + 2, Wide + 3, 70_003 })
        {
            float[] a = Enumerable.Range(0, n + 5).Select(v => (float)v).ToArray();
            using Array<float> x = Mx.Array(a);
            using Array<float> y = Mx.Full<float>([n + 5], -1f);
            GpuTestKernels.Add(n, x, x, y, Mx.Gpu);
            float[] result = y.ToArray();
            for (int i = 0; i < n + 5; i++)
            {
                Assert.Equal(i < n ? 2f * i : -1f, result[i]);
            }
        }
    }

    [MxGpuFact]
    public void A_written_array_bound_twice_keeps_per_element_order()
    {
        // Large enough for the wide entry point, which only the aliasing keeps out.
        const int N = (int)WideEntryPoint.MinimumThreads + 1;
        using Array<float> shared = Mx.Full<float>([N], 5f);
        using Array<float> copy = Mx.Zeros<float>([N]);
        GpuTestKernels.WriteThenCopy(N, shared, shared, copy, Mx.Gpu);
        Assert.All(copy.ToArray(), value => Assert.Equal(1f, value));
        var kernel = KernelRegistry.KernelsOf(typeof(GpuTestKernels).Assembly).Single(k => k.Name == "GpuTestKernels.WriteThenCopy");
        var extent = new Index3D(N, 1, 1);
        Assert.False(WideEntryPoint.Fits(kernel, extent, [shared, shared, copy]));

        using Array<float> other = Mx.Full<float>([N], 5f);
        Assert.True(WideEntryPoint.Fits(kernel, extent, [shared, other, copy]));
        GpuTestKernels.WriteThenCopy(N, shared, other, copy, Mx.Gpu);
        Assert.All(copy.ToArray(), value => Assert.Equal(5f, value));
    }

    [Fact]
    public void A_wide_grid_covers_a_quarter_of_the_threads_and_keeps_the_extent()
    {
        var max = new Index3D(65535, 65535, 65535);
        DispatchGrid grid = DispatchGrid.Compute(1, new Index3D(1025, 1, 1), new Index3D(256, 1, 1), max, elementsPerThread: 4);
        Assert.Equal(new Index3D(2, 1, 1), grid.Groups); // 257 threads
        Assert.Equal(1025, grid.Extent.X);
        Assert.Throws<ArgumentException>(() => DispatchGrid.Compute(2, new Index3D(8, 8, 1), new Index3D(8, 8, 1), max, elementsPerThread: 4));
    }
}

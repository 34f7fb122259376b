using System;
using Tandem.CompilerServices;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Launching;

public sealed class LaunchValidationTests
{
    private static readonly KernelDescriptor s_saxpy = TestKernel.Describe("MyKernels.Saxpy", 1,
        TestBuffer.Read("x", indexed: true), TestBuffer.Write("y", indexed: true));

    private static readonly CpuKernelBody s_nothing = (_, _) => { };

    [Fact]
    public void A_null_array_throws_ArgumentNullException_naming_the_parameter()
    {
        using Array<float> y = Mx.Array(new float[3]);
        var failure = Assert.Throws<ArgumentNullException>(() => TestKernel.Launch(s_saxpy, 3, [null!, y], s_nothing, Mx.Cpu));
        Assert.Equal("x", failure.ParamName);
        Assert.Contains("MyKernels.Saxpy", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_negative_extent_throws_ArgumentOutOfRangeException()
    {
        using Array<float> x = Mx.Array(new float[3]);
        using Array<float> y = Mx.Array(new float[3]);
        Assert.Throws<ArgumentOutOfRangeException>(() => TestKernel.Launch(s_saxpy, -1, [x, y], s_nothing, Mx.Cpu));

        KernelDescriptor grid = TestKernel.Describe("MyKernels.Grid", 2, TestBuffer.Write("c"));
        Assert.Throws<ArgumentOutOfRangeException>(() => TestKernel.Launch(grid, new Index3D(2, -2, 1), [y], s_nothing, Mx.Cpu));
    }

    [Fact]
    public void An_extent_beyond_an_array_indexed_by_the_thread_index_throws_naming_everything()
    {
        using Array<float> x = Mx.Array(new float[5]);
        using Array<float> y = Mx.Array(new float[10]);
        var failure = Assert.Throws<ArgumentException>(() => TestKernel.Launch(s_saxpy, 10, [x, y], s_nothing, Mx.Cpu));
        Assert.Contains("MyKernels.Saxpy", failure.Message, StringComparison.Ordinal);
        Assert.Contains("'x'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("extent 10", failure.Message, StringComparison.Ordinal);
        Assert.Contains("length 5", failure.Message, StringComparison.Ordinal);
        Assert.Equal("x", failure.ParamName);
    }

    [Fact]
    public void An_extent_beyond_an_array_not_indexed_by_the_thread_index_is_allowed()
    {
        KernelDescriptor kernel = TestKernel.Describe("MyKernels.Reduce", 1, TestBuffer.Read("input", indexed: true), TestBuffer.Write("partial"));
        using Array<float> input = Mx.Array(new float[8]);
        using Array<float> partial = Mx.Array(new float[1]);
        TestKernel.Launch(kernel, 8, [input, partial], s_nothing, Mx.Cpu);
        Mx.DefaultStream(Mx.Cpu).Synchronize();
    }

    [Fact]
    public void A_wrong_element_size_throws_ArgumentException()
    {
        using Array<double> x = Mx.Array(new double[3]);
        using Array<float> y = Mx.Array(new float[3]);
        var failure = Assert.Throws<ArgumentException>(() => TestKernel.Launch(s_saxpy, 3, [x, y], s_nothing, Mx.Cpu));
        Assert.Contains("float64", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_number_of_arrays_or_uniform_bytes_throws_ArgumentException()
    {
        using Array<float> x = Mx.Array(new float[3]);
        Assert.Throws<ArgumentException>(() => TestKernel.Launch(s_saxpy, 3, [x], s_nothing, Mx.Cpu));
        Assert.Throws<ArgumentException>(() => KernelLauncher.Launch(s_saxpy, new Index3D(3, 1, 1), new UnifiedArray[] { x, x }, new byte[4], s_nothing, Mx.Cpu));
    }

    [Fact]
    public void A_rejected_launch_queues_nothing()
    {
        using Array<float> x = Mx.Array(new float[5]);
        using Array<float> y = Mx.Array(new float[10]);
        Assert.Throws<ArgumentException>(() => TestKernel.Launch(s_saxpy, 10, [x, y], s_nothing, Mx.Cpu));
        Assert.Null(Tandem.Scheduling.Scheduler.LastWrite(y.Buffer));
    }
}

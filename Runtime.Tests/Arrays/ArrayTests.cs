using System;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Arrays;

public sealed class ArrayTests
{
    [Fact]
    public void An_array_copies_its_data_and_reports_its_shape()
    {
        float[] data = [1, 2, 3, 4, 5, 6];
        using Array<float> array = Mx.Array(data, [2, 3]);
        data[0] = 100;

        Assert.Equal(new[] { 2, 3 }, array.Shape);
        Assert.Equal(6, array.Length);
        Assert.Equal(2, array.Rank);
        Assert.Equal(2, array.Ndim);
        Assert.Equal(sizeof(float), array.ElementSize);
        Assert.Equal(typeof(float), array.ElementType);
        Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6 }, array.ToArray());
    }

    [Fact]
    public void Shape_is_a_copy()
    {
        using Array<int> array = Mx.Array(new[] { 1, 2, 3 });
        array.Shape[0] = 7;
        Assert.Equal(new[] { 3 }, array.Shape);
    }

    [Fact]
    public void Empty_and_scalar_arrays_are_valid()
    {
        using Array<float> empty = Mx.Array(System.Array.Empty<float>());
        Assert.Equal(0, empty.Length);
        Assert.Empty(empty.ToArray());

        using Array<double> scalar = Mx.Array(new[] { 2.5 }, []);
        Assert.Empty(scalar.Shape);
        Assert.Equal(1, scalar.Length);
        Assert.Equal("array(2.5, dtype=float64)", scalar.ToString());
    }

    [Fact]
    public void A_shape_that_does_not_match_the_data_throws()
    {
        var failure = Assert.Throws<ArgumentException>(() => Mx.Array(new float[5], [2, 3]));
        Assert.Contains("[2, 3]", failure.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => Mx.Array(new float[0], [-1, 0]));
    }

    [Fact]
    public void ToString_looks_like_MLX()
    {
        using Array<float> vector = Mx.Array(new float[] { 1, 2.5f, 3 });
        Assert.Equal("array([1, 2.5, 3], dtype=float32)", vector.ToString());

        using Array<int> matrix = Mx.Array(new[] { 1, 2, 3, 4 }, [2, 2]);
        Assert.Equal("array([[1, 2],\n       [3, 4]], dtype=int32)", matrix.ToString());

        using Array<int> large = Mx.Array(new int[2000]);
        Assert.Equal("array([0, 0, 0, ..., 0, 0, 0], dtype=int32)", large.ToString());
    }

    [Fact]
    public unsafe void Memory_is_64_byte_aligned_and_zeroed()
    {
        for (int length = 0; length < 5000; length += 777)
        {
            using Array<float> array = Mx.Array(new float[length]);
            Assert.Equal(0, array.Buffer.HostPointer % 64);
        }

        // Reused memory is zeroed again.
        Array<int> first = Mx.Array(new int[4096]);
        first.HostSpan().Fill(7);
        first.Dispose();
        using Array<int> second = Mx.Array(new int[4096], [4096]);
        Assert.All(second.ToArray(), value => Assert.Equal(0, value));
    }

    [Fact]
    public void CopyTo_reads_the_elements_in_row_major_order_into_a_buffer_the_caller_keeps()
    {
        using Array<int> matrix = Mx.Array(new[] { 1, 2, 3, 4, 5, 6 }, [2, 3]);
        var buffer = new int[8];
        buffer.AsSpan().Fill(-1);
        matrix.CopyTo(buffer);
        Assert.Equal(new[] { 1, 2, 3, 4, 5, 6, -1, -1 }, buffer);

        // A view gives its own elements (a transpose gathers them); the same buffer serves again.
        using Array<int> transposed = matrix.T;
        transposed.CopyTo(buffer);
        Assert.Equal(new[] { 1, 4, 2, 5, 3, 6, -1, -1 }, buffer);

        using Array<int> doubled = Mx.Multiply(matrix, 2, Mx.Cpu);
        doubled.CopyTo(buffer.AsSpan(2));
        Assert.Equal(new[] { 1, 4, 2, 4, 6, 8, 10, 12 }, buffer);
    }

    [Fact]
    public void CopyTo_a_destination_too_short_throws_naming_both_lengths_and_writes_nothing()
    {
        using Array<float> matrix = Mx.Ones([2, 3]);
        var buffer = new float[5];
        var error = Assert.Throws<ArgumentException>(() => matrix.CopyTo(buffer));
        Assert.Equal("destination", error.ParamName);
        Assert.Contains("holds 5 elements", error.Message, StringComparison.Ordinal);
        Assert.Contains("has 6", error.Message, StringComparison.Ordinal);
        Assert.All(buffer, value => Assert.Equal(0f, value));

        matrix.Dispose();
        Assert.Throws<ObjectDisposedException>(() => matrix.CopyTo(new float[6]));
    }

    [MxGpuFact]
    public void CopyTo_reads_what_a_GPU_op_wrote_once_it_is_done()
    {
        using Array<float> x = Mx.Arange(0f, 1000f, 1f, Mx.Gpu);
        using Array<float> squared = Mx.Multiply(x, x, Mx.Gpu);
        var buffer = new float[1000];
        squared.CopyTo(buffer);
        for (int i = 0; i < buffer.Length; i++)
        {
            Assert.Equal((float)i * i, buffer[i]);
        }
    }
}

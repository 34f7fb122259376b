using System;
using System.Linq;
using Tandem.Runtime.Tests.Arrays;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Ops.Elementwise;

/// <summary>
/// Element-wise results of operands that share one dense permuted layout (<c>a.T + b.T</c>) keep that layout, as in
/// NumPy, torch and MLX, and behave as any array everywhere after; every other mix of layouts still gives a row-major
/// result.
/// </summary>
public sealed class KeptLayoutTests
{
    private static float[] Values(int length, int seed) => Numerics.Floats(new Random(seed), length);

    /// <summary>The transpose, row-major, of the [<paramref name="rows"/>, <paramref name="columns"/>] array holding <paramref name="values"/>.</summary>
    private static float[] Transposed(float[] values, int rows, int columns)
        => Enumerable.Range(0, values.Length).Select(i => values[((i % rows) * columns) + (i / rows)]).ToArray();

    /// <summary>The transpose (a view, holding the memory) of a new [<paramref name="rows"/>, <paramref name="columns"/>] array of <paramref name="values"/>.</summary>
    private static Array<float> TransposeOf(float[] values, int rows, int columns)
    {
        using Array<float> source = Mx.Array(values, [rows, columns]);
        return source.T;
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void Transposed_operands_give_a_transposed_result_with_the_right_elements(string device)
    {
        StreamOrDevice stream = TestDevices.Resolve(device);
        float[] xs = Values(33 * 17, 1);
        float[] ys = Values(33 * 17, 2);
        using Array<float> xt = TransposeOf(xs, 33, 17);
        using Array<float> yt = TransposeOf(ys, 33, 17);

        using Array<float> sum = Mx.Add(xt, yt, stream);

        Assert.Equal([17, 33], sum.Shape);
        Assert.False(sum.IsRowContiguous);
        Assert.Equal(xt.Layout.Strides, sum.Layout.Strides);
        Assert.Equal(0, sum.Offset);
        Assert.Equal((long)sum.Length * sizeof(float), sum.Buffer.ByteLength);
        Numerics.AssertExact(Transposed(xs.Zip(ys, (a, b) => a + b).ToArray(), 33, 17), sum.ToArray(), "a.T + b.T");
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void A_permutation_of_three_axes_is_kept(string device)
    {
        StreamOrDevice stream = TestDevices.Resolve(device);
        int[] shape = [3, 5, 7];
        float[] xs = Values(105, 3);
        float[] ys = Values(105, 4);
        using Array<float> x = Mx.Array(xs, shape);
        using Array<float> y = Mx.Array(ys, shape);
        using Array<float> xp = Mx.Transpose(x, [2, 0, 1]);
        using Array<float> yp = Mx.Transpose(y, [2, 0, 1]);

        using Array<float> product = Mx.Multiply(xp, yp, stream);

        Assert.Equal([7, 3, 5], product.Shape);
        Assert.False(product.IsRowContiguous);
        Assert.Equal(xp.Layout.Strides, product.Layout.Strides);
        float[] expected = new ReferenceArray(xs.Zip(ys, (a, b) => (double)(a * b)).ToArray(), shape).Permute([2, 0, 1]).Data
            .Select(v => (float)v).ToArray();
        Numerics.AssertExact(expected, product.ToArray(), "permuted x * y");
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void Unary_and_scalar_ops_on_a_transposed_array_keep_its_layout(string device)
    {
        StreamOrDevice stream = TestDevices.Resolve(device);
        float[] xs = Values(9 * 31, 5);
        using Array<float> xt = TransposeOf(xs, 9, 31);
        float[] transposed = Transposed(xs, 9, 31);

        using Array<float> exp = Mx.Exp(xt, stream);
        using Array<float> doubled = Mx.Multiply(xt, 2f, stream);
        using Array<float> fromTwo = Mx.Subtract(2f, xt, stream);

        foreach (Array<float> result in new[] { exp, doubled, fromTwo })
        {
            Assert.Equal([31, 9], result.Shape);
            Assert.False(result.IsRowContiguous);
            Assert.Equal(xt.Layout.Strides, result.Layout.Strides);
        }

        Numerics.AssertUlps(transposed.Select(MathF.Exp).ToArray(), exp.ToArray(), UlpBounds.Exp(device, 4), "Exp(a.T)");
        Numerics.AssertExact(transposed.Select(v => v * 2f).ToArray(), doubled.ToArray(), "a.T * 2");
        Numerics.AssertExact(transposed.Select(v => 2f - v).ToArray(), fromTwo.ToArray(), "2 - a.T");
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void AsType_keeps_a_transposed_layout_except_for_uint8(string device)
    {
        StreamOrDevice stream = TestDevices.Resolve(device);
        float[] xs = Values(5 * 7, 6);
        using Array<float> xt = TransposeOf(xs, 5, 7);
        float[] transposed = Transposed(xs, 5, 7);

        using Array<double> doubles = xt.AsType<double>(stream);
        using Array<float> same = xt.AsType<float>(stream);
        using Array<int> ints = xt.AsType<int>(stream);
        using Array<bool> bools = xt.AsType<bool>(stream);
        using Array<byte> bytes = xt.AsType<byte>(stream);

        Assert.False(doubles.IsRowContiguous);
        Assert.False(same.IsRowContiguous);
        Assert.False(ints.IsRowContiguous);
        Assert.False(bools.IsRowContiguous);
        Assert.True(bytes.IsRowContiguous);
        Assert.NotSame(xt.Buffer, same.Buffer);
        Numerics.AssertExact(transposed.Select(v => (double)v).ToArray(), doubles.ToArray(), "AsType<double>");
        Numerics.AssertExact(transposed, same.ToArray(), "AsType<float>");
        Assert.Equal(transposed.Select(v => (int)v), ints.ToArray());
        Assert.Equal(transposed.Select(v => v != 0), bools.ToArray());
        Assert.Equal(transposed.Select(v => (byte)(int)v), bytes.ToArray());
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void Comparisons_of_transposed_operands_keep_their_layout_and_Where_reads_them(string device)
    {
        StreamOrDevice stream = TestDevices.Resolve(device);
        float[] xs = Values(7 * 9, 11);
        float[] ys = Values(7 * 9, 12);
        xs[5] = float.NaN;
        using Array<float> xt = TransposeOf(xs, 7, 9);
        using Array<float> yt = TransposeOf(ys, 7, 9);
        float[] x = Transposed(xs, 7, 9);
        float[] y = Transposed(ys, 7, 9);

        using Array<bool> greater = Mx.Greater(xt, yt, stream);
        using Array<bool> positive = Mx.Greater(xt, 0f, stream);
        using Array<bool> below = Mx.Less(0.5f, xt, stream);
        using Array<bool> nan = Mx.IsNaN(xt, stream);
        using Array<float> picked = Mx.Where(greater, xt, yt, stream);

        foreach (Array<bool> result in new[] { greater, positive, below, nan })
        {
            Assert.False(result.IsRowContiguous);
            Assert.Equal([9, 7], result.Shape);
        }

        Assert.Equal(x.Zip(y, (a, b) => a > b), greater.ToArray());
        Assert.Equal(x.Select(a => a > 0f), positive.ToArray());
        Assert.Equal(x.Select(a => 0.5f < a), below.ToArray());
        Assert.Equal(x.Select(float.IsNaN), nan.ToArray());
        Numerics.AssertExact(x.Zip(y, (a, b) => a > b ? a : b).ToArray(), picked.ToArray(), "Where");
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void A_kept_result_works_as_any_array_downstream(string device)
    {
        StreamOrDevice stream = TestDevices.Resolve(device);
        float[] xs = Values(6 * 10, 7);
        float[] ys = Values(6 * 10, 8);
        using Array<float> x = Mx.Array(xs, [6, 10]);
        using Array<float> xt = x.T;
        using Array<float> yt = TransposeOf(ys, 6, 10);
        using Array<float> sum = Mx.Add(xt, yt, stream);
        float[] expected = Transposed(xs.Zip(ys, (a, b) => a + b).ToArray(), 6, 10);

        // Another op with an operand of the same layout keeps it again; with a row-major one it gives a row-major result.
        using Array<float> again = Mx.Subtract(sum, yt, stream);
        Assert.False(again.IsRowContiguous);
        Numerics.AssertExact(expected.Zip(Transposed(ys, 6, 10), (s, b) => s - b).ToArray(), again.ToArray(), "(a.T + b.T) - b.T");
        using Array<float> rowMajor = Mx.Ones([10, 6]);
        using Array<float> mixed = Mx.Add(sum, rowMajor, stream);
        Assert.True(mixed.IsRowContiguous);
        Numerics.AssertExact(expected.Select(v => v + 1f).ToArray(), mixed.ToArray(), "kept + row-major");

        // Read into the caller's buffer: row-major order too.
        float[] read = new float[60];
        sum.CopyTo(read);
        Numerics.AssertExact(expected, read, "CopyTo");

        // Reductions along either axis.
        using Array<float> columns = Mx.Sum(sum, 0, stream: stream);
        using Array<float> rows = Mx.Sum(sum, 1, stream: stream);
        double[] columnSums = Enumerable.Range(0, 6).Select(c => Enumerable.Range(0, 10).Sum(r => (double)expected[(r * 6) + c])).ToArray();
        double[] rowSums = Enumerable.Range(0, 10).Select(r => Enumerable.Range(0, 6).Sum(c => (double)expected[(r * 6) + c])).ToArray();
        float[] columnScale = Enumerable.Range(0, 6).Select(c => Enumerable.Range(0, 10).Sum(r => Math.Abs(expected[(r * 6) + c]))).ToArray();
        float[] rowScale = Enumerable.Range(0, 10).Select(r => Enumerable.Range(0, 6).Sum(c => Math.Abs(expected[(r * 6) + c]))).ToArray();
        Numerics.AssertUlps(columnSums.Select(v => (float)v).ToArray(), columns.ToArray(), Numerics.SumUlps(10), columnScale, "Sum axis 0");
        Numerics.AssertUlps(rowSums.Select(v => (float)v).ToArray(), rows.ToArray(), Numerics.SumUlps(6), rowScale, "Sum axis 1");

        // Reshape: a copy when the axes do not merge in memory order, a view when they do.
        using Array<float> flat = sum.Reshape(-1);
        Assert.True(flat.IsRowContiguous);
        Numerics.AssertExact(expected, flat.ToArray(), "Reshape(-1)");
        using Array<float> split = sum.Reshape(2, 5, 6);
        Assert.Same(sum.Buffer, split.Buffer);
        Numerics.AssertExact(expected, split.ToArray(), "Reshape(2, 5, 6)");

        // Contiguous gives a row-major copy; Matmul reads the layout in place.
        using Array<float> contiguous = Mx.Contiguous(sum, stream);
        Assert.True(contiguous.IsRowContiguous);
        Numerics.AssertExact(expected, contiguous.ToArray(), "Contiguous");
        using Array<float> product = Mx.Matmul(sum, x, stream);
        float[] products = new float[100];
        float[] productScale = new float[100];
        for (int r = 0; r < 10; r++)
        {
            for (int c = 0; c < 10; c++)
            {
                double total = 0;
                for (int k = 0; k < 6; k++)
                {
                    total += (double)expected[(r * 6) + k] * xs[(k * 10) + c];
                    productScale[(r * 10) + c] += Math.Abs(expected[(r * 6) + k] * xs[(k * 10) + c]);
                }

                products[(r * 10) + c] = (float)total;
            }
        }

        Numerics.AssertUlps(products, product.ToArray(), Numerics.SumUlps(6), productScale, "Matmul of a kept result");

        // A user kernel reads it through a copy.
        using Array<float> scaled = Mx.Zeros([60]);
        ViewKernels.Scale(60, 2f, sum, scaled, stream);
        Numerics.AssertExact(expected.Select(v => 2f * v).ToArray(), scaled.ToArray(), "read by a kernel");
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void A_kernel_that_writes_a_kept_result_is_refused_with_what_to_do(string device)
    {
        StreamOrDevice stream = TestDevices.Resolve(device);
        using Array<float> xt = TransposeOf(new float[32], 4, 8);
        using Array<float> doubled = Mx.Add(xt, 2f, stream);
        using Array<float> ones = Mx.Ones([32]);

        var failure = Assert.Throws<ArgumentException>(() => ViewKernels.AddInto(32, ones, doubled, stream));

        Assert.Contains("not row-major", failure.Message, StringComparison.Ordinal);
        Assert.Contains("element-wise result", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Mx.Contiguous", failure.Message, StringComparison.Ordinal);
        Assert.All(doubled.ToArray(), v => Assert.Equal(2f, v));
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void Other_layouts_still_give_row_major_results(string device)
    {
        StreamOrDevice stream = TestDevices.Resolve(device);
        float[] xs = Values(12 * 5, 9);
        float[] ys = Values(12 * 5, 10);
        using Array<float> x = Mx.Array(xs, [12, 5]);
        using Array<float> y = Mx.Array(ys, [12, 5]);
        using Array<float> yt = y.T;
        using Array<float> square = Mx.Array(ys[..25], [5, 5]);
        using Array<float> squareT = square.T;
        using Array<float> xHead = x[..5];

        // Row-major operands: the row-major result, as always.
        using Array<float> plain = Mx.Add(x, y, stream);
        using Array<float> plainExp = Mx.Exp(x, stream);
        using Array<float> plainScalar = Mx.Multiply(x, 3f, stream);
        Assert.True(plain.IsRowContiguous);
        Assert.True(plainExp.IsRowContiguous);
        Assert.True(plainScalar.IsRowContiguous);
        Numerics.AssertExact(xs.Zip(ys, (a, b) => a + b).ToArray(), plain.ToArray(), "x + y");

        // A transposed operand with a row-major one: the strided kernel, a row-major result.
        using Array<float> mixed = Mx.Add(squareT, xHead, stream);
        Assert.True(mixed.IsRowContiguous);
        Numerics.AssertExact(Transposed(ys[..25], 5, 5).Zip(xs[..25], (a, b) => a + b).ToArray(), mixed.ToArray(), "a.T + b");

        // A slice is not dense: copied first, a row-major result.
        using Array<float> slice = x[1..11, 1..4];
        using Array<float> sliceExp = Mx.Exp(slice, stream);
        Assert.True(sliceExp.IsRowContiguous);

        // Broadcasting against a transposed operand is not kept either.
        using Array<float> row = Mx.Array(xs[..12]);
        using Array<float> broadcast = Mx.Add(yt, row, stream);
        Assert.True(broadcast.IsRowContiguous);
        float[] transposedY = Transposed(ys, 12, 5);
        Numerics.AssertExact(transposedY.Select((v, i) => v + xs[i % 12]).ToArray(), broadcast.ToArray(), "b.T + row");
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void A_transposed_operand_inside_its_buffer_is_kept_where_the_device_binds_its_start(string device)
    {
        StreamOrDevice stream = TestDevices.Resolve(device);
        float[] xs = Values(2 * 5 * 3, 11);
        using Array<float> x = Mx.Array(xs, [2, 5, 3]);
        using Array<float> second = x[1];                 // starts 15 floats (60 bytes) into the buffer
        using Array<float> secondT = second.T;

        using Array<float> negated = Mx.Negative(secondT, stream);

        if (device == "cpu")
        {
            Assert.False(negated.IsRowContiguous);
        }

        Numerics.AssertExact(Transposed(xs[15..], 5, 3).Select(v => -v).ToArray(), negated.ToArray(), "-(x[1].T)");
    }

    [Fact]
    public void Disposing_a_kept_result_frees_its_memory()
    {
        DeviceStream stream = Mx.NewStream(Mx.Cpu);
        using Array<float> x = Mx.Ones([64, 3]);
        using Array<float> xt = x.T;
        Array<float> sum = Mx.Add(xt, xt, stream);
        Assert.False(sum.IsRowContiguous);
        Assert.All(sum.ToArray(), v => Assert.Equal(2f, v));

        sum.Dispose();
        stream.Synchronize();

        Assert.True(sum.Buffer.IsReleased);
        Assert.False(x.Buffer.IsReleased);
    }

    [Theory]
    [InlineData(new[] { 3, 4 }, new[] { 4, 1 }, true)]
    [InlineData(new[] { 3, 4 }, new[] { 1, 3 }, true)]
    [InlineData(new[] { 2, 3, 4 }, new[] { 1, 8, 2 }, true)]
    [InlineData(new[] { 1, 4, 1 }, new[] { 99, 1, 7 }, true)]
    [InlineData(new[] { 3, 4 }, new[] { 1, 4 }, false)]
    [InlineData(new[] { 3, 4 }, new[] { 5, 1 }, false)]
    [InlineData(new[] { 3, 4 }, new[] { 0, 1 }, false)]
    [InlineData(new[] { 2, 2 }, new[] { 1, 1 }, false)]
    public void Dense_means_the_elements_fill_their_range_in_some_axis_order(int[] shape, int[] strides, bool dense)
        => Assert.Equal(dense, ArrayLayout.Of(shape, strides, 5).IsDense);
}

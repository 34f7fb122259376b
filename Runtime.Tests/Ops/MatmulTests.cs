using System;
using System.Linq;
using Tandem.Ops.Linalg;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Ops;

/// <summary>
/// <c>Mx.Matmul</c>'s NumPy rules on both devices: 1-D operands, batch axes that broadcast, transposed and sliced views
/// read in place, views that need a copy, empty sizes, and the errors. The inputs are small integers, so every product
/// and sum is exact in float and the results must equal a reference computed in double bit for bit.
/// </summary>
public sealed class MatmulTests
{
    public static TheoryData<string> Devices() => TestDevices.All();

    [Theory]
    [MemberData(nameof(Devices))]
    public void Vectors_are_a_row_on_the_left_and_a_column_on_the_right(string device)
    {
        Check(device, [7], [7, 5], [5]);
        Check(device, [9, 7], [7], [9]);
        Check(device, [33], [33], []);
        Check(device, [6], [4, 6, 3], [4, 3]);
        Check(device, [2, 5, 6], [6], [2, 5]);
        Check(device, [1], [1], []);
    }

    [Theory]
    [MemberData(nameof(Devices))]
    public void Batch_axes_broadcast(string device)
    {
        Check(device, [8, 4, 3], [3, 5], [8, 4, 5]);
        Check(device, [4, 3], [8, 3, 5], [8, 4, 5]);
        Check(device, [2, 1, 4, 3], [5, 3, 2], [2, 5, 4, 2]);
        Check(device, [3, 1, 17, 33], [1, 4, 33, 65], [3, 4, 17, 65]);
        Check(device, [1, 1, 2, 3], [3, 2], [1, 1, 2, 2]);
        Check(device, [5, 1, 7], [5, 7, 1], [5, 1, 1]);
    }

    [Theory]
    [MemberData(nameof(Devices))]
    public void Odd_sizes_match_the_reference(string device)
    {
        foreach ((int m, int k, int n) in new[] { (1, 1, 1), (3, 5, 7), (65, 33, 17), (17, 129, 63), (130, 70, 1) })
        {
            Check(device, [m, k], [k, n], [m, n]);
            Check(device, [3, m, k], [3, k, n], [3, m, n]);
        }
    }

    [Theory]
    [MemberData(nameof(Devices))]
    public void Transposed_views_are_read_in_place(string device)
    {
        Device target = TestDevices.Resolve(device);
        using Array<float> x = Numbers([4, 33, 17], seed: 1);
        using Array<float> y = Numbers([4, 65, 33], seed: 2);
        using Array<float> xT = Mx.SwapAxes(x, -1, -2);        // [4, 17, 33]
        using Array<float> yT = Mx.SwapAxes(y, -1, -2);        // [4, 33, 65]
        Assert.True(MatrixProduct.ReadsInPlace(xT));
        Assert.True(MatrixProduct.ReadsInPlace(yT));
        using Array<float> batched = Compare(xT, yT, target);

        using Array<float> matrix = Numbers([20, 30], seed: 3);
        using Array<float> matrixT = matrix.T;
        using Array<float> rows = matrix[2..19, 5..];
        using Array<float> columns = matrixT[5.., 1..8];
        using Array<float> gram = Compare(matrixT, matrix, target);    // A.T A: the same buffer on both sides
        using Array<float> sliced = Compare(rows, columns, target);     // slices of rows and columns

        // The batch axis moved inside: batches do not merge into one stride, so the product runs batch by batch.
        using Array<float> batches = Numbers([3, 5, 6, 7], seed: 4);
        using Array<float> swapped = Mx.Transpose(batches, [1, 0, 2, 3]);    // [5, 3, 6, 7]
        using Array<float> right = Numbers([3, 7, 2], seed: 5);
        using Array<float> byBatch = Compare(swapped, right, target);
    }

    [Theory]
    [MemberData(nameof(Devices))]
    public void Views_without_a_unit_stride_are_copied_first(string device)
    {
        using Array<float> x = Numbers([9, 11, 2], seed: 6);
        using Array<float> everySecond = x[.., .., 0];          // [9, 11], strides [22, 2]
        Assert.False(MatrixProduct.ReadsInPlace(everySecond));
        using Array<float> y = Numbers([11, 4], seed: 7);
        using Array<float> yT = y.T;
        using Array<float> everySecondT = everySecond.T;
        using Array<float> product = Compare(everySecond, y, TestDevices.Resolve(device));
        using Array<float> productT = Compare(yT, everySecondT, TestDevices.Resolve(device));
    }

    [Theory]
    [MemberData(nameof(Devices))]
    public void Double_products_and_broadcast_views_match(string device)
    {
        Device target = TestDevices.Resolve(device);
        using Array<double> a = Mx.Array(Integers(5 * 6, seed: 8).Select(v => (double)v).ToArray(), [5, 6]);
        using Array<double> b = Mx.Array(Integers(6 * 3, seed: 9).Select(v => (double)v).ToArray(), [6, 3]);
        using Array<double> repeated = Mx.BroadcastTo(a, [4, 5, 6]);    // batch stride 0
        using Array<double> product = Mx.Matmul(repeated, b, target);
        using Array<double> single = Mx.Matmul(a, b, Mx.Cpu);
        Assert.Equal([4, 5, 3], product.Shape);
        double[] one = single.ToArray();
        Numerics.AssertExact([.. one, .. one, .. one, .. one], product.ToArray(), $"{device} broadcast");
    }

    [Theory]
    [MemberData(nameof(Devices))]
    public void Empty_sizes_give_empty_results_or_zeros(string device)
    {
        Device target = TestDevices.Resolve(device);
        using Array<float> batchOfEmpty = Mx.Zeros<float>([2, 3, 0]);
        using Array<float> emptyRows = Mx.Zeros<float>([0, 4]);
        using Array<float> noInner = Mx.Matmul(batchOfEmpty, emptyRows, target);
        Assert.Equal([2, 3, 4], noInner.Shape);
        Assert.Equal(new float[24], noInner.ToArray());

        using Array<float> emptyVector = Mx.Zeros<float>([0]);
        using Array<float> noVectors = Mx.Matmul(emptyVector, emptyVector, target);
        Assert.Equal([], noVectors.Shape);
        Assert.Equal(0f, noVectors.Item());

        using Array<float> emptyBatch = Mx.Zeros<float>([0, 3, 2]);
        using Array<float> ones = Mx.Ones<float>([2, 5]);
        using Array<float> noBatch = Mx.Matmul(emptyBatch, ones, target);
        Assert.Equal([0, 3, 5], noBatch.Shape);
        using Array<float> noMatrixRows = Mx.Zeros<float>([0, 2]);
        using Array<float> twoOnes = Mx.Ones<float>([2]);
        using Array<float> noRows = Mx.Matmul(noMatrixRows, twoOnes, target);
        Assert.Equal([0], noRows.Shape);
    }

    [Theory]
    [MemberData(nameof(Devices))]
    public void Shapes_that_do_not_multiply_are_refused_naming_both(string device)
    {
        Device target = TestDevices.Resolve(device);
        using Array<float> matrix = Mx.Zeros<float>([2, 3]);
        using Array<float> scalar = Mx.Zeros<float>([]);
        using Array<float> vector = Mx.Zeros<float>([2]);
        using Array<float> batchOf3 = Mx.Zeros<float>([3, 3, 4]);
        using Array<float> batchOf2 = Mx.Zeros<float>([2, 4, 5]);

        Assert.Contains("[] and [2, 3]", Assert.Throws<ArgumentException>(() => Mx.Matmul(scalar, matrix, target)).Message, StringComparison.Ordinal);
        Assert.Contains("[2, 3] and [2]", Assert.Throws<ArgumentException>(() => Mx.Matmul(matrix, vector, target)).Message, StringComparison.Ordinal);
        using (Array<float> row = Mx.Matmul(vector, matrix, target))
        {
            Assert.Equal([3], row.Shape);   // [2] by [2, 3] is a row times a matrix
        }

        string batches = Assert.Throws<ArgumentException>(() => Mx.Matmul(batchOf3, batchOf2, target)).Message;
        Assert.Contains("[3, 3, 4] and [2, 4, 5]", batches, StringComparison.Ordinal);
        Assert.Contains("batch", batches, StringComparison.Ordinal);
        using Array<int> ints = Mx.Zeros<int>([0, 2]);
        Assert.Throws<NotSupportedException>(() => Mx.Matmul(ints, ints.T, target));
    }

    /// <summary>Multiplies fresh arrays of <paramref name="aShape"/> and <paramref name="bShape"/> and checks the result's shape and values.</summary>
    private static void Check(string device, int[] aShape, int[] bShape, int[] expectedShape)
    {
        using Array<float> a = Numbers(aShape, seed: aShape.Sum() + 31);
        using Array<float> b = Numbers(bShape, seed: bShape.Sum() + 37);
        using Array<float> product = Compare(a, b, TestDevices.Resolve(device));
        Assert.Equal(expectedShape, product.Shape);
    }

    /// <summary>Checks <c>Mx.Matmul(a, b)</c> on <paramref name="device"/> against <see cref="Reference"/>; returns the product.</summary>
    private static Array<float> Compare(Array<float> a, Array<float> b, Device device)
    {
        Array<float> product = Mx.Matmul(a, b, device);
        (int[] shape, double[] expected) = Reference(a.Shape, a.ToArray(), b.Shape, b.ToArray());
        Assert.Equal(shape, product.Shape);
        Numerics.AssertExact(expected.Select(v => (float)v).ToArray(), product.ToArray(),
            $"{device.Type} {UnifiedArray.FormatShape(a.Shape)} by {UnifiedArray.FormatShape(b.Shape)}");
        return product;
    }

    /// <summary>NumPy's matmul written out in double over row-major data.</summary>
    private static (int[] Shape, double[] Values) Reference(int[] aShape, float[] a, int[] bShape, float[] b)
    {
        int[] left = aShape.Length == 1 ? [1, aShape[0]] : aShape;
        int[] right = bShape.Length == 1 ? [bShape[0], 1] : bShape;
        int m = left[^2], k = left[^1], n = right[^1];
        int rank = Math.Max(left.Length, right.Length) - 2;
        int[] batch = new int[rank];
        for (int axis = 0; axis < rank; axis++)
        {
            batch[axis] = Math.Max(Size(left, axis, rank), Size(right, axis, rank));
        }

        int count = batch.Aggregate(1, (x, y) => x * y);
        var values = new double[count * m * n];
        for (int index = 0; index < count; index++)
        {
            int aMatrix = 0, bMatrix = 0, rest = index, aScale = 1, bScale = 1;
            for (int axis = rank - 1; axis >= 0; axis--)
            {
                int at = rest % batch[axis];
                rest /= batch[axis];
                int aSize = Size(left, axis, rank), bSize = Size(right, axis, rank);
                aMatrix += (aSize == 1 ? 0 : at) * aScale;
                bMatrix += (bSize == 1 ? 0 : at) * bScale;
                aScale *= aSize;
                bScale *= bSize;
            }

            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    double sum = 0;
                    for (int p = 0; p < k; p++)
                    {
                        sum += (double)a[(aMatrix * m * k) + (i * k) + p] * b[(bMatrix * k * n) + (p * n) + j];
                    }

                    values[(index * m * n) + (i * n) + j] = sum;
                }
            }
        }

        int[] shape = [.. batch, .. aShape.Length == 1 ? Array.Empty<int>() : [m], .. bShape.Length == 1 ? Array.Empty<int>() : [n]];
        return (shape, values);
    }

    /// <summary>Axis <paramref name="axis"/> of a batch of rank <paramref name="rank"/> in <paramref name="shape"/>'s batch axes (1 where it has none).</summary>
    private static int Size(int[] shape, int axis, int rank)
    {
        int index = axis - (rank - (shape.Length - 2));
        return index < 0 ? 1 : shape[index];
    }

    private static Array<float> Numbers(int[] shape, int seed) =>
        Mx.Array(Integers(shape.Aggregate(1, (x, y) => x * y), seed).Select(v => (float)v).ToArray(), shape);

    private static int[] Integers(int length, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => random.Next(-3, 4)).ToArray();
    }
}

using System;
using System.Linq;
using Tandem.Runtime.Tests.Infrastructure;
using Tandem.Runtime.Tests.Kernels;
using Xunit;

namespace Tandem.Runtime.Tests.KernelTests;

/// <summary>
/// Kernels with group-shared memory and barriers against plain reference loops (their documented meaning), and
/// the launch rule for them: the extent must be a multiple of the group size.
/// </summary>
public sealed class GroupKernelTests
{
    public static TheoryData<string, int> DevicesAndGroups()
    {
        var data = new TheoryData<string, int>();
        foreach (var device in TestDevices.Names())
        {
            foreach (var groups in new[] { 1, 3, 700 })
            {
                data.Add(device, groups);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void Tiled_matrix_product_equals_the_naive_product(string device)
    {
        const int m = 24, k = 40, n = 32;
        var random = new Random(7);
        var a = Numerics.Floats(random, m * k);
        var b = Numerics.Floats(random, k * n);
        var expected = new float[m * n];
        for (var row = 0; row < m; row++)
        {
            for (var column = 0; column < n; column++)
            {
                var sum = 0f;
                for (var p = 0; p < k; p++)
                {
                    sum += a[row * k + p] * b[p * n + column];
                }

                expected[row * n + column] = sum;
            }
        }

        var c = Mx.Zeros<float>([m * n]);
        GroupKernels.TiledMatMul((n, m), k, n, Mx.Array(a), Mx.Array(b), c, stream: TestDevices.Resolve(device));
        // The tiles add the products in the reference's order.
        Numerics.AssertExact(expected, c.ToArray(), "tiled product");
    }

    [Theory]
    [MemberData(nameof(DevicesAndGroups))]
    public void Block_reduction_gives_one_sum_per_group(string device, int groups)
    {
        var length = groups * GroupKernels.BlockSize - 5;
        var x = Numerics.Floats(new Random(groups), length);
        float[] Blocks(Func<float, double> term) => Enumerable.Range(0, groups)
            .Select(g => (float)Enumerable.Range(g * GroupKernels.BlockSize, GroupKernels.BlockSize).Where(i => i < length).Sum(i => term(x[i])))
            .ToArray();
        var expected = Blocks(v => v);

        var partial = Mx.Zeros<float>([groups]);
        GroupKernels.BlockSum(groups * GroupKernels.BlockSize, Mx.Array(x), partial, stream: TestDevices.Resolve(device));
        Numerics.AssertUlps(expected, partial.ToArray(), Numerics.SumUlps(GroupKernels.BlockSize), Blocks(v => Math.Abs(v)), "block sums");
    }

    [Theory]
    [MemberData(nameof(DevicesAndGroups))]
    public void Shared_histogram_counts_every_value(string device, int groups)
    {
        var length = groups * GroupKernels.BlockSize - 3;
        var values = Numerics.Ints(new Random(groups + 1), length, 0, 1000);
        var expected = new int[GroupKernels.Bins];
        foreach (var value in values)
        {
            expected[value & (GroupKernels.Bins - 1)]++;
        }

        var histogram = Mx.Zeros<int>([GroupKernels.Bins]);
        GroupKernels.SharedHistogram(groups * GroupKernels.BlockSize, Mx.Array(values), histogram, stream: TestDevices.Resolve(device));
        Assert.Equal(expected, histogram.ToArray());
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void Group_coordinates_follow_global_index_equals_group_index_times_size_plus_thread_index(string device)
    {
        const int width = 8, height = 6;
        var output = Mx.Zeros<int>([width * height * 4]);
        GroupKernels.GroupCoordinates((width, height), width, output, stream: TestDevices.Resolve(device));
        var result = output.ToArray();
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var slot = (y * width + x) * 4;
                Assert.Equal(x % 4 + 10 * (y % 2), result[slot]);
                Assert.Equal(x / 4 + 10 * (y / 2), result[slot + 1]);
                Assert.Equal(402, result[slot + 2]);
                Assert.Equal(x == width - 1 ? 0 : 1, result[slot + 3]);
            }
        }
    }

    [Fact]
    public void Direct_call_is_a_group_of_one_thread()
    {
        var x = new float[] { 3f, 4f };
        var partial = new float[2];
        GroupKernels.BlockSum(1, x, partial);
        Assert.Equal(new[] { 4f, 0f }, partial);
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void Extent_not_a_multiple_of_the_group_size_is_refused(string device)
    {
        var partial = Mx.Zeros<float>([2]);
        var error = Assert.Throws<ArgumentException>(() =>
            GroupKernels.BlockSum(GroupKernels.BlockSize + 1, Mx.Array(new float[100]), partial, stream: TestDevices.Resolve(device)));
        Assert.Contains("multiple of the group size", error.Message, StringComparison.Ordinal);
    }
}

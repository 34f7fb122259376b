using System;
using System.Linq;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Ops.Reductions;

/// <summary>NumPy's rules at the edges: empty reductions, NaN, ties, and the errors at the call.</summary>
public sealed class ReductionEdgeTests
{
    [Theory]
    [MemberData(nameof(ReductionVariants.All), MemberType = typeof(ReductionVariants))]
    public void Empty_reductions_give_the_identity_or_throw(string device, bool subgroups)
    {
        using IDisposable? kernels = ReductionVariants.Use(subgroups);
        StreamOrDevice stream = TestDevices.Resolve(device);
        using Array<float> nothing = Mx.Zeros([0]);
        using Array<float> rows = Mx.Zeros([3, 0]);
        Assert.Equal(0f, Item(Mx.Sum(nothing, stream)));
        Assert.Equal(1f, Item(Mx.Prod(nothing, stream)));
        Assert.True(float.IsNaN(Item(Mx.Mean(nothing, stream))));
        Assert.True(float.IsNaN(Item(Mx.Var(nothing, stream))));
        Assert.Equal(float.NegativeInfinity, Item(Mx.LogSumExp(nothing, stream)));
        using (Array<float> sums = Mx.Sum(rows, 1, stream: stream))
        {
            Assert.Equal(new[] { 0f, 0f, 0f }, sums.ToArray());
        }

        using (Array<float> empty = Mx.Sum(rows, 0, keepDims: true, stream: stream))
        {
            Assert.Equal(new[] { 1, 0 }, empty.Shape);
        }

        var failure = Assert.Throws<ArgumentException>(() => Mx.Max(nothing, stream));
        Assert.Contains("Mx.Max", failure.Message, StringComparison.Ordinal);
        Assert.Contains("[0]", failure.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Mx.Min(rows, 1, stream: stream));
        Assert.Throws<ArgumentException>(() => Mx.ArgMax(rows, -1, stream: stream));
        Assert.Throws<ArgumentException>(() => Mx.ArgMin(nothing, stream));
        using Array<float> none = Mx.Max(rows, 0, stream: stream);
        Assert.Equal(new[] { 0 }, none.Shape);
        using Array<float> softmax = Mx.Softmax(rows, stream: stream);
        Assert.Equal(new[] { 3, 0 }, softmax.Shape);
    }

    [Theory]
    [MemberData(nameof(ReductionVariants.All), MemberType = typeof(ReductionVariants))]
    public void NaN_propagates_through_max_and_min_and_argmax_finds_the_first(string device, bool subgroups)
    {
        using IDisposable? kernels = ReductionVariants.Use(subgroups);
        StreamOrDevice stream = TestDevices.Resolve(device);
        foreach (int length in new[] { 5, 3000, 300_000 })
        {
            float[] data = Numerics.Floats(new Random(length), length);
            data[length / 3] = float.NaN;
            data[length - 2] = float.NaN;
            using Array<float> a = Mx.Array(data);
            Assert.True(float.IsNaN(Item(Mx.Max(a, stream))), $"Max of {length}");
            Assert.True(float.IsNaN(Item(Mx.Min(a, stream))), $"Min of {length}");
            Assert.True(float.IsNaN(Item(Mx.Sum(a, stream))), $"Sum of {length}");
            Assert.Equal(length / 3, Item(Mx.ArgMax(a, stream)));
            Assert.Equal(length / 3, Item(Mx.ArgMin(a, stream)));
        }

        using Array<double> rows = Mx.Array(new[] { 1.0, double.NaN, 3.0, 4.0, 5.0, 6.0 }, [2, 3]);
        using Array<double> max = Mx.Max(rows, 1, stream: stream);
        double[] maxima = max.ToArray();
        Assert.True(double.IsNaN(maxima[0]));
        Assert.Equal(6.0, maxima[1]);
    }

    [Theory]
    [MemberData(nameof(ReductionVariants.All), MemberType = typeof(ReductionVariants))]
    public void Ties_give_the_first_index(string device, bool subgroups)
    {
        using IDisposable? kernels = ReductionVariants.Use(subgroups);
        StreamOrDevice stream = TestDevices.Resolve(device);
        using Array<int> small = Mx.Array(new[] { 1, 3, 3, 2, 3, 0, 0 });
        Assert.Equal(1, Item(Mx.ArgMax(small, stream)));
        Assert.Equal(5, Item(Mx.ArgMin(small, stream)));

        // Equal extremes in different threads, groups and segments of a long run, and down columns.
        const int Length = 400_000;
        float[] data = Enumerable.Range(0, Length).Select(i => (float)(i % 1000)).ToArray();
        using Array<float> a = Mx.Array(data);
        Assert.Equal(999, Item(Mx.ArgMax(a, stream)));
        Assert.Equal(0, Item(Mx.ArgMin(a, stream)));
        using Array<float> same = Mx.Full([Length], 2f);
        Assert.Equal(0, Item(Mx.ArgMax(same, stream)));
        using Array<float> columns = Mx.Array(data, [400, 1000]);
        using Array<int> firstRows = Mx.ArgMax(Mx.BroadcastTo(Mx.ExpandDims(a[..1000], 0), [300, 1000]), 0, stream: stream);
        Assert.All(firstRows.ToArray(), index => Assert.Equal(0, index));
        using Array<int> perRow = Mx.ArgMax(columns, 1, stream: stream);
        Assert.All(perRow.ToArray(), index => Assert.Equal(999, index));

        // -0 and +0 are equal: the first zero is the extreme, whichever its sign (NumPy's argmax([-0., 0.]) is 0).
        double[] zeros = Enumerable.Repeat(-1.0, 3000).ToArray();
        zeros[300] = -0.0;
        zeros[700] = 0.0;
        using Array<double> signed = Mx.Array(zeros);
        Assert.Equal(300, Item(Mx.ArgMax(signed, stream)));
        using Array<double> negated = Mx.Negative(signed, stream);
        Assert.Equal(300, Item(Mx.ArgMin(negated, stream)));
    }

    [Fact]
    public void Bad_arguments_throw_at_the_call_saying_what_to_fix()
    {
        using Array<float> a = Mx.Zeros([2, 3]);
        var outside = Assert.Throws<ArgumentOutOfRangeException>(() => Mx.Sum(a, 2, stream: Mx.Cpu));
        Assert.Contains("Mx.Sum", outside.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => Mx.Mean(a, [-3], stream: Mx.Cpu));
        var twice = Assert.Throws<ArgumentException>(() => Mx.Max(a, [1, -1], stream: Mx.Cpu));
        Assert.Contains("twice", twice.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => Mx.Sum(a, (int[])null!, stream: Mx.Cpu));
        Assert.Throws<ArgumentOutOfRangeException>(() => Mx.Softmax(a, 2, Mx.Cpu));
        Assert.Throws<ArgumentOutOfRangeException>(() => Mx.CumSum(a, -3, Mx.Cpu));

        using Array<int> ints = Mx.Zeros<int>([4]);
        var notFloat = Assert.Throws<NotSupportedException>(() => Mx.Mean(ints, Mx.Cpu));
        Assert.Contains("Mx.Mean does not support int32 arrays; it supports float32, float64 and float16", notFloat.Message, StringComparison.Ordinal);
        Assert.Throws<NotSupportedException>(() => Mx.Softmax(ints, stream: Mx.Cpu));
        Assert.Throws<NotSupportedException>(() => Mx.Var(ints, 0, stream: Mx.Cpu));
        using Array<ulong> wide = Mx.Zeros<ulong>([4]);
        var unsupported = Assert.Throws<NotSupportedException>(() => Mx.Sum(wide, Mx.Cpu));
        Assert.Contains("uint64", unsupported.Message, StringComparison.Ordinal);
        Assert.Contains("int32, uint32 and int64", unsupported.Message, StringComparison.Ordinal);
        Assert.Throws<NotSupportedException>(() => Mx.CumSum(wide, 0, Mx.Cpu));

        Array<float> disposed = Mx.Zeros([2]);
        disposed.Dispose();
        Assert.Throws<ObjectDisposedException>(() => Mx.Sum(disposed, Mx.Cpu));
    }

    [Theory]
    [MemberData(nameof(ReductionVariants.All), MemberType = typeof(ReductionVariants))]
    public void Shapes_follow_keepDims_and_axes(string device, bool subgroups)
    {
        using IDisposable? kernels = ReductionVariants.Use(subgroups);
        StreamOrDevice stream = TestDevices.Resolve(device);
        using Array<float> a = Mx.Ones([2, 3, 4]);
        Assert.Empty(Shape(Mx.Sum(a, stream)));
        Assert.Equal(new[] { 2, 4 }, Shape(Mx.Sum(a, 1, stream: stream)));
        Assert.Equal(new[] { 2, 1, 4 }, Shape(Mx.Sum(a, -2, keepDims: true, stream: stream)));
        Assert.Equal(new[] { 1, 3, 1 }, Shape(Mx.Sum(a, [0, 2], keepDims: true, stream: stream)));
        Assert.Equal(new[] { 2, 3, 4 }, Shape(Mx.Sum(a, [], stream: stream)));
        Assert.Equal(new[] { 3 }, Shape(Mx.ArgMax(a, [2, 0], stream: stream)));
        using Array<float> total = Mx.Sum(a, [0, 1, 2], stream: stream);
        Assert.Equal(24f, total.Item());
    }

    private static T Item<T>(Array<T> result) where T : unmanaged
    {
        using (result)
        {
            return result.Item();
        }
    }

    private static int[] Shape<T>(Array<T> result) where T : unmanaged
    {
        using (result)
        {
            return result.Shape;
        }
    }
}

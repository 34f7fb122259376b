using System;
using System.Linq;
using Xunit;

namespace Tandem.Runtime.Tests.Ops;

public sealed class CreationOpTests
{
    [Fact]
    public void Zeros_ones_and_full_fill_their_shape()
    {
        using Array<float> zeros = Mx.Zeros([2, 3]);
        using Array<double> ones = Mx.Ones<double>([4]);
        using Array<float> floatOnes = Mx.Ones([3], Mx.Cpu);
        using Array<int> sevens = Mx.Full([2, 2], 7, Mx.Cpu);
        using Array<float> empty = Mx.Full([0], 1.5f);

        Assert.Equal(new[] { 2, 3 }, zeros.Shape);
        Assert.All(zeros.ToArray(), x => Assert.Equal(0f, x));
        Assert.Equal(new[] { 1.0, 1, 1, 1 }, ones.ToArray());
        Assert.Equal(new[] { 1f, 1, 1 }, floatOnes.ToArray());
        Assert.Equal(new[] { 7, 7, 7, 7 }, sevens.ToArray());
        Assert.Empty(empty.ToArray());
        // Written with a 12-byte type, Mx.Full is a build error (TK0200); generic code meets the run-time check.
        Assert.Throws<NotSupportedException>(() => FullOfOne((1, 2, 3)));
    }

    private static Array<T> FullOfOne<T>(T value) where T : unmanaged => Mx.Full([1], value);

    [Fact]
    public void Arange_counts_like_numpy()
    {
        using Array<int> ints = Mx.Arange(5);
        using Array<int> stepped = Mx.Arange(10, 0, -3);
        using Array<float> floats = Mx.Arange(0f, 1f, 0.25f);
        using Array<double> doubles = Mx.Arange(1.0, 2.0, 0.3);
        using Array<int> none = Mx.Arange(3, 3, 1);

        Assert.Equal(new[] { 0, 1, 2, 3, 4 }, ints.ToArray());
        Assert.Equal(new[] { 10, 7, 4, 1 }, stepped.ToArray());
        Assert.Equal(new[] { 0f, 0.25f, 0.5f, 0.75f }, floats.ToArray());
        Assert.Equal(new[] { 1.0, 1.3, 1.6, 1.9 }, doubles.ToArray().Select(x => Math.Round(x, 12)).ToArray());
        Assert.Empty(none.ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => Mx.Arange(0, 5, 0));
    }
}

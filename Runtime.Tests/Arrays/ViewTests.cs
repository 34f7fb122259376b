using System;
using System.Linq;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Arrays;

/// <summary>Views: what each view op selects, that views share memory, and how they are released.</summary>
public sealed class ViewTests
{
    private static Array<float> Counting(params int[] shape)
        => Mx.Array(Enumerable.Range(0, shape.Aggregate(1, (p, s) => p * s)).Select(i => (float)i).ToArray(), shape);

    [Fact]
    public void Transpose_reverses_the_axes_as_a_view()
    {
        using Array<float> a = Counting(2, 3);
        using Array<float> t = a.T;
        Assert.Equal(new[] { 3, 2 }, t.Shape);
        Assert.Equal(new float[] { 0, 3, 1, 4, 2, 5 }, t.ToArray());
        Assert.Same(a.Buffer, t.Buffer);

        using Array<float> cube = Counting(2, 3, 4);
        using Array<float> permuted = Mx.Transpose(cube, [1, -1, 0]);
        Assert.Equal(new[] { 3, 4, 2 }, permuted.Shape);
        Assert.Equal(13f, permuted[0, 1, 1].Item());   // cube[1, 0, 1]
        using Array<float> swapped = Mx.SwapAxes(cube, 0, -1);
        Assert.Equal(new[] { 4, 3, 2 }, swapped.Shape);
        Assert.Equal(cube[1, 2, 3].Item(), swapped[3, 2, 1].Item());
    }

    [Fact]
    public void Bad_axes_throw_naming_the_op()
    {
        using Array<float> a = Counting(2, 3);
        Assert.Contains("Mx.Transpose", Assert.Throws<ArgumentException>(() => Mx.Transpose(a, [0, 0])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Mx.Transpose(a, [0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Mx.SwapAxes(a, 0, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Mx.ExpandDims(a, 4));
    }

    [Fact]
    public void Integers_drop_axes_and_ranges_keep_them()
    {
        using Array<float> a = Counting(4, 3);
        using Array<float> row = a[1];
        Assert.Equal(new[] { 3 }, row.Shape);
        Assert.Equal(new float[] { 3, 4, 5 }, row.ToArray());

        using Array<float> part = a[1..3, ..];
        Assert.Equal(new[] { 2, 3 }, part.Shape);
        Assert.Equal(new float[] { 3, 4, 5, 6, 7, 8 }, part.ToArray());

        using Array<float> column = a[.., 2];
        Assert.Equal(new[] { 4 }, column.Shape);
        Assert.Equal(new float[] { 2, 5, 8, 11 }, column.ToArray());

        Assert.Equal(11f, a[-1, -1].Item());
        Assert.Equal(9f, a[^1, 0].Item());
        using Array<float> tail = a[^2.., 1..];
        Assert.Equal(new float[] { 7, 8, 10, 11 }, tail.ToArray());
        using Array<float> none = a[2..2];
        Assert.Equal(new[] { 0, 3 }, none.Shape);
        Assert.Empty(none.ToArray());
    }

    [Fact]
    public void Indices_outside_the_array_throw()
    {
        using Array<float> a = Counting(4, 3);
        Assert.Throws<ArgumentOutOfRangeException>(() => a[4]);
        Assert.Throws<ArgumentOutOfRangeException>(() => a[-5]);
        Assert.Throws<ArgumentOutOfRangeException>(() => a[.., 1..4]);
        Assert.Throws<ArgumentOutOfRangeException>(() => a[3..2]);
        Assert.Contains("3 indices", Assert.Throws<ArgumentException>(() => a[0, 0, 0]).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Views_of_views_compose()
    {
        using Array<float> a = Counting(4, 5, 6);
        using Array<float> t = a.T;                 // [6, 5, 4]
        using Array<float> slice = t[1..5, ^3.., 2]; // [4, 3]
        using Array<float> again = slice.T[1];      // [4]
        float[] expected = Enumerable.Range(1, 4).Select(i => (float)((2 * 30) + (3 * 6) + i)).ToArray();
        Assert.Equal(expected, again.ToArray());
    }

    [Fact]
    public void Reshape_is_a_view_when_the_strides_allow_else_a_copy()
    {
        using Array<float> a = Counting(4, 3);
        using Array<float> r = a.Reshape(2, 6);
        Assert.Same(a.Buffer, r.Buffer);
        Assert.Equal(a.ToArray(), r.ToArray());
        using Array<float> inferred = Mx.Reshape(a, [3, -1]);
        Assert.Equal(new[] { 3, 4 }, inferred.Shape);

        using Array<float> t = a.T;
        using Array<float> split = t.Reshape(3, 2, 2);    // splits one axis of the transpose: still a view
        Assert.Same(a.Buffer, split.Buffer);
        Assert.Equal(new float[] { 0, 3, 6, 9, 1, 4, 7, 10, 2, 5, 8, 11 }, split.ToArray());
        using Array<float> flat = t.Reshape(-1);          // merges axes that are not contiguous: a copy
        Assert.NotSame(a.Buffer, flat.Buffer);
        Assert.Equal(new float[] { 0, 3, 6, 9, 1, 4, 7, 10, 2, 5, 8, 11 }, flat.ToArray());

        Assert.Contains("[4, 3]", Assert.Throws<ArgumentException>(() => a.Reshape(5, 2)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => a.Reshape(-1, -1));
    }

    [Fact]
    public void ExpandDims_Squeeze_Flatten_and_BroadcastTo()
    {
        using Array<float> a = Counting(2, 3);
        using Array<float> expanded = Mx.ExpandDims(a, -1);
        Assert.Equal(new[] { 2, 3, 1 }, expanded.Shape);
        using Array<float> front = Mx.ExpandDims(a, 0);
        Assert.Equal(new[] { 1, 2, 3 }, front.Shape);
        using Array<float> squeezed = Mx.Squeeze(front);
        Assert.Equal(new[] { 2, 3 }, squeezed.Shape);
        using Array<float> squeezedAxis = Mx.Squeeze(expanded, 2);
        Assert.Equal(a.ToArray(), squeezedAxis.ToArray());
        Assert.Throws<ArgumentException>(() => Mx.Squeeze(a, 0));

        using Array<float> flat = Mx.Flatten(a.T);
        Assert.Equal(new float[] { 0, 3, 1, 4, 2, 5 }, flat.ToArray());
        using Array<float> cube = Counting(2, 3, 4);
        using Array<float> merged = Mx.Flatten(cube, 1);
        Assert.Equal(new[] { 2, 12 }, merged.Shape);

        using Array<float> b = Mx.Array(new float[] { 1, 2, 3 });
        using Array<float> rows = Mx.BroadcastTo(b, [4, 3]);
        Assert.Equal(new float[] { 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3 }, rows.ToArray());
        using Array<float> column = Mx.Array(new float[] { 1, 2 }, [2, 1]);
        using Array<float> wide = Mx.BroadcastTo(column, [3, 2, 2]);
        Assert.Equal(new float[] { 1, 1, 2, 2, 1, 1, 2, 2, 1, 1, 2, 2 }, wide.ToArray());
        Assert.Contains("[3]", Assert.Throws<ArgumentException>(() => Mx.BroadcastTo(b, [4, 2])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scalars_work_everywhere()
    {
        using Array<float> s = Mx.Array(new[] { 5f }, []);
        Assert.Equal(5f, s.Item());
        using Array<float> t = s.T;
        Assert.Empty(t.Shape);
        using Array<float> r = s.Reshape(1, 1);
        Assert.Equal(new[] { 1, 1 }, r.Shape);
        using Array<float> back = Mx.Squeeze(r);
        Assert.Equal(5f, back.Item());
        using Array<float> flat = Mx.Flatten(s);
        Assert.Equal(new[] { 1 }, flat.Shape);
        using Array<float> broadcast = Mx.BroadcastTo(s, [2, 2]);
        Assert.Equal(new float[] { 5, 5, 5, 5 }, broadcast.ToArray());
        using Array<float> copy = Mx.Contiguous(s, Mx.Cpu);
        Assert.Equal(5f, copy.Item());
    }

    [Fact]
    public void Item_needs_exactly_one_element()
    {
        using Array<float> a = Counting(2, 3);
        Assert.Equal(4f, a[1, 1].Item());
        Assert.Contains("[2, 3]", Assert.Throws<InvalidOperationException>(() => a.Item()).Message, StringComparison.Ordinal);
        using Array<float> one = a[1.., 2..];
        Assert.Equal(5f, one.Item());
    }

    [Fact]
    public void Disposing_a_view_releases_only_its_own_hold()
    {
        Array<float> a = Counting(3, 4);
        Array<float> view = a[1];
        view.Dispose();
        Assert.Equal(4f, a[1, 0].Item());

        using Array<float> survivor = a.T;
        a.Dispose();
        Assert.Throws<ObjectDisposedException>(() => a.ToArray());
        Assert.Equal(new float[] { 0, 4, 8 }, survivor[0].ToArray());
        Assert.False(survivor.Buffer.IsReleased);
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void Contiguous_copies_views_that_are_not_and_shares_those_that_are(string device)
    {
        StreamOrDevice stream = TestDevices.Resolve(device);
        using Array<float> a = Counting(3, 4);
        using Array<float> same = Mx.Contiguous(a, stream);
        Assert.Same(a.Buffer, same.Buffer);

        using Array<float> t = a.T;
        using Array<float> copy = Mx.Contiguous(t, stream);
        Assert.NotSame(a.Buffer, copy.Buffer);
        Assert.True(copy.IsRowContiguous);
        Assert.Equal(t.ToArray(), copy.ToArray());

        // Five axes that no merging reduces to three: the any-rank copy kernel.
        using Array<float> big = Counting(2, 3, 2, 3, 2);
        using Array<float> shuffled = Mx.Transpose(big, [4, 2, 0, 3, 1]);
        using Array<float> shuffledCopy = Mx.Contiguous(shuffled, stream);
        Assert.Equal(shuffled.ToArray(), shuffledCopy.ToArray());

        using Array<double> doubles = Mx.Array(Enumerable.Range(0, 12).Select(i => i * 0.5).ToArray(), [3, 4]);
        using Array<double> doublesT = doubles.T;
        using Array<double> doublesCopy = Mx.Contiguous(doublesT, stream);
        Assert.Equal(doublesT.ToArray(), doublesCopy.ToArray());

        using Array<Half> halves = Mx.Array(Enumerable.Range(0, 12).Select(i => (Half)i).ToArray(), [3, 4]);
        using Array<Half> halvesView = halves[.., 1..3];
        using Array<Half> halvesCopy = Mx.Contiguous(halvesView, stream);
        Assert.Equal(halvesView.ToArray(), halvesCopy.ToArray());
    }
}

using System;
using System.Linq;
using Tandem.Runtime.Tests.Arrays;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.ShapeOps;

/// <summary>
/// Concatenate, Stack and Split on both devices and every element type the copy kernels cover, with views (transposed,
/// sliced, broadcast) as inputs, against references built element by element in double.
/// </summary>
public sealed class JoiningTests
{
    public static TheoryData<string, Type> DevicesAndTypes() => TestDevices.With(ElementTypes.All);

    public static TheoryData<string> Devices() => TestDevices.All();

    [Theory]
    [MemberData(nameof(DevicesAndTypes))]
    public void Concatenate_matches_the_reference(string device, Type type)
        => ElementTypes.Invoke(typeof(JoiningTests), nameof(ConcatenateCases), type, TestDevices.Resolve(device));

    [Theory]
    [MemberData(nameof(DevicesAndTypes))]
    public void Long_rows_are_copied_whole(string device, Type type)
        => ElementTypes.Invoke(typeof(JoiningTests), nameof(LongRowCases), type, TestDevices.Resolve(device));

    [Theory]
    [MemberData(nameof(DevicesAndTypes))]
    public void Stack_matches_the_reference(string device, Type type)
        => ElementTypes.Invoke(typeof(JoiningTests), nameof(StackCases), type, TestDevices.Resolve(device));

    [Theory]
    [MemberData(nameof(Devices))]
    public void Concatenate_places_long_unmergeable_axes(string device)
    {
        // Along axis 1 the destination strides by 2 where the source strides by 1: one axis of 600,000 elements, each
        // copy one strided pass.
        const int rows = 600_000;   // 2.4 MB and 4.8 MB: away from the 2 MiB bucket GpuMemoryTests watches
        using Array<int> first = Mx.Arange(rows);
        using Array<int> second = Mx.Arange(rows, 2 * rows, 1);
        using Array<int> left = first.Reshape(rows, 1);
        using Array<int> right = second.Reshape(rows, 1);
        using Array<int> joined = Mx.Concatenate([left, right], axis: 1, TestDevices.Resolve(device));

        int[] values = joined.ToArray();
        Assert.Equal(new[] { rows, 2 }, joined.Shape);
        Assert.All(Enumerable.Range(0, rows), row =>
        {
            Assert.Equal(row, values[2 * row]);
            Assert.Equal(rows + row, values[(2 * row) + 1]);
        });
    }

    [Fact]
    public void Split_cuts_views_like_numpy()
    {
        using Array<float> a = Counting(6, 4);

        Array<float>[] thirds = Mx.Split(a, 3);
        Assert.Equal(3, thirds.Length);
        Assert.All(thirds, part => Assert.Equal(new[] { 2, 4 }, part.Shape));
        Assert.Equal(new float[] { 8, 9, 10, 11, 12, 13, 14, 15 }, thirds[1].ToArray());
        Assert.All(thirds, part => Assert.Same(a.Buffer, part.Buffer));

        Array<float>[] columns = Mx.Split(a, [1, -1], axis: -1);
        Assert.Equal(new[] { new[] { 6, 1 }, new[] { 6, 2 }, new[] { 6, 1 } }, columns.Select(p => p.Shape));
        Assert.Equal(new float[] { 1, 2, 5, 6, 9, 10, 13, 14, 17, 18, 21, 22 }, columns[1].ToArray());

        // NumPy: split(arange(6), [4, 2, 9]) gives [0..4), [4..2) (empty), [2..6), [6..6) (empty: 9 is clamped).
        using Array<float> flat = Counting(6);
        Array<float>[] pieces = Mx.Split(flat, [4, 2, 9]);
        Assert.Equal(new[] { 4, 0, 4, 0 }, pieces.Select(p => p.Length));
        Assert.Equal(new float[] { 2, 3, 4, 5 }, pieces[2].ToArray());

        // A view splits too, and parts of a transposed view stay transposed.
        using Array<float> t = a.T;
        Array<float>[] halves = Mx.Split(t, 2, axis: 1);
        Assert.Equal(new float[] { 0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11 }, halves[0].ToArray());

        foreach (Array<float> part in thirds.Concat(columns).Concat(pieces).Concat(halves))
        {
            part.Dispose();
        }
    }

    [Fact]
    public void Bad_arguments_throw_naming_the_op_and_the_shapes()
    {
        using Array<float> a = Counting(2, 3);
        using Array<float> b = Counting(3, 3);
        using Array<float> scalar = Mx.Full<float>([], 1f);

        string mismatch = Assert.Throws<ArgumentException>(() => Mx.Concatenate([a, b], axis: 1)).Message;
        Assert.Contains("Mx.Concatenate", mismatch, StringComparison.Ordinal);
        Assert.Contains("[2, 3]", mismatch, StringComparison.Ordinal);
        Assert.Contains("[3, 3]", mismatch, StringComparison.Ordinal);
        Assert.Contains("[3, 3]", Assert.Throws<ArgumentException>(() => Mx.Stack([a, b])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Mx.Concatenate(Array.Empty<Array<float>>()));
        Assert.Throws<ArgumentException>(() => Mx.Concatenate([scalar, scalar]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Mx.Concatenate([a, a], axis: 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Mx.Stack([a, a], axis: 3));
        Assert.Throws<ArgumentNullException>(() => Mx.Concatenate<float>(null!));
        Assert.Contains("[2, 3]", Assert.Throws<ArgumentException>(() => Mx.Split(a, 2, axis: 1)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => Mx.Split(a, 0));
        Assert.Throws<ArgumentException>(() => Mx.Split(scalar, 1));
    }

    private static void ConcatenateCases<T>(Device device) where T : unmanaged
    {
        // Contiguous inputs along the last axis.
        using Array<T> a = Make<T>(2, 3);
        using Array<T> b = Make<T>(2, 5);
        Check(Mx.Concatenate([a, b], axis: 1, device), Concat([Reference(2, 3), Reference(2, 5)], 1));

        // A transposed view, a broadcast row and a slice, along axis 0 (negative axis).
        using Array<T> base34 = Make<T>(3, 4);
        using Array<T> transposed = base34.T;                                  // [4, 3]
        using Array<T> row = Make<T>(1, 3);
        using Array<T> broadcast = Mx.BroadcastTo(row, [2, 3]);
        using Array<T> base53 = Make<T>(5, 3);
        using Array<T> slice = base53[1..4, ..];
        ReferenceArray expected = Concat(
            [Reference(3, 4).Permute([1, 0]), Reference(1, 3).BroadcastTo([2, 3]), Reference(5, 3).Select([(1, 3, true), (0, 3, true)])], 0);
        Check(Mx.Concatenate([transposed, broadcast, slice], axis: -2, device), expected);

        // Rank 3 along the middle axis, with an empty input and a view of a view.
        using Array<T> cube = Make<T>(2, 3, 4);
        using Array<T> swapped = Mx.SwapAxes(cube, 0, 2);                     // [4, 3, 2]
        using Array<T> part = swapped[1..3, .., ..];                          // [2, 3, 2]
        using Array<T> swappedBack = Mx.SwapAxes(part, 1, 2);                 // [2, 2, 3]
        using Array<T> empty = Make<T>(2, 0, 3);
        using Array<T> other = Make<T>(2, 4, 3);
        ReferenceArray viewReference = Reference(2, 3, 4).Permute([2, 1, 0]).Select([(1, 2, true), (0, 3, true), (0, 2, true)]).Permute([0, 2, 1]);
        Check(Mx.Concatenate([swappedBack, empty, other], axis: 1, device), Concat([viewReference, Reference(2, 0, 3), Reference(2, 4, 3)], 1));

        // One input: a copy.
        Array<T> single = Mx.Concatenate([transposed], 0, device);
        Assert.NotSame(base34.Buffer, single.Buffer);
        Check(single, Reference(3, 4).Permute([1, 0]));
    }

    /// <summary>Rows longer than a SIMD vector, starting at odd elements: the copy's row kernel runs its vector loop and edges.</summary>
    private static void LongRowCases<T>(Device device) where T : unmanaged
    {
        using Array<T> a = Make<T>(3, 41);
        using Array<T> b = Make<T>(3, 50);
        using Array<T> sliced = b[.., 5..42];                                  // [3, 37], rows start at odd elements
        Check(Mx.Concatenate([a, sliced], axis: 1, device), Concat([Reference(3, 41), Reference(3, 50).Select([(0, 3, true), (5, 37, true)])], 1));
        using Array<T> row = Make<T>(1, 45);
        using Array<T> broadcast = Mx.BroadcastTo(row, [4, 45]);
        Check(Mx.Contiguous(broadcast, device), Reference(1, 45).BroadcastTo([4, 45]));
        using Array<T> cube = Make<T>(2, 3, 40);
        using Array<T> inner = cube[.., 1.., 3..];                              // [2, 2, 37]: three axes, unit inner strides
        Check(Mx.Contiguous(inner, device), Reference(2, 3, 40).Select([(0, 2, true), (1, 2, true), (3, 37, true)]));
    }

    private static void StackCases<T>(Device device) where T : unmanaged
    {
        using Array<T> a = Make<T>(2, 3);
        using Array<T> baseB = Make<T>(3, 2);
        using Array<T> b = baseB.T;
        using Array<T> row = Make<T>(3);
        using Array<T> c = Mx.BroadcastTo(row, [2, 3]);
        ReferenceArray[] parts = [Reference(2, 3), Reference(3, 2).Permute([1, 0]), Reference(3).BroadcastTo([2, 3])];
        foreach (int axis in new[] { 0, 1, 2, -1, -3 })
        {
            int inserted = axis < 0 ? axis + 3 : axis;
            Check(Mx.Stack([a, b, c], axis, device), Concat(parts.Select(p => ExpandDims(p, inserted)).ToArray(), inserted));
        }

        using Array<T> scalar = Mx.Full<T>([], ElementTypes.From<T>(7));
        using Array<T> stacked = Mx.Stack([scalar, scalar], 0, device);
        Assert.Equal(new[] { 2 }, stacked.Shape);
        Assert.Equal(new double[] { 7, 7 }, ElementTypes.Read(stacked));
    }

    private static Array<float> Counting(params int[] shape)
        => Mx.Array(Enumerable.Range(0, ReferenceArray.Length(shape)).Select(i => (float)i).ToArray(), shape);

    private static Array<T> Make<T>(params int[] shape) where T : unmanaged => ElementTypes.Make<T>(Reference(shape).Data, shape);

    /// <summary>Counting values, offset by the shape so that arrays of different shapes differ.</summary>
    private static ReferenceArray Reference(params int[] shape)
    {
        int start = shape.Sum() * 10;
        return new ReferenceArray(Enumerable.Range(start, ReferenceArray.Length(shape)).Select(i => (double)(i % 2000)).ToArray(), shape);
    }

    private static ReferenceArray ExpandDims(ReferenceArray a, int axis) => a.Reshape([.. a.Shape[..axis], 1, .. a.Shape[axis..]]);

    private static ReferenceArray Concat(ReferenceArray[] parts, int axis)
    {
        int[] shape = (int[])parts[0].Shape.Clone();
        shape[axis] = parts.Sum(p => p.Shape[axis]);
        return ReferenceArray.Build(shape, position =>
        {
            int at = position[axis];
            foreach (ReferenceArray part in parts)
            {
                if (at < part.Shape[axis])
                {
                    int[] inner = (int[])position.Clone();
                    inner[axis] = at;
                    return part.At(inner);
                }

                at -= part.Shape[axis];
            }

            throw new InvalidOperationException("position outside the parts");
        });
    }

    private static void Check<T>(Array<T> actual, ReferenceArray expected) where T : unmanaged
    {
        using (actual)
        {
            Assert.Equal(expected.Shape, actual.Shape);
            Assert.Equal(expected.Data, ElementTypes.Read(actual));
        }
    }
}

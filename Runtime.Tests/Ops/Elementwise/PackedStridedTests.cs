using System;
using System.Linq;
using System.Numerics;
using Tandem.Runtime.Tests.Arrays;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Ops.Elementwise;

/// <summary>
/// The strided path of the ops with a bool result (views, broadcasting), whose kernels write the result's 32-bit words
/// directly, four row-major elements per thread, on both devices, against the values computed in C#: rows, columns
/// and scalar-shaped operands broadcast, transposed, sliced and offset operands, row lengths that are not a multiple of
/// 4 (a word spans two rows), rows of whole words (the rows kernel), total lengths of 1 to 5 and results whose last
/// word is partial, 3-D broadcasting, and four axes that do not merge (the copying fallback).
/// </summary>
public sealed class PackedStridedTests
{
    /// <summary>Pairs of operand shapes that broadcast, and what each exercises.</summary>
    private static readonly (int[] A, int[] B)[] Pairs =
    [
        ([7, 1031], [1031]), // a row broadcast over rows that are not whole words; 7217 elements, the last word partial
        ([7, 1031], [7, 1]), // a column broadcast
        ([3, 5], [1, 1]), // a scalar-shaped operand
        ([3, 5], [5]),
        ([5, 3], [5, 1]),
        ([1], [1, 1]), // total lengths 1, 2, 3 and 5
        ([2], [1, 2]),
        ([3, 1], [1]),
        ([5], [1, 5]),
        ([6, 8], [8]), // rows of whole words: both operands step along them
        ([6, 8], [6, 1]), // rows of whole words: one operand stays on an element per row
        ([4, 12], [1, 1]),
        ([3, 4, 8], [4, 8]), // rows of whole words on three axes where an operand is sliced
        ([3, 1, 5], [4, 1]), // 3-D broadcasting of both operands
        ([2, 3, 5], [3, 1]),
        ([2, 1, 3, 1], [1, 4, 1, 5]), // four axes that do not merge: the contiguous kernel on copies
    ];

    private static readonly OperandLayout[] Layouts = Enum.GetValues<OperandLayout>();

    public static TheoryData<string, string> DevicesAndOps() => TestDevices.With(ComparisonTests.Ops);

    [Theory]
    [MemberData(nameof(DevicesAndOps))]
    public void Comparisons_of_views_and_broadcast_operands_match_the_reference(string device, string op)
    {
        StreamOrDevice stream = TestDevices.Resolve(device);
        var random = new Random(op.Length * 7);
        Func<double> values = ElementValues.Uniform<float>(random, -4, 4);
        foreach ((int[] shapeA, int[] shapeB) in Pairs)
        {
            foreach (OperandLayout layoutA in Layouts)
            {
                foreach (OperandLayout layoutB in Layouts)
                {
                    CheckComparison<float>(stream, op, shapeA, layoutA, shapeB, layoutB, values);
                    CheckComparison<float>(stream, op, shapeB, layoutB, shapeA, layoutA, values);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void Comparisons_of_every_type_on_the_strided_path_match_the_reference(string device)
    {
        StreamOrDevice stream = TestDevices.Resolve(device);
        Check<double>(stream);
        Check<Half>(stream);
        Check<int>(stream);
        Check<uint>(stream);
        Check<long>(stream);
        Check<byte>(stream);

        static void Check<T>(StreamOrDevice stream) where T : unmanaged, INumber<T>
        {
            Func<double> values = ElementValues.Uniform<T>(new Random(11), -4, 4);
            foreach ((int[] shapeA, int[] shapeB) in new (int[], int[])[] { ([7, 1031], [1031]), ([7, 1031], [7, 1]), ([6, 8], [8]), ([6, 8], [6, 1]), ([3, 1, 5], [4, 1]) })
            {
                CheckComparison<T>(stream, "Less", shapeA, OperandLayout.Sliced, shapeB, OperandLayout.Contiguous, values);
                CheckComparison<T>(stream, "GreaterEqual", shapeA, OperandLayout.Transposed, shapeB, OperandLayout.Offset, values);
            }
        }
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void A_matrix_compared_with_its_own_transpose_matches_the_reference(string device)
    {
        StreamOrDevice stream = TestDevices.Resolve(device);
        foreach (int n in new[] { 1, 2, 3, 5, 9, 33 })
        {
            float[] values = Enumerable.Range(0, n * n).Select(k => (float)((k * 7) % 5)).ToArray();
            using Array<float> a = Mx.Array(values, [n, n]);
            using Array<float> t = a.T;
            using Array<bool> greater = Mx.Greater(a, t, stream);
            using Array<bool> equal = Mx.Equal(t, a, stream);
            bool[] expectedGreater = Enumerable.Range(0, n * n).Select(k => values[k] > values[((k % n) * n) + (k / n)]).ToArray();
            bool[] expectedEqual = Enumerable.Range(0, n * n).Select(k => values[k] == values[((k % n) * n) + (k / n)]).ToArray();
            Assert.True(expectedGreater.SequenceEqual(greater.ToArray()), $"{device}: a > a.T, n = {n}");
            Assert.True(expectedEqual.SequenceEqual(equal.ToArray()), $"{device}: a.T == a, n = {n}");
        }
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void Logical_ops_of_broadcast_and_strided_bool_views_match_the_reference(string device)
    {
        StreamOrDevice stream = TestDevices.Resolve(device);
        var random = new Random(17);
        foreach ((int[] shapeA, int[] shapeB) in Pairs)
        {
            foreach (OperandLayout layoutA in Layouts)
            {
                foreach (OperandLayout layoutB in new[] { OperandLayout.Contiguous, OperandLayout.Transposed, OperandLayout.Sliced })
                {
                    (Array<bool> a, ReferenceArray x) = MakeBools(random, shapeA, layoutA);
                    (Array<bool> b, ReferenceArray y) = MakeBools(random, shapeB, layoutB);
                    int[] shape = Operands.Broadcast(shapeA, shapeB);
                    double[] left = x.BroadcastTo(shape).Data, right = y.BroadcastTo(shape).Data;
                    string what = $"{device}: [{string.Join(", ", shapeA)}] {layoutA} with [{string.Join(", ", shapeB)}] {layoutB}";
                    using (a)
                    using (b)
                    using (Array<bool> and = Mx.LogicalAnd(a, b, stream))
                    using (Array<bool> or = Mx.LogicalOr(b, a, stream))
                    using (Array<bool> equal = Mx.Equal(a, b, stream))
                    using (Array<bool> not = Mx.LogicalNot(a, stream))
                    {
                        Assert.Equal(shape, and.Shape);
                        Assert.True(left.Zip(right, (p, q) => p != 0 && q != 0).SequenceEqual(and.ToArray()), "and " + what);
                        Assert.True(left.Zip(right, (p, q) => p != 0 || q != 0).SequenceEqual(or.ToArray()), "or " + what);
                        Assert.True(left.Zip(right, (p, q) => p == q).SequenceEqual(equal.ToArray()), "equal " + what);
                        Assert.True(x.Data.Select(p => p == 0).SequenceEqual(not.ToArray()), "not " + what);
                    }
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void IsNaN_of_strided_views_matches_the_reference(string device)
    {
        StreamOrDevice stream = TestDevices.Resolve(device);
        var random = new Random(23);
        Func<double> values = () => random.Next(3) == 0 ? double.NaN : random.Next(-4, 5);
        foreach (int[] shape in new int[][] { [1], [2], [3], [5], [3, 5], [7, 1031], [6, 8], [3, 4, 5] })
        {
            foreach (OperandLayout layout in Layouts)
            {
                (Array<float> a, ReferenceArray x) = Operands.Make<float>(shape, layout, values);
                using (a)
                using (Array<bool> nan = Mx.IsNaN(a, stream))
                {
                    Assert.True(x.Data.Select(double.IsNaN).SequenceEqual(nan.ToArray()), $"{device}: IsNaN of [{string.Join(", ", shape)}] {layout}");
                }
            }
        }
    }

    private static void CheckComparison<T>(StreamOrDevice stream, string op, int[] shapeA, OperandLayout layoutA, int[] shapeB, OperandLayout layoutB,
        Func<double> values) where T : unmanaged, INumber<T>
    {
        (Array<T> a, ReferenceArray x) = Operands.Make<T>(shapeA, layoutA, values);
        (Array<T> b, ReferenceArray y) = Operands.Make<T>(shapeB, layoutB, values);
        int[] shape = Operands.Broadcast(shapeA, shapeB);
        using (a)
        using (b)
        using (Array<bool> result = ComparisonTests.Call(op, a, b, stream))
        {
            Assert.Equal(shape, result.Shape);
            bool[] expected = x.BroadcastTo(shape).Data.Zip(y.BroadcastTo(shape).Data, (p, q) => ComparisonTests.Reference(op, p, q)).ToArray();
            Assert.True(expected.SequenceEqual(result.ToArray()),
                $"{typeof(T).Name} {op}: [{string.Join(", ", shapeA)}] {layoutA} with [{string.Join(", ", shapeB)}] {layoutB}");
        }
    }

    /// <summary>A bool array of <paramref name="shape"/> laid out as <paramref name="layout"/>, and its values as 0 and 1.</summary>
    private static (Array<bool> Array, ReferenceArray Values) MakeBools(Random random, int[] shape, OperandLayout layout)
    {
        int rank = shape.Length;
        ReferenceArray Draw(int[] of) => new(Enumerable.Range(0, ReferenceArray.Length(of)).Select(_ => (double)random.Next(2)).ToArray(), of);
        Array<bool> Store(ReferenceArray stored) => Mx.Array(stored.Data.Select(v => v != 0).ToArray(), stored.Shape);
        switch (layout)
        {
            case OperandLayout.Transposed when rank > 1:
            {
                ReferenceArray stored = Draw(shape.Reverse().ToArray());
                using Array<bool> source = Store(stored);
                return (source.T, stored.Permute(Enumerable.Range(0, rank).Reverse().ToArray()));
            }

            case OperandLayout.Sliced when rank > 0:
            {
                ReferenceArray stored = Draw(shape.Select(s => s + 2).ToArray());
                using Array<bool> source = Store(stored);
                ArrayIndex[] indices = shape.Select(s => (ArrayIndex)(1..(s + 1))).ToArray();
                return (source[indices], stored.Select(shape.Select(s => (1, s, true)).ToArray()));
            }

            case OperandLayout.Offset:
            {
                ReferenceArray stored = Draw([ReferenceArray.Length(shape) + 1]);
                using Array<bool> source = Store(stored);
                using Array<bool> tail = source[1..];
                return (tail.Reshape(shape), new ReferenceArray(stored.Data[1..], shape));
            }

            default:
            {
                ReferenceArray stored = Draw(shape);
                return (Store(stored), stored);
            }
        }
    }
}

using System;
using System.Linq;
using System.Numerics;
using Tandem.Runtime.Tests.Arrays;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Ops.Elementwise;

/// <summary>
/// Comparisons to <c>Array&lt;bool&gt;</c> for every element type on both devices, against the comparison of the values
/// in double: broadcasting edge cases, every operand layout, a scalar on either side, NaN; <c>IsNaN</c>; the logical
/// ops on bool arrays and views of them; the comparison operators.
/// </summary>
public sealed class ComparisonTests
{
    public static readonly string[] Ops = ["Equal", "NotEqual", "Less", "LessEqual", "Greater", "GreaterEqual"];

    public static TheoryData<string, string> DevicesAndOps() => TestDevices.With(Ops);

    [Theory]
    [MemberData(nameof(DevicesAndOps))]
    public void Every_type_matches_the_reference(string device, string op)
    {
        Check<float>(device, op);
        Check<double>(device, op);
        Check<Half>(device, op);
        Check<int>(device, op);
        Check<uint>(device, op);
        Check<long>(device, op);
        Check<byte>(device, op);
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void NaN_compares_unequal_to_everything_and_IsNaN_finds_it(string device)
    {
        StreamOrDevice stream = TestDevices.Resolve(device);
        float[] x = [float.NaN, 1, float.NaN, float.PositiveInfinity, -0f, 0f];
        float[] y = [float.NaN, float.NaN, 2, float.PositiveInfinity, 0f, -0f];
        using Array<float> a = Mx.Array(x);
        using Array<float> b = Mx.Array(y);
        foreach (string op in Ops)
        {
            using Array<bool> result = Call(op, a, b, stream);
            Assert.Equal(x.Zip(y, (p, q) => Reference(op, p, q)), result.ToArray());
        }

        using Array<bool> nan = Mx.IsNaN(a, stream);
        Assert.Equal(x.Select(float.IsNaN), nan.ToArray());
        using Array<Half> halves = Mx.Array(new[] { Half.NaN, Half.One, Half.NegativeInfinity });
        using Array<bool> halfNan = Mx.IsNaN(halves, stream);
        Assert.Equal(new[] { true, false, false }, halfNan.ToArray());
        using Array<int> ints = Mx.Array(new[] { 0, -1, int.MinValue });
        using Array<bool> intNan = Mx.IsNaN(ints, stream);
        Assert.Equal(new[] { false, false, false }, intNan.ToArray());
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void Logical_ops_combine_bool_arrays_and_views(string device)
    {
        StreamOrDevice stream = TestDevices.Resolve(device);
        var random = new Random(5);
        foreach ((int[] shapeA, int[] shapeB) in Operands.BroadcastPairs)
        {
            bool[] x = Bools(random, ReferenceArray.Length(shapeA));
            bool[] y = Bools(random, ReferenceArray.Length(shapeB));
            using Array<bool> a = Mx.Array(x, shapeA);
            using Array<bool> b = Mx.Array(y, shapeB);
            int[] shape = Operands.Broadcast(shapeA, shapeB);
            bool[] left = Broadcast(x, shapeA, shape), right = Broadcast(y, shapeB, shape);

            using Array<bool> and = Mx.LogicalAnd(a, b, stream);
            using Array<bool> or = Mx.LogicalOr(a, b, stream);
            using Array<bool> not = Mx.LogicalNot(a, stream);
            using Array<bool> andScalar = Mx.LogicalAnd(a, true, stream);
            using Array<bool> orScalar = Mx.LogicalOr(false, b, stream);
            using Array<bool> equal = Mx.Equal(a, b, stream);
            Assert.Equal(shape, and.Shape);
            Assert.Equal(left.Zip(right, (p, q) => p && q), and.ToArray());
            Assert.Equal(left.Zip(right, (p, q) => p || q), or.ToArray());
            Assert.Equal(left.Zip(right, (p, q) => p == q), equal.ToArray());
            Assert.Equal(x.Select(p => !p), not.ToArray());
            Assert.Equal(x, andScalar.ToArray());
            Assert.Equal(y, orScalar.ToArray());
        }

        // Views of bool arrays: a transpose, a slice starting mid-word, a broadcast.
        bool[] values = Bools(random, 7 * 9);
        using Array<bool> grid = Mx.Array(values, [7, 9]);
        using Array<bool> t = grid.T;
        using Array<bool> slice = grid[1..6, 3..8];
        using Array<bool> notT = Mx.LogicalNot(t, stream);
        using Array<bool> sliceT = slice.T;
        using Array<bool> notSliceT = Mx.LogicalNot(sliceT, stream);
        using Array<bool> notSlice = notSliceT.T;
        using Array<bool> mixed = Mx.LogicalOr(slice, notSlice, stream);
        bool[,] g = new bool[7, 9];
        Buffer.BlockCopy(values, 0, g, 0, values.Length);
        Assert.Equal(Enumerable.Range(0, 63).Select(k => !g[k % 7, k / 7]), notT.ToArray());
        Assert.All(mixed.ToArray(), Assert.True);
        using Array<bool> copy = Mx.Contiguous(slice, stream);
        Assert.Equal(Enumerable.Range(0, 25).Select(k => g[1 + (k / 5), 3 + (k % 5)]), copy.ToArray());
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void Comparison_operators_give_bool_arrays(string device)
    {
        using var scope = Mx.StreamScope(TestDevices.Resolve(device));
        float[] values = [-2, -0.5f, 0, 0.5f, 2, 3];
        using Array<float> a = Mx.Array(values, [2, 3]);
        using Array<float> row = Mx.Array(new float[] { 0, 0.5f, 3 });
        using Array<bool> positive = a > 0f;
        using Array<bool> atMost = a <= row;
        using Array<bool> below = 0.5f < a;
        using Array<bool> atLeast = a >= 0.5f;
        using Array<bool> less = a < row;
        using Array<bool> greaterEqual = 2f >= a;
        Assert.Equal(values.Select(v => v > 0), positive.ToArray());
        Assert.Equal(values.Select((v, i) => v <= new float[] { 0, 0.5f, 3 }[i % 3]), atMost.ToArray());
        Assert.Equal(values.Select((v, i) => v < new float[] { 0, 0.5f, 3 }[i % 3]), less.ToArray());
        Assert.Equal(values.Select(v => 0.5f < v), below.ToArray());
        Assert.Equal(values.Select(v => v >= 0.5f), atLeast.ToArray());
        Assert.Equal(values.Select(v => 2f >= v), greaterEqual.ToArray());
    }

    [Fact]
    public void Unsupported_types_and_bad_shapes_say_what_to_fix()
    {
        using Array<ulong> ulongs = Mx.Array(new ulong[] { 1, 2 });
        var unsupported = Assert.Throws<NotSupportedException>(() => Mx.Less(ulongs, ulongs, Mx.Cpu));
        Assert.Contains("Mx.Less does not support uint64", unsupported.Message, StringComparison.Ordinal);
        Assert.Contains("uint8 and bool", unsupported.Message, StringComparison.Ordinal);
        using Array<bool> a = Mx.Zeros<bool>([2, 3]);
        using Array<bool> b = Mx.Zeros<bool>([4]);
        var mismatch = Assert.Throws<ArgumentException>(() => Mx.LogicalAnd(a, b, Mx.Cpu));
        Assert.Contains("[2, 3]", mismatch.Message, StringComparison.Ordinal);
        Assert.Contains("[4]", mismatch.Message, StringComparison.Ordinal);
    }

    private static void Check<T>(string device, string op) where T : unmanaged, INumber<T>
    {
        StreamOrDevice stream = TestDevices.Resolve(device);
        var random = new Random(op.Length * 13);
        // Few distinct values, so that equal elements are common.
        Func<double> values = ElementValues.Uniform<T>(random, -4, 4);
        foreach ((int[] shapeA, int[] shapeB, OperandLayout layoutA, OperandLayout layoutB) in Operands.BroadcastCases())
        {
            (Array<T> a, ReferenceArray x) = Operands.Make<T>(shapeA, layoutA, values);
            (Array<T> b, ReferenceArray y) = Operands.Make<T>(shapeB, layoutB, values);
            int[] shape = Operands.Broadcast(shapeA, shapeB);
            using (a)
            using (b)
            using (Array<bool> result = Call(op, a, b, stream))
            {
                Assert.Equal(shape, result.Shape);
                bool[] expected = x.BroadcastTo(shape).Data.Zip(y.BroadcastTo(shape).Data, (p, q) => Reference(op, p, q)).ToArray();
                Assert.True(expected.SequenceEqual(result.ToArray()), $"{typeof(T).Name} {op} {layoutA} with {layoutB}");
            }
        }

        foreach ((int[] shape, OperandLayout layout) in Operands.SingleCases())
        {
            (Array<T> a, ReferenceArray x) = Operands.Make<T>(shape, layout, values);
            double s = values();
            T scalar = ElementValues.Round<T>(s);
            using (a)
            using (Array<bool> arrayScalar = CallArrayScalar(op, a, scalar, stream))
            using (Array<bool> scalarArray = CallScalarArray(op, scalar, a, stream))
            {
                Assert.True(x.Data.Select(p => Reference(op, p, s)).SequenceEqual(arrayScalar.ToArray()), $"{typeof(T).Name} {op} {layout} with a scalar");
                Assert.True(x.Data.Select(p => Reference(op, s, p)).SequenceEqual(scalarArray.ToArray()), $"a scalar {op} {typeof(T).Name} {layout}");
            }
        }
    }

    private static bool[] Bools(Random random, int length) => Enumerable.Range(0, length).Select(_ => random.Next(2) == 1).ToArray();

    private static bool[] Broadcast(bool[] values, int[] from, int[] to)
        => new ReferenceArray(values.Select(v => v ? 1.0 : 0.0).ToArray(), from).BroadcastTo(to).Data.Select(v => v != 0).ToArray();

    /// <summary>The comparison <paramref name="op"/> of two values, as C# computes it.</summary>
    internal static bool Reference(string op, double a, double b) => op switch
    {
        "Equal" => a == b,
        "NotEqual" => a != b,
        "Less" => a < b,
        "LessEqual" => a <= b,
        "Greater" => a > b,
        _ => a >= b,
    };

    /// <summary>The comparison <paramref name="op"/> through Mx, two arrays or an array and a scalar on either side.</summary>
    internal static Array<bool> Call<T>(string op, Array<T> a, Array<T> b, StreamOrDevice stream) where T : unmanaged => op switch
    {
        "Equal" => Mx.Equal(a, b, stream),
        "NotEqual" => Mx.NotEqual(a, b, stream),
        "Less" => Mx.Less(a, b, stream),
        "LessEqual" => Mx.LessEqual(a, b, stream),
        "Greater" => Mx.Greater(a, b, stream),
        _ => Mx.GreaterEqual(a, b, stream),
    };

    private static Array<bool> CallArrayScalar<T>(string op, Array<T> a, T b, StreamOrDevice stream) where T : unmanaged => op switch
    {
        "Equal" => Mx.Equal(a, b, stream),
        "NotEqual" => Mx.NotEqual(a, b, stream),
        "Less" => Mx.Less(a, b, stream),
        "LessEqual" => Mx.LessEqual(a, b, stream),
        "Greater" => Mx.Greater(a, b, stream),
        _ => Mx.GreaterEqual(a, b, stream),
    };

    private static Array<bool> CallScalarArray<T>(string op, T a, Array<T> b, StreamOrDevice stream) where T : unmanaged => op switch
    {
        "Equal" => Mx.Equal(a, b, stream),
        "NotEqual" => Mx.NotEqual(a, b, stream),
        "Less" => Mx.Less(a, b, stream),
        "LessEqual" => Mx.LessEqual(a, b, stream),
        "Greater" => Mx.Greater(a, b, stream),
        _ => Mx.GreaterEqual(a, b, stream),
    };

    /// <inheritdoc cref="Call{T}(string, Array{T}, Array{T}, StreamOrDevice)"/>
    internal static Array<bool> Call<T>(string op, Array<T> a, T b, StreamOrDevice stream) where T : unmanaged => op switch
    {
        "Equal" => Mx.Equal(a, b, stream),
        "NotEqual" => Mx.NotEqual(a, b, stream),
        "Less" => Mx.Less(a, b, stream),
        "LessEqual" => Mx.LessEqual(a, b, stream),
        "Greater" => Mx.Greater(a, b, stream),
        _ => Mx.GreaterEqual(a, b, stream),
    };

    /// <inheritdoc cref="Call{T}(string, Array{T}, Array{T}, StreamOrDevice)"/>
    internal static Array<bool> Call<T>(string op, T a, Array<T> b, StreamOrDevice stream) where T : unmanaged => op switch
    {
        "Equal" => Mx.Equal(a, b, stream),
        "NotEqual" => Mx.NotEqual(a, b, stream),
        "Less" => Mx.Less(a, b, stream),
        "LessEqual" => Mx.LessEqual(a, b, stream),
        "Greater" => Mx.Greater(a, b, stream),
        _ => Mx.GreaterEqual(a, b, stream),
    };
}

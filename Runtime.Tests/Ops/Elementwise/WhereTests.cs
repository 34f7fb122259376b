using System;
using System.Linq;
using System.Numerics;
using Tandem.Runtime.Tests.Arrays;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Ops.Elementwise;

/// <summary>
/// <c>Mx.Where</c> for every element type on both devices: the three operands broadcast (edge cases included), of every
/// layout, scalars for either branch, a condition that is a view starting mid-word, and more than three axes that do
/// not merge (the copying path).
/// </summary>
public sealed class WhereTests
{
    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void Every_type_selects_as_the_reference(string device)
    {
        Check<float>(device);
        Check<double>(device);
        Check<Half>(device);
        Check<int>(device);
        Check<uint>(device);
        Check<long>(device);
        Check<byte>(device);
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void Bool_arrays_and_scalars_select_too(string device)
    {
        StreamOrDevice stream = TestDevices.Resolve(device);
        bool[] c = [true, false, true, true, false];
        bool[] x = [true, true, false, true, true];
        using Array<bool> condition = Mx.Array(c);
        using Array<bool> a = Mx.Array(x);
        using Array<bool> picked = Mx.Where(condition, a, false, stream);
        Assert.Equal(c.Zip(x, (p, q) => p && q), picked.ToArray());
        using Array<float> constants = Mx.Where(condition, 1f, -1f, stream);
        Assert.Equal(c.Select(p => p ? 1f : -1f), constants.ToArray());
        using Array<int> fromScalar = Mx.Where(condition, 7, Mx.Array(new[] { 1, 2, 3, 4, 5 }), stream);
        Assert.Equal(new[] { 7, 2, 7, 7, 5 }, fromScalar.ToArray());
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void Relu_as_in_the_documentation(string device)
    {
        using var scope = Mx.StreamScope(TestDevices.Resolve(device));
        float[] values = Enumerable.Range(0, 12).Select(i => (i * 0.75f) - 4).ToArray();
        using Array<float> a = Mx.Array(values, [4, 3]);
        using Array<bool> positive = a > 0f;
        using Array<float> relu = Mx.Where(positive, a, 0f);
        Assert.Equal(values.Select(v => v > 0 ? v : 0f), relu.ToArray());
    }

    [Fact]
    public void Shapes_that_do_not_broadcast_name_all_three()
    {
        using Array<bool> condition = Mx.Zeros<bool>([2, 3]);
        using Array<float> x = Mx.Zeros([3]);
        using Array<float> y = Mx.Zeros([4, 1, 1]);
        using Array<float> z = Mx.Zeros([5]);
        using Array<float> fine = Mx.Where(condition, x, y, Mx.Cpu);
        Assert.Equal(new[] { 4, 2, 3 }, fine.Shape);
        var failure = Assert.Throws<ArgumentException>(() => Mx.Where(condition, x, z, Mx.Cpu));
        Assert.Contains("Mx.Where", failure.Message, StringComparison.Ordinal);
        Assert.Contains("[5]", failure.Message, StringComparison.Ordinal);
    }

    private static void Check<T>(string device) where T : unmanaged, INumber<T>
    {
        StreamOrDevice stream = TestDevices.Resolve(device);
        var random = new Random(11);
        Func<double> values = ElementValues.Uniform<T>(random, -100, 100);
        int[][] conditionShapes = [[], [1], [3, 1], [4, 3]];
        int i = 0;
        foreach ((int[] shapeA, int[] shapeB, OperandLayout layoutA, OperandLayout layoutB) in Operands.BroadcastCases())
        {
            int[] conditionShape = conditionShapes[i++ % conditionShapes.Length];
            int[] shape = Operands.Broadcast(Operands.Broadcast(shapeA, shapeB), conditionShape);
            if (!Broadcasts(conditionShape, Operands.Broadcast(shapeA, shapeB)))
            {
                continue;
            }

            (Array<T> a, ReferenceArray x) = Operands.Make<T>(shapeA, layoutA, values);
            (Array<T> b, ReferenceArray y) = Operands.Make<T>(shapeB, layoutB, values);
            (Array<bool> condition, bool[] c) = Condition(random, conditionShape, sliced: i % 2 == 0);
            using (a)
            using (b)
            using (condition)
            using (Array<T> result = Mx.Where(condition, a, b, stream))
            {
                Assert.Equal(shape, result.Shape);
                bool[] picks = Broadcast(c, conditionShape, shape);
                double[] expected = picks.Select((p, k) => p ? x.BroadcastTo(shape).Data[k] : y.BroadcastTo(shape).Data[k]).ToArray();
                ElementValues.AssertClose(expected, result.ToArray(), 0, unitScale: false, $"{typeof(T).Name} Where {layoutA} {layoutB}");
            }
        }

        // Five axes of which none merge: the condition, x and y are copied to row-major first.
        int[] five = [2, 3, 2, 3, 2];
        (Array<T> p5, ReferenceArray x5) = Operands.Make<T>(five, OperandLayout.Transposed, values);
        (Array<T> q5, ReferenceArray y5) = Operands.Make<T>(five, OperandLayout.Sliced, values);
        (Array<bool> c5, bool[] picks5) = Condition(random, five, sliced: true);
        using (p5)
        using (q5)
        using (c5)
        using (Array<T> result = Mx.Where(c5, p5, q5, stream))
        using (Array<T> scalarRight = Mx.Where(c5, p5, T.One, stream))
        {
            double[] expected = picks5.Select((p, k) => p ? x5.Data[k] : y5.Data[k]).ToArray();
            ElementValues.AssertClose(expected, result.ToArray(), 0, unitScale: false, $"{typeof(T).Name} Where, five axes");
            ElementValues.AssertClose(picks5.Select((p, k) => p ? x5.Data[k] : 1).ToArray(), scalarRight.ToArray(), 0, unitScale: false, "with a scalar");
        }
    }

    /// <summary>A random condition of <paramref name="shape"/>: a new array, or a slice of a larger one (odd byte offsets).</summary>
    private static (Array<bool> Condition, bool[] Values) Condition(Random random, int[] shape, bool sliced)
    {
        if (!sliced || shape.Length == 0)
        {
            bool[] values = Enumerable.Range(0, ReferenceArray.Length(shape)).Select(_ => random.Next(2) == 1).ToArray();
            return (Mx.Array(values, shape), values);
        }

        int[] larger = shape.Select(s => s + 1).ToArray();
        bool[] all = Enumerable.Range(0, ReferenceArray.Length(larger)).Select(_ => random.Next(2) == 1).ToArray();
        using Array<bool> source = Mx.Array(all, larger);
        Array<bool> view = source[shape.Select(s => (ArrayIndex)(1..(s + 1))).ToArray()];
        return (view, view.ToArray());
    }

    private static bool Broadcasts(int[] a, int[] b)
    {
        for (int k = 1; k <= Math.Min(a.Length, b.Length); k++)
        {
            int p = a[^k], q = b[^k];
            if (p != q && p != 1 && q != 1)
            {
                return false;
            }
        }

        return true;
    }

    private static bool[] Broadcast(bool[] values, int[] from, int[] to)
        => new ReferenceArray(values.Select(v => v ? 1.0 : 0.0).ToArray(), from).BroadcastTo(to).Data.Select(v => v != 0).ToArray();
}

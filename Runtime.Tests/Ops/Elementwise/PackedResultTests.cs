using System;
using System.Linq;
using System.Numerics;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Ops.Elementwise;

/// <summary>
/// The kernels that handle four elements per thread, on both devices and for every element type: comparisons and the
/// logical ops write their bool result's words (one word per thread), <c>Where</c> reads one condition word per thread.
/// Lengths that are not whole words, and on both sides of the CPU's SIMD loop (32 elements per vector); operands that
/// start at an odd element (bound in place on the CPU, run strided on the GPU); conditions that start mid-word (the
/// strided kernel) or on a later word; a scalar on either side.
/// </summary>
public sealed class PackedResultTests
{
    private static readonly int[] Lengths = [1, 2, 3, 4, 5, 7, 8, 33, 67, 131, 261];
    private static readonly string[] Ops = ["Equal", "NotEqual", "Less", "LessEqual", "Greater", "GreaterEqual"];

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void Comparisons_of_every_type_fill_whole_words_at_every_length_and_offset(string device)
    {
        Compare<float>(device);
        Compare<double>(device);
        Compare<Half>(device);
        Compare<int>(device);
        Compare<uint>(device);
        Compare<long>(device);
        Compare<byte>(device);
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void Logical_ops_IsNaN_and_AsType_to_bool_fill_whole_words_at_every_length_and_offset(string device)
    {
        StreamOrDevice stream = TestDevices.Resolve(device);
        var random = new Random(3);
        foreach (int n in Lengths)
        {
            foreach (int offset in new[] { 0, 1 })
            {
                bool[] p = Enumerable.Range(0, n + offset).Select(_ => random.Next(2) == 1).ToArray();
                bool[] q = Enumerable.Range(0, n + offset).Select(_ => random.Next(2) == 1).ToArray();
                float[] f = Enumerable.Range(0, n + offset).Select(_ => random.Next(4) switch { 0 => float.NaN, 1 => 0f, _ => random.NextSingle() }).ToArray();
                using Array<bool> allP = Mx.Array(p);
                using Array<bool> allQ = Mx.Array(q);
                using Array<float> allF = Mx.Array(f);
                using Array<bool> a = allP[offset..];
                using Array<bool> b = allQ[offset..];
                using Array<float> x = allF[offset..];
                bool[] left = p[offset..], right = q[offset..];
                float[] floats = f[offset..];
                string at = $"{device}, length {n}, offset {offset}";

                using Array<bool> and = Mx.LogicalAnd(a, b, stream);
                using Array<bool> or = Mx.LogicalOr(a, true, stream);
                using Array<bool> not = Mx.LogicalNot(a, stream);
                using Array<bool> nan = Mx.IsNaN(x, stream);
                using Array<bool> nonZero = x.AsType<bool>(stream);
                Assert.True(left.Zip(right, (u, v) => u && v).SequenceEqual(and.ToArray()), "LogicalAnd " + at);
                Assert.True(or.ToArray().All(v => v), "LogicalOr " + at);
                Assert.True(left.Select(u => !u).SequenceEqual(not.ToArray()), "LogicalNot " + at);
                Assert.True(floats.Select(float.IsNaN).SequenceEqual(nan.ToArray()), "IsNaN " + at);
                Assert.True(floats.Select(v => v != 0).SequenceEqual(nonZero.ToArray()), "AsType<bool> " + at);
            }
        }
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void Where_selects_every_type_at_every_length_and_offset(string device)
    {
        Select<float>(device);
        Select<double>(device);
        Select<Half>(device);
        Select<int>(device);
        Select<uint>(device);
        Select<long>(device);
        Select<byte>(device);

        StreamOrDevice stream = TestDevices.Resolve(device);
        bool[] c = [true, false, false, true, true, false, true];
        bool[] x = [true, true, false, false, true, true, false];
        using Array<bool> condition = Mx.Array(c);
        using Array<bool> values = Mx.Array(x);
        using Array<bool> orFalse = Mx.Where(condition, values, false, stream);
        using Array<bool> orTrue = Mx.Where(condition, true, values, stream);
        Assert.Equal(c.Zip(x, (p, q) => p && q), orFalse.ToArray());
        Assert.Equal(c.Zip(x, (p, q) => p || q), orTrue.ToArray());
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void Where_on_a_transposed_condition_and_operands_keeps_their_layout(string device)
    {
        StreamOrDevice stream = TestDevices.Resolve(device);
        var random = new Random(9);
        double[] values = Enumerable.Range(0, 5 * 7).Select(_ => Math.Round((random.NextDouble() * 8) - 4, 2)).ToArray();
        using Array<double> a = Mx.Array(values, [5, 7]);
        using Array<double> t = a.T;
        using Array<bool> positive = Mx.Greater(t, 0.0, stream);
        using Array<double> relu = Mx.Where(positive, t, 0.0, stream);
        using Array<double> flipped = Mx.Where(positive, -1.0, t, stream);
        using Array<double> both = Mx.Where(positive, t, t, stream);
        double[] transposed = Enumerable.Range(0, 35).Select(k => values[((k % 5) * 7) + (k / 5)]).ToArray();
        foreach (Array<double> result in new[] { relu, flipped, both })
        {
            Assert.Equal([7, 5], result.Shape);
        }

        Assert.Equal(transposed.Select(v => v > 0 ? v : 0.0), relu.ToArray());
        Assert.Equal(transposed.Select(v => v > 0 ? -1.0 : v), flipped.ToArray());
        Assert.Equal(transposed, both.ToArray());
    }

    private static void Compare<T>(string device) where T : unmanaged, INumber<T>
    {
        StreamOrDevice stream = TestDevices.Resolve(device);
        var random = new Random(17);
        Func<double> values = ElementValues.Uniform<T>(random, -3, 3);
        foreach (int n in Lengths)
        {
            foreach (int offset in new[] { 0, 1 })
            {
                double[] p = Enumerable.Range(0, n + offset).Select(_ => ElementValues.Exactly<T>(values())).ToArray();
                double[] q = Enumerable.Range(0, n + offset).Select(_ => ElementValues.Exactly<T>(values())).ToArray();
                double s = ElementValues.Exactly<T>(values());
                using Array<T> allA = Mx.Array(ElementValues.Round<T>(p));
                using Array<T> allB = Mx.Array(ElementValues.Round<T>(q));
                using Array<T> a = allA[offset..];
                using Array<T> b = allB[offset..];
                T scalar = ElementValues.Round<T>(s);
                double[] x = p[offset..], y = q[offset..];
                foreach (string op in Ops)
                {
                    string at = $"{typeof(T).Name} {op} on {device}, length {n}, offset {offset}";
                    using Array<bool> arrays = ComparisonTests.Call(op, a, b, stream);
                    using Array<bool> arrayScalar = ComparisonTests.Call(op, a, scalar, stream);
                    using Array<bool> scalarArray = ComparisonTests.Call(op, scalar, b, stream);
                    Assert.True(x.Zip(y, (u, v) => ComparisonTests.Reference(op, u, v)).SequenceEqual(arrays.ToArray()), at);
                    Assert.True(x.Select(u => ComparisonTests.Reference(op, u, s)).SequenceEqual(arrayScalar.ToArray()), at + ", a scalar on the right");
                    Assert.True(y.Select(v => ComparisonTests.Reference(op, s, v)).SequenceEqual(scalarArray.ToArray()), at + ", a scalar on the left");
                }
            }
        }
    }

    private static void Select<T>(string device) where T : unmanaged, INumber<T>
    {
        StreamOrDevice stream = TestDevices.Resolve(device);
        var random = new Random(23);
        Func<double> values = ElementValues.Uniform<T>(random, -100, 100);
        foreach (int n in Lengths)
        {
            // The condition from its first byte, from a later word, and mid-word; the operands from their first element or the second.
            foreach ((int conditionOffset, int offset) in new[] { (0, 0), (4, 1), (1, 0), (0, 1) })
            {
                bool[] all = Enumerable.Range(0, n + conditionOffset).Select(_ => random.Next(2) == 1).ToArray();
                double[] p = Enumerable.Range(0, n + offset).Select(_ => ElementValues.Exactly<T>(values())).ToArray();
                double[] q = Enumerable.Range(0, n + offset).Select(_ => ElementValues.Exactly<T>(values())).ToArray();
                double s = ElementValues.Exactly<T>(values());
                using Array<bool> allC = Mx.Array(all);
                using Array<T> allX = Mx.Array(ElementValues.Round<T>(p));
                using Array<T> allY = Mx.Array(ElementValues.Round<T>(q));
                using Array<bool> condition = allC[conditionOffset..];
                using Array<T> x = allX[offset..];
                using Array<T> y = allY[offset..];
                bool[] c = all[conditionOffset..];
                double[] u = p[offset..], v = q[offset..];
                string at = $"{typeof(T).Name} Where on {device}, length {n}, condition from byte {conditionOffset}, operands from {offset}";
                using Array<T> arrays = Mx.Where(condition, x, y, stream);
                using Array<T> arrayScalar = Mx.Where(condition, x, ElementValues.Round<T>(s), stream);
                using Array<T> scalarArray = Mx.Where(condition, ElementValues.Round<T>(s), y, stream);
                ElementValues.AssertClose(c.Select((k, i) => k ? u[i] : v[i]).ToArray(), arrays.ToArray(), 0, unitScale: false, at);
                ElementValues.AssertClose(c.Select((k, i) => k ? u[i] : s).ToArray(), arrayScalar.ToArray(), 0, unitScale: false, at + ", a scalar y");
                ElementValues.AssertClose(c.Select((k, i) => k ? s : v[i]).ToArray(), scalarArray.ToArray(), 0, unitScale: false, at + ", a scalar x");
            }
        }
    }
}

using System;
using System.Linq;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Backends.Vulkan.GpuDevice;

/// <summary>
/// Every built-in op on the GPU equals the same op on the CPU, on random inputs: integers, float and double +, -, *,
/// max, creators, uniform random numbers and sums (the same kernels add in the same order) bit for bit; quotients,
/// roots and transcendentals within the sum of both devices' <see cref="UlpBounds"/> (both differ from
/// <see cref="MathF"/>). Double transcendentals are computed in float on the GPU (as glslang lowers them), so they
/// compare as floats.
/// </summary>
public sealed class GpuOpTests : GpuTestBase
{
    private static readonly int[][] Shapes = [[1], [7], [33, 5], [1000], [70_001]];

    private delegate void Compare<T>(T[] expected, T[] actual, string what);

    [MxGpuFact]
    public void Float_elementwise_ops_equal_the_CPU()
    {
        Bounded.Run(() =>
        {
            var quotient = FloatUlps(Both(UlpBounds.Divide));
            var exp = FloatUlps(Both(device => UlpBounds.Exp(device, 10)));
            var log = FloatUlps(Both(UlpBounds.Log), 1f);
            var tanh = FloatUlps(Both(UlpBounds.Trigonometric), 1f);
            foreach (int[] shape in Shapes)
            {
                int n = shape.Aggregate(1, (p, q) => p * q);
                var random = new Random(n);
                using Array<float> a = Mx.Array(Numerics.Floats(random, n, -10, 10), shape);
                using Array<float> b = Mx.Array(Numerics.Floats(random, n, 0.5f, 10), shape);
                using Array<float> positive = Mx.Array(Numerics.Floats(random, n, 0.01f, 50), shape);
                Same(a, b, FloatExact, (x, y, s) => Mx.Add(x, y, s));
                Same(a, b, FloatExact, (x, y, s) => Mx.Subtract(x, y, s));
                Same(a, b, FloatExact, (x, y, s) => Mx.Multiply(x, y, s));
                Same(a, b, quotient, (x, y, s) => Mx.Divide(x, y, s));
                Same(a, b, FloatExact, (x, y, s) => Mx.Maximum(x, y, s));
                Same(a, b, FloatExact, (x, _, s) => Mx.Add(x, 2.5f, s));
                Same(a, b, FloatExact, (x, _, s) => Mx.Subtract(x, 2.5f, s));
                Same(a, b, FloatExact, (x, _, s) => Mx.Multiply(x, -1.5f, s));
                Same(a, b, quotient, (x, _, s) => Mx.Divide(x, 3f, s));
                Same(a, b, FloatExact, (x, _, s) => Mx.Maximum(x, 0f, s));
                Same(a, b, exp, (x, _, s) => Mx.Exp(x, s));
                Same(positive, b, log, (x, _, s) => Mx.Log(x, s));
                Same(positive, b, quotient, (x, _, s) => Mx.Sqrt(x, s));
                Same(a, b, tanh, (x, _, s) => Mx.Tanh(x, s));
            }
        }, TimeSpan.FromSeconds(120));
    }

    [MxGpuFact]
    public void Double_and_int_elementwise_ops_equal_the_CPU()
    {
        Bounded.Run(() =>
        {
            var random = new Random(5);
            const int n = 4099;
            using Array<double> a = Mx.Array(Numerics.Doubles(random, n));
            using Array<double> b = Mx.Array(Numerics.Doubles(random, n).Select(v => v + 20).ToArray());
            Same(a, b, DoubleExact, (x, y, s) => Mx.Add(x, y, s));
            Same(a, b, DoubleExact, (x, y, s) => Mx.Subtract(x, y, s));
            Same(a, b, DoubleExact, (x, y, s) => Mx.Multiply(x, y, s));
            Same(a, b, (e, g, what) => Numerics.AssertUlps(e, g, Both(UlpBounds.Divide), what), (x, y, s) => Mx.Divide(x, y, s));
            Same(a, b, DoubleExact, (x, y, s) => Mx.Maximum(x, y, s));
            Same(a, b, DoubleExact, (x, _, s) => Mx.Multiply(x, 2.5, s));
            Same(a, b, DoubleExact, (x, _, s) => Mx.Maximum(x, 0.125, s));
            Same(a, b, AsFloats(FloatUlps(Both(device => UlpBounds.Exp(device, 4)))), (x, _, s) => Mx.Exp(x, s));
            Same(b, b, AsFloats(FloatUlps(Both(UlpBounds.Log), 1f)), (x, _, s) => Mx.Log(x, s));
            Same(b, b, (e, g, what) => Numerics.AssertUlps(e, g, Both(UlpBounds.DoubleSqrt), what), (x, _, s) => Mx.Sqrt(x, s));
            Same(a, b, AsFloats(FloatUlps(Both(UlpBounds.Trigonometric), 1f)), (x, _, s) => Mx.Tanh(x, s));

            using Array<int> i = Mx.Array(Numerics.Ints(random, n, -1_000_000, 1_000_000));
            using Array<int> j = Mx.Array(Numerics.Ints(random, n, 1, 1000).Select((v, k) => k % 2 == 0 ? v : -v).ToArray());
            Same(i, j, IntExact, (x, y, s) => Mx.Add(x, y, s));
            Same(i, j, IntExact, (x, y, s) => Mx.Subtract(x, y, s));
            Same(i, j, IntExact, (x, y, s) => Mx.Multiply(x, y, s));
            Same(i, j, IntExact, (x, y, s) => Mx.Divide(x, y, s));
            Same(i, j, IntExact, (x, y, s) => Mx.Maximum(x, y, s));
            Same(i, j, IntExact, (x, _, s) => Mx.Multiply(x, 3, s));
        }, TimeSpan.FromSeconds(120));
    }

    [MxGpuFact]
    public void Creators_random_reductions_and_matmul_equal_the_CPU()
    {
        Bounded.Run(() =>
        {
            Same(s => Mx.Ones<float>([77], s), FloatExact);
            Same(s => Mx.Full([3, 5], 2.5, s), DoubleExact);
            Same(s => Mx.Full([9], -4, s), IntExact);
            Same(s => Mx.Arange(1000, s), IntExact);
            Same(s => Mx.Arange(0.5f, 10f, 0.25f, s), FloatExact);
            Same(s => Mx.Random.Uniform([10_001], -2, 3, key: 7, stream: s), FloatExact);
            // Box-Muller: a log, a square root and a cosine of uniform numbers, at the scale of a unit normal.
            Same(s => Mx.Random.Normal([10_001], 1, 2, key: 8, stream: s), FloatUlps(Both(UlpBounds.Log) + Both(UlpBounds.Divide) + Both(UlpBounds.Trigonometric), 2f));
            Same(s => Mx.Random.Uniform([999], -2.0, 3.0, key: 9, stream: s), DoubleExact);

            var random = new Random(3);
            // The devices add in different orders (a block per thread on the CPU, interleaved elements on a GPU): twice
            // the sum bound at the scale of the terms.
            float[] floats = Numerics.Floats(random, 100_003, -1, 1);
            using Array<float> x = Mx.Array(floats);
            float floatScale = floats.Sum(Math.Abs);
            Same(s => Mx.Sum(x, s), (e, g, what) => Numerics.AssertUlps(e, g, 2 * Numerics.SumUlps(floats.Length), [floatScale], what));
            using Array<int> k = Mx.Array(Numerics.Ints(random, 5000, -1000, 1000));
            Same(s => Mx.Sum(k, s), IntExact);
            double[] doubles = Numerics.Doubles(random, 3001);
            using Array<double> d = Mx.Array(doubles);
            double doubleScale = doubles.Sum(Math.Abs);
            Same(s => Mx.Sum(d, s), (e, g, what) => Numerics.AssertUlps(e, g, 2 * Numerics.SumUlps(doubles.Length), [doubleScale], what));

            foreach (var (m, inner, n) in new[] { (1, 1, 1), (17, 9, 33), (128, 64, 4), (4, 512, 96) })
            {
                float[] left = Numerics.Floats(random, m * inner);
                float[] right = Numerics.Floats(random, inner * n);
                using Array<float> a = Mx.Array(left, [m, inner]);
                using Array<float> b = Mx.Array(right, [inner, n]);
                // The devices may add the products in other orders: twice the sum bound at the scale of the terms.
                float[] scale = ProductMagnitudes(left, right, m, inner, n);
                Same(s => Mx.Matmul(a, b, s), (e, g, what) => Numerics.AssertUlps(e, g, 2 * Numerics.SumUlps(2 * inner), scale, what));
            }
        }, TimeSpan.FromSeconds(120));
    }

    private static Compare<float> FloatExact => (e, a, what) => Numerics.AssertExact(e, a, what);

    private static Compare<double> DoubleExact => (e, a, what) => Numerics.AssertExact(e, a, what);

    private static Compare<int> IntExact => (e, a, what) => Assert.Equal(e, a);

    private static Compare<float> FloatUlps(int ulps, float scale = 0f) => (e, a, what) => Numerics.AssertUlps(e, a, ulps, scale, what);

    private static Compare<double> AsFloats(Compare<float> compare) =>
        (e, a, what) => compare(e.Select(v => (float)v).ToArray(), a.Select(v => (float)v).ToArray(), what + " (as floats)");

    /// <summary>The CPU's and the GPU's bound together: the CPU is the reference here, and both differ from MathF.</summary>
    private static int Both(Func<string, int> bound) => bound("cpu") + bound("gpu");

    /// <summary>Sum over the inner index of |a[r, p] b[p, c]|, per element of the product.</summary>
    private static float[] ProductMagnitudes(float[] a, float[] b, int m, int inner, int n)
    {
        var scale = new float[m * n];
        for (var row = 0; row < m; row++)
        {
            for (var column = 0; column < n; column++)
            {
                double sum = 0;
                for (var p = 0; p < inner; p++)
                {
                    sum += Math.Abs((double)a[(row * inner) + p] * b[(p * n) + column]);
                }

                scale[(row * n) + column] = (float)sum;
            }
        }

        return scale;
    }

    private static void Same<T>(Array<T> a, Array<T> b, Compare<T> compare, Func<Array<T>, Array<T>, StreamOrDevice, Array<T>> op)
        where T : unmanaged
        => Same(s => op(a, b, s), compare);

    private static void Same<T>(Func<StreamOrDevice, Array<T>> op, Compare<T> compare) where T : unmanaged
    {
        using Array<T> onCpu = op(Mx.Cpu);
        using Array<T> onGpu = op(Mx.Gpu);
        Assert.Equal(onCpu.Shape, onGpu.Shape);
        compare(onCpu.ToArray(), onGpu.ToArray(), $"{typeof(T).Name} op of shape [{string.Join(", ", onCpu.Shape)}]");
    }
}

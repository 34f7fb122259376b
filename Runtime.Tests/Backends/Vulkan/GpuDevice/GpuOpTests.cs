using System;
using System.Linq;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Backends.Vulkan.GpuDevice;

/// <summary>
/// Every built-in op on the GPU equals the same op on the CPU, on random inputs. Tolerances (relative, scaled by
/// max(1, |expected|)): integers exact; float +, -, *, max exact; float / within 1e-6 (Vulkan allows 2.5 ulp);
/// exp/log/sqrt/tanh and the normal generator within 2e-5 (driver transcendentals); double arithmetic within 1e-15,
/// double transcendentals within 1e-6 (glslang lowers them to float on the GPU); sums and matmuls within 1e-5 of
/// their magnitude (the summation order differs).
/// </summary>
public sealed class GpuOpTests : GpuTestBase
{
    private static readonly int[][] Shapes = [[1], [7], [33, 5], [1000], [70_001]];

    [MxGpuFact]
    public void Float_elementwise_ops_equal_the_CPU()
    {
        Bounded.Run(() =>
        {
            foreach (int[] shape in Shapes)
            {
                int n = shape.Aggregate(1, (p, q) => p * q);
                var random = new Random(n);
                using Array<float> a = Mx.Array(Numerics.Floats(random, n, -10, 10), shape);
                using Array<float> b = Mx.Array(Numerics.Floats(random, n, 0.5f, 10), shape);
                using Array<float> positive = Mx.Array(Numerics.Floats(random, n, 0.01f, 50), shape);
                Same(a, b, 0, (x, y, s) => Mx.Add(x, y, s));
                Same(a, b, 0, (x, y, s) => Mx.Subtract(x, y, s));
                Same(a, b, 0, (x, y, s) => Mx.Multiply(x, y, s));
                Same(a, b, 1e-6, (x, y, s) => Mx.Divide(x, y, s));
                Same(a, b, 0, (x, y, s) => Mx.Maximum(x, y, s));
                Same(a, b, 0, (x, _, s) => Mx.Add(x, 2.5f, s));
                Same(a, b, 0, (x, _, s) => Mx.Subtract(x, 2.5f, s));
                Same(a, b, 0, (x, _, s) => Mx.Multiply(x, -1.5f, s));
                Same(a, b, 1e-6, (x, _, s) => Mx.Divide(x, 3f, s));
                Same(a, b, 0, (x, _, s) => Mx.Maximum(x, 0f, s));
                Same(a, b, 2e-5, (x, _, s) => Mx.Exp(x, s));
                Same(positive, b, 2e-5, (x, _, s) => Mx.Log(x, s));
                Same(positive, b, 2e-5, (x, _, s) => Mx.Sqrt(x, s));
                Same(a, b, 2e-5, (x, _, s) => Mx.Tanh(x, s));
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
            Same(a, b, 1e-15, (x, y, s) => Mx.Add(x, y, s));
            Same(a, b, 1e-15, (x, y, s) => Mx.Subtract(x, y, s));
            Same(a, b, 1e-15, (x, y, s) => Mx.Multiply(x, y, s));
            Same(a, b, 1e-15, (x, y, s) => Mx.Divide(x, y, s));
            Same(a, b, 0, (x, y, s) => Mx.Maximum(x, y, s));
            Same(a, b, 1e-15, (x, _, s) => Mx.Multiply(x, 2.5, s));
            Same(a, b, 0, (x, _, s) => Mx.Maximum(x, 0.125, s));
            Same(a, b, 1e-6, (x, _, s) => Mx.Exp(x, s));
            Same(b, b, 1e-6, (x, _, s) => Mx.Log(x, s));
            Same(b, b, 1e-6, (x, _, s) => Mx.Sqrt(x, s));
            Same(a, b, 1e-6, (x, _, s) => Mx.Tanh(x, s));

            using Array<int> i = Mx.Array(Numerics.Ints(random, n, -1_000_000, 1_000_000));
            using Array<int> j = Mx.Array(Numerics.Ints(random, n, 1, 1000).Select((v, k) => k % 2 == 0 ? v : -v).ToArray());
            Same(i, j, 0, (x, y, s) => Mx.Add(x, y, s));
            Same(i, j, 0, (x, y, s) => Mx.Subtract(x, y, s));
            Same(i, j, 0, (x, y, s) => Mx.Multiply(x, y, s));
            Same(i, j, 0, (x, y, s) => Mx.Divide(x, y, s));
            Same(i, j, 0, (x, y, s) => Mx.Maximum(x, y, s));
            Same(i, j, 0, (x, _, s) => Mx.Multiply(x, 3, s));
        }, TimeSpan.FromSeconds(120));
    }

    [MxGpuFact]
    public void Creators_random_reductions_and_matmul_equal_the_CPU()
    {
        Bounded.Run(() =>
        {
            Same(s => Mx.Ones<float>([77], s), 0);
            Same(s => Mx.Full([3, 5], 2.5, s), 0);
            Same(s => Mx.Full([9], -4, s), 0);
            Same(s => Mx.Arange(1000, s), 0);
            Same(s => Mx.Arange(0.5f, 10f, 0.25f, s), 1e-6);
            Same(s => Mx.Random.Uniform([10_001], -2, 3, key: 7, stream: s), 1e-6);
            Same(s => Mx.Random.Normal([10_001], 1, 2, key: 8, stream: s), 2e-5);
            Same(s => Mx.Random.Uniform([999], -2.0, 3.0, key: 9, stream: s), 1e-6);

            var random = new Random(3);
            using Array<float> x = Mx.Array(Numerics.Floats(random, 100_003, -1, 1));
            Same(s => Mx.Sum(x, s), 1e-5);
            using Array<int> k = Mx.Array(Numerics.Ints(random, 5000, -1000, 1000));
            Same(s => Mx.Sum(k, s), 0);
            using Array<double> d = Mx.Array(Numerics.Doubles(random, 3001));
            Same(s => Mx.Sum(d, s), 1e-12);

            foreach (var (m, inner, n) in new[] { (1, 1, 1), (17, 9, 33), (128, 64, 4), (4, 512, 96) })
            {
                using Array<float> a = Mx.Array(Numerics.Floats(random, m * inner), [m, inner]);
                using Array<float> b = Mx.Array(Numerics.Floats(random, inner * n), [inner, n]);
                Same(s => Mx.Matmul(a, b, s), 1e-5);
            }
        }, TimeSpan.FromSeconds(120));
    }

    private static void Same<T>(Array<T> a, Array<T> b, double tolerance, Func<Array<T>, Array<T>, StreamOrDevice, Array<T>> op)
        where T : unmanaged
        => Same(s => op(a, b, s), tolerance);

    private static void Same<T>(Func<StreamOrDevice, Array<T>> op, double tolerance) where T : unmanaged
    {
        using Array<T> onCpu = op(Mx.Cpu);
        using Array<T> onGpu = op(Mx.Gpu);
        Assert.Equal(onCpu.Shape, onGpu.Shape);
        double[] expected = onCpu.ToArray().Select(v => Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        double[] actual = onGpu.ToArray().Select(v => Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Numerics.AssertClose(expected, actual, tolerance, $"{typeof(T).Name} op of shape [{string.Join(", ", onCpu.Shape)}]");
    }
}

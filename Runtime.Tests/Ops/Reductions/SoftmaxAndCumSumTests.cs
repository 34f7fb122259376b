using System;
using System.Linq;
using System.Numerics;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Ops.Reductions;

/// <summary>Softmax and CumSum along each axis against references in double, on each device.</summary>
public sealed class SoftmaxAndCumSumTests
{
    private static readonly int[][] Shapes = [[1], [7], [5, 3], [2, 3, 4], [3, 1, 2, 5], [2, 2500], [2500, 3], [4, 1, 1030, 2]];

    [Theory]
    [MemberData(nameof(ReductionVariants.All), MemberType = typeof(ReductionVariants))]
    public void Softmax_matches_the_reference_along_every_axis(string device, bool subgroups)
    {
        using IDisposable? kernels = ReductionVariants.Use(subgroups);
        StreamOrDevice stream = TestDevices.Resolve(device);
        foreach (int[] shape in Shapes)
        {
            float[] data = Numerics.Floats(new Random(shape.Length), RandomInputs.Length(shape));
            using Array<float> a = Mx.Array(data, shape);
            for (int axis = -shape.Length; axis < shape.Length; axis++)
            {
                using Array<float> softmax = Mx.Softmax(a, axis, stream);
                float[] expected = Expected(data, shape, axis, run =>
                {
                    double max = run.Max();
                    double sum = run.Sum(x => Math.Exp(x - max));
                    return run.Select(x => Math.Exp(x - max) / sum).ToArray();
                });
                int ulps = (2 * UlpBounds.Exp(device, 8)) + Numerics.SumUlps(shape[axis < 0 ? axis + shape.Length : axis]) + UlpBounds.Divide(device);
                Numerics.AssertUlps(expected, softmax.ToArray(), ulps, $"softmax of [{string.Join(", ", shape)}] along {axis} on {device}");
            }
        }

        // Large logits: exp(1000) overflows, exp(x - max) does not.
        using Array<double> large = Mx.Array(new[] { 1000.0, 1000.0, 999.0 });
        using Array<double> stable = Mx.Softmax(large, stream: stream);
        double e = Math.Exp(-1);
        Numerics.AssertUlps(new[] { 1 / (2 + e), 1 / (2 + e), e / (2 + e) }, stable.ToArray(), 1 << 30, "softmax of large logits");
        using Array<double> lse = Mx.LogSumExp(large, stream);
        Numerics.AssertUlps(new[] { 1000 + Math.Log(2 + e) }, lse.ToArray(), 1 << 30, "log-sum-exp of large logits");
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void Softmax_of_a_view_and_of_runs_holding_nan_or_infinity(string device)
    {
        StreamOrDevice stream = TestDevices.Resolve(device);
        float[] data = Numerics.Floats(new Random(11), 40 * 30);
        using Array<float> a = Mx.Array(data, [40, 30]);
        using Array<float> transposed = Mx.Softmax(a.T, -1, stream);
        using Array<float> alongColumns = Mx.Softmax(a, 0, stream);
        using Array<float> expected = Mx.Transpose(alongColumns);
        Numerics.AssertUlps(expected.ToArray(), transposed.ToArray(), 4 * UlpBounds.Exp(device, 8), $"softmax of a.T on {device}");

        using Array<double> rows = Mx.Array(new[] { 1.0, double.NaN, 2.0, 1.0, double.PositiveInfinity, 2.0, 1.0, 3.0, 2.0 }, [3, 3]);
        using Array<double> softmax = Mx.Softmax(rows, -1, stream);
        double[] values = softmax.ToArray();
        Assert.All(values[..6], v => Assert.True(double.IsNaN(v), $"a row with NaN or +inf gives NaN, got {v}"));
        Assert.All(values[6..], v => Assert.True(v is > 0 and < 1, $"a finite row gives probabilities, got {v}"));
        using Array<double> down = Mx.Softmax(rows, 0, stream);
        double[] columns = down.ToArray();
        Assert.All(new[] { columns[1], columns[4], columns[7] }, v => Assert.True(double.IsNaN(v), $"a column with NaN gives NaN, got {v}"));
        Assert.All(new[] { columns[0], columns[3], columns[6] }, v => Assert.Equal(1.0 / 3, v, 15));
    }

    [Theory]
    [MemberData(nameof(ReductionVariants.All), MemberType = typeof(ReductionVariants))]
    public void Half_softmax_is_computed_in_float_and_rounded_once(string device, bool subgroups)
    {
        using IDisposable? kernels = ReductionVariants.Use(subgroups);
        StreamOrDevice stream = TestDevices.Resolve(device);
        Half[] data = Numerics.Floats(new Random(3), 12).Select(x => (Half)x).ToArray();
        using Array<Half> a = Mx.Array(data, [3, 4]);
        using Array<Half> softmax = Mx.Softmax(a, 1, stream);
        Half[] expected = Expected(data.Select(x => (float)x).ToArray(), [3, 4], 1, run =>
        {
            double sum = run.Sum(x => Math.Exp(x - run.Max()));
            return run.Select(x => Math.Exp(x - run.Max()) / sum).ToArray();
        }).Select(x => (Half)x).ToArray();
        Numerics.AssertUlps(expected, softmax.ToArray(), 1, $"Half softmax on {device}");
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void CumSum_matches_the_reference_along_every_axis(string device)
    {
        StreamOrDevice stream = TestDevices.Resolve(device);
        foreach (int[] shape in Shapes.Append([1_100_003]))
        {
            var random = new Random(shape.Sum());
            int length = RandomInputs.Length(shape);
            float[] floats = Numerics.Floats(random, length);
            int[] ints = Numerics.Ints(random, length);
            using Array<float> f = Mx.Array(floats, shape);
            using Array<int> i = Mx.Array(ints, shape);
            using Array<long> l = Mx.Array(ints.Select(x => (long)x * 1_000_000).ToArray(), shape);
            using Array<uint> u = Mx.Array(ints.Select(x => (uint)x).ToArray(), shape);
            using Array<Half> h = Mx.Array(floats.Select(x => (Half)x).ToArray(), shape);
            for (int axis = -shape.Length; axis < shape.Length; axis++)
            {
                string at = $"cumsum of [{string.Join(", ", shape)}] along {axis} on {device}";
                int run = shape[axis < 0 ? axis + shape.Length : axis];
                float[] scale = Expected(floats, shape, axis, Running(Math.Abs));
                using (Array<float> sums = Mx.CumSum(f, axis, stream))
                {
                    Numerics.AssertUlps(Expected(floats, shape, axis, Running(x => x)), sums.ToArray(), Numerics.SumUlps(run), scale, at);
                }

                AssertExact(Mx.CumSum(i, axis, stream), Expected(ints.Select(x => (double)x).ToArray(), shape, axis, Running(x => x)).Select(x => (int)x), at);
                AssertExact(Mx.CumSum(l, axis, stream), Expected(ints.Select(x => (double)x).ToArray(), shape, axis, Running(x => x)).Select(x => (long)x * 1_000_000), at);
                AssertExact(Mx.CumSum(u, axis, stream), Expected(ints.Select(x => (double)x).ToArray(), shape, axis, Running(x => x)).Select(x => unchecked((uint)(int)x)), at);
                using (Array<Half> halves = Mx.CumSum(h, axis, stream))
                {
                    double[] exact = h.ToArray().Select(x => (double)x).ToArray();
                    Half[] expected = Expected(exact, shape, axis, Running(x => x)).Select(x => (Half)x).ToArray();
                    Half[] halfScale = Expected(exact, shape, axis, Running(Math.Abs)).Select(x => (Half)x).ToArray();
                    Numerics.AssertUlps(expected, halves.ToArray(), 1, halfScale, at + " (Half)");
                }
            }
        }
    }

    private static Func<double[], double[]> Running(Func<double, double> term) => run =>
    {
        double sum = 0;
        return run.Select(x => sum += term(x)).ToArray();
    };

    private static void AssertExact<T>(Array<T> actual, System.Collections.Generic.IEnumerable<T> expected, string what) where T : unmanaged
    {
        using (actual)
        {
            Assert.True(expected.SequenceEqual(actual.ToArray()), what);
        }
    }

    private static float[] Expected(float[] data, int[] shape, int axis, Func<double[], double[]> along)
        => Expected(data.Select(x => (double)x).ToArray(), shape, axis, along).Select(x => (float)x).ToArray();

    /// <summary>Applies <paramref name="along"/> to every run of <paramref name="data"/> along <paramref name="axis"/>.</summary>
    private static double[] Expected(double[] data, int[] shape, int axis, Func<double[], double[]> along)
    {
        int position = axis < 0 ? axis + shape.Length : axis;
        bool[] reduced = shape.Select((_, i) => i == position).ToArray();
        var result = new double[data.Length];
        foreach (int[] run in ReductionReference.Runs(shape, reduced))
        {
            double[] values = along(run.Select(i => data[i]).ToArray());
            for (int k = 0; k < run.Length; k++)
            {
                result[run[k]] = values[k];
            }
        }

        return result;
    }
}

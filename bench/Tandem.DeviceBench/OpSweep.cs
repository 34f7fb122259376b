using System;
using Tandem;

namespace Tandem.DeviceBench;

/// <summary>
/// The array ops beyond the table, each as a user calls it on a CPU stream (a new result per call, disposed),
/// on 2048 x 2048 float32 unless named: one "RESULT ops.cpu.NAME ms" line each. bench/peers/bench_numpy_cpu.py's
/// "ops" section times NumPy's equivalent of each under the same name; bench/compare.py pairs them.
/// </summary>
internal static class OpSweep
{
    public static void RunCpu()
    {
        using var scope = Mx.StreamScope(Mx.Cpu);
        using Array<float> a = Mx.Random.Normal([2048, 2048]);
        using Array<float> b = Mx.Random.Normal([2048, 2048]);
        using Array<float> v = Mx.Random.Normal([2048]);
        using Array<float> column = Mx.Random.Normal([2048, 1]);
        using Array<int> indices = Mx.Random.RandInt(0, 2048, [1024]);
        using Array<bool> positive = a > 0f;
        Time("greater_scalar", () => a > 0f);
        Time("greater_scalar_transposed", () => a.T > 0f);
        Time("greater_row_broadcast", () => a > v);
        Time("greater_column_broadcast", () => a > column);
        Time("greater_transposed", () => a > b.T);
        Time("where_scalar", () => Mx.Where(positive, a, 0f));
        Time("where_arrays", () => Mx.Where(positive, a, b));
        Time("tanh", () => Mx.Tanh(a));
        Time("sin", () => Mx.Sin(a));
        Time("astype_int", () => a.AsType<int>());
        Time("eye", () => Mx.Eye<float>(2048));
        Time("concatenate_axis1", () => Mx.Concatenate([a, b], 1));
        Time("stack_axis0", () => Mx.Stack([a, b], 0));
        Time("broadcast_row_contiguous", () => Mx.Contiguous(Mx.BroadcastTo(a[0], [2048, 2048])));
        Time("take_axis0", () => Mx.Take(a, indices, 0));
        Time("max_axis1", () => Mx.Max(a, axis: 1));
        Time("argmax_axis1", () => Mx.ArgMax(a, axis: 1));
        Time("argmax_axis0", () => Mx.ArgMax(a, axis: 0));
        Time("max_axis0", () => Mx.Max(a, axis: 0));
        Time("softmax_axis1", () => Mx.Softmax(a, axis: 1));
        Time("softmax_axis0", () => Mx.Softmax(a, axis: 0));
        Time("matvec", () => Mx.Matmul(a, v));
        Time("vecmat", () => Mx.Matmul(v, a));
        Time("random_uniform", () => Mx.Random.Uniform([2048, 2048]));
        Time("random_normal", () => Mx.Random.Normal([2048, 2048]));
        Time("random_randint", () => Mx.Random.RandInt(0, 1000, [2048, 2048]));
        Time("random_bernoulli", () => Mx.Random.Bernoulli(0.3f, [2048, 2048]));
        Time("random_normal_float64", () => Mx.Random.Normal([2048, 2048], 0.0, 1.0));
    }

    private static void Time(string name, Func<IDisposable> op)
    {
        double ms = Report.MedianMs(() =>
        {
            using IDisposable result = op();
            Mx.Synchronize();
        }, 21);
        Report.Result($"ops.cpu.{name}", ms, "ms");
    }
}

using System;
using System.Linq;
using System.Numerics.Tensors;

namespace Tandem.DeviceBench;

/// <summary>
/// Element-wise ops through the public API, by layout, on each device: contiguous a + b (the SIMD / four-per-thread
/// kernel), an array with a scalar, a row broadcast (a bias add: [rows, 1024] + [1024]), a column broadcast
/// ([rows, 1024] + [rows, 1]) and two transposed views (the strided kernel). Figures are GB/s of the arrays read and
/// written; each op makes a new array as a user's code does, and every result is checked on the host.
/// </summary>
internal static class ElementwiseLayouts
{
    private const int Width = 1024;

    public static void Run(int length)
    {
        Measure(Mx.Cpu, "cpu", length / 4);
        if (Mx.IsGpuAvailable)
        {
            Measure(Mx.Gpu, "gpu", length);
        }
    }

    private static void Measure(Device device, string name, int length)
    {
        int rows = length / Width;
        length = rows * Width;
        var random = new Random(3);
        float[] xs = Enumerable.Range(0, length).Select(_ => random.NextSingle()).ToArray();
        float[] ys = Enumerable.Range(0, length).Select(_ => random.NextSingle()).ToArray();
        float[] bias = Enumerable.Range(0, Width).Select(_ => random.NextSingle()).ToArray();
        float[] column = Enumerable.Range(0, rows).Select(_ => random.NextSingle()).ToArray();
        using DeviceStream stream = Mx.NewStream(device);
        using Array<float> x = Mx.Array(xs, [rows, Width]);
        using Array<float> y = Mx.Array(ys, [rows, Width]);
        using Array<float> b = Mx.Array(bias);
        using Array<float> c = Mx.Array(column, [rows, 1]);
        using Array<float> xt = x.T;
        using Array<float> yt = y.T;
        double bytes = 3.0 * sizeof(float) * length;

        Time($"{name}.add_contiguous", bytes, () => Mx.Add(x, y, stream), stream, (i, v) => v == xs[i] + ys[i]);
        Time($"{name}.multiply_scalar", 2.0 * sizeof(float) * length, () => Mx.Multiply(x, 2f, stream), stream, (i, v) => v == xs[i] * 2f);
        Time($"{name}.add_row_broadcast", 2.0 * sizeof(float) * length, () => Mx.Add(x, b, stream), stream, (i, v) => v == xs[i] + bias[i % Width]);
        Time($"{name}.add_column_broadcast", 2.0 * sizeof(float) * length, () => Mx.Add(x, c, stream), stream, (i, v) => v == xs[i] + column[i / Width]);
        Time($"{name}.add_transposed", bytes, () => Mx.Add(xt, yt, stream), stream,
            (i, v) => v == xs[((i % rows) * Width) + (i / rows)] + ys[((i % rows) * Width) + (i / rows)]);

        if (device == Mx.Cpu)
        {
            float[] sum = new float[length];
            double peer = Report.MedianMs(() => TensorPrimitives.Add(xs, ys, sum), 10);
            Report.Result("elementwise.cpu.tensorprimitives_add", bytes / (peer * 1e-3) / 1e9, "GB/s", $"({peer:F3} ms, 1 thread, existing output)");
        }
    }

    private static void Time(string key, double bytes, Func<Array<float>> op, DeviceStream stream, Func<int, float, bool> correct)
    {
        using (Array<float> first = op())
        {
            float[] values = first.ToArray();
            int wrong = Enumerable.Range(0, values.Length).FirstOrDefault(i => !correct(i, values[i]), -1);
            Report.Check(key, wrong < 0 ? null : $"element {wrong} is {values[wrong]}");
        }

        double ms = Report.MedianMs(() =>
        {
            using Array<float> result = op();
            stream.Synchronize();
        }, 10);
        Report.Result("elementwise." + key, bytes / (ms * 1e-3) / 1e9, "GB/s", $"({ms:F3} ms per op + sync, new result each time)");
    }
}

using System;
using System.Globalization;
using System.Linq;
using Tandem.Ops.Linalg;

namespace Tandem.DeviceBench;

/// <summary>
/// Matrix products as a user runs them (inputs from <c>Mx.Random.Normal</c> on the stream, a new output array per
/// product through <c>Mx.Matmul</c>), and each GPU kernel variant into an existing output through the internal GEMM
/// entry, so one run on a GPU machine shows which tile wins at which size. Each figure is the median of timed runs after
/// a second of warm-up, each run ending with a synchronization; every variant's last output is read back and checked
/// against a double-precision reference on sampled elements (a <c>CHECK</c> line).
/// </summary>
internal static class GemmBenchmark
{
    /// <summary>Sizes of the square products; <c>TANDEM_BENCH_GEMM_SIZES=256,512</c> overrides (slow devices).</summary>
    private static int[] Sizes(params int[] defaults) =>
        Environment.GetEnvironmentVariable("TANDEM_BENCH_GEMM_SIZES") is { Length: > 0 } text
            ? text.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray()
            : defaults;

    public static void RunGpu()
    {
        if (!Mx.IsGpuAvailable)
        {
            Console.WriteLine("gemm-gpu: no GPU");
            return;
        }

        Console.WriteLine($"gemm-gpu: tuning row '{GemmTuning.For(Mx.Gpu).Kind}'");
        var stream = Mx.NewStream(Mx.Gpu);
        int[] sizes = Sizes(1024, 2048, 4096);
        foreach (int n in sizes)
        {
            using Array<float> a = Mx.Random.Normal([n, n], key: 1, stream: stream);
            using Array<float> b = Mx.Random.Normal([n, n], key: 2, stream: stream);
            int runs = n >= 4096 ? 10 : 20;
            string auto = GemmTuning.For(Mx.Gpu).Choose(new GemmShape(n, n, n)).ToString();
            Time($"matmul.gpu.tandem.{n}", () => Mx.Matmul(a, b, stream), stream, a, b, runs, $"Mx.Matmul, new output, tile {auto}");
            foreach (GemmTile tile in new[] { GemmTile.Large, GemmTile.Medium })
            {
                TimeInto($"gemm.gpu.{tile}.{n}", new GemmShape(n, n, n), a, b, stream, tile, transposeA: false, transposeB: false, runs);
            }
        }

        int big = sizes.Max();
        using (Array<float> a = Mx.Random.Normal([big, big], key: 3, stream: stream))
        using (Array<float> b = Mx.Random.Normal([big, big], key: 4, stream: stream))
        {
            foreach ((bool ta, bool tb) in new[] { (true, false), (false, true), (true, true) })
            {
                string name = (ta ? "tA" : "") + (tb ? "tB" : "");
                TimeInto($"gemm.gpu.auto_{name}.{big}", new GemmShape(big, big, big), a, b, stream, GemmTile.Auto, ta, tb, 10);
            }
        }

        int side = Math.Min(512, big);
        const int batch = 32;
        using (Array<float> a = Mx.Random.Normal([batch, side, side], key: 5, stream: stream))
        using (Array<float> b = Mx.Random.Normal([batch, side, side], key: 6, stream: stream))
        {
            TimeInto($"gemm.gpu.auto_batch{batch}.{side}", new GemmShape(side, side, side, batch), a, b, stream, GemmTile.Auto, false, false, 20);
        }

        int wide = Math.Min(2048, big);
        using (Array<double> a = Mx.Random.Normal([wide, wide], 0.0, 1.0, key: 7, stream: stream))
        using (Array<double> b = Mx.Random.Normal([wide, wide], 0.0, 1.0, key: 8, stream: stream))
        {
            Time($"matmul.gpu.tandem_f64.{wide}", () => Mx.Matmul(a, b, stream), stream, a, b, 10, "Mx.Matmul, float64");
        }
    }

    public static void RunCpu()
    {
        var stream = Mx.NewStream(Mx.Cpu);
        Console.WriteLine($"gemm-cpu: system BLAS {SystemBlas.LoadedName ?? "none"}; {Environment.ProcessorCount} cores");
        foreach (int n in Sizes(512, 1024, 2048))
        {
            using Array<float> a = Mx.Random.Normal([n, n], key: 1, stream: stream);
            using Array<float> b = Mx.Random.Normal([n, n], key: 2, stream: stream);
            foreach (bool blas in new[] { false, true })
            {
                if (blas && SystemBlas.LoadedName is null)
                {
                    continue;
                }

                SystemBlas.Disabled = !blas;
                Time($"matmul.cpu.{(blas ? "blas" : "tandem")}.{n}", () => Mx.Matmul(a, b, stream), stream, a, b, 9,
                    blas ? $"Mx.Matmul through {SystemBlas.LoadedName}" : "Mx.Matmul, Tandem's kernel", giga: true);
            }

            SystemBlas.Disabled = false;
        }

        KernelsAlone(1024);
        using Array<double> ad = Mx.Random.Normal([1024, 1024], 0.0, 1.0, key: 3, stream: stream);
        using Array<double> bd = Mx.Random.Normal([1024, 1024], 0.0, 1.0, key: 4, stream: stream);
        SystemBlas.Disabled = true;
        Time("matmul.cpu.tandem_f64.1024", () => Mx.Matmul(ad, bd, stream), stream, ad, bd, 9, "Mx.Matmul, Tandem's kernel, float64", giga: true);
        SystemBlas.Disabled = false;
    }

    /// <summary>
    /// Tandem's CPU kernel and the system BLAS called directly on the same host memory, run by run in turn (no stream,
    /// no new arrays): the kernels alone, compared where the machine's other load falls on both alike.
    /// </summary>
    private static unsafe void KernelsAlone(int n)
    {
        if (SystemBlas.LoadedName is null)
        {
            return;
        }

        var random = new Random(1);
        float[] a = Enumerable.Range(0, n * n).Select(_ => random.NextSingle() - 0.5f).ToArray();
        float[] b = Enumerable.Range(0, n * n).Select(_ => random.NextSingle() - 0.5f).ToArray();
        float[] ours = new float[n * n], theirs = new float[n * n];
        var tandem = new System.Collections.Generic.List<double>();
        var blas = new System.Collections.Generic.List<double>();
        fixed (float* pa = a, pb = b, po = ours, pt = theirs)
        {
            var ma = new StridedMatrix<float>(pa, n, 1);
            var mb = new StridedMatrix<float>(pb, n, 1);
            var mo = new StridedMatrix<float>(po, n, 1);
            var mt = new StridedMatrix<float>(pt, n, 1);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            for (int run = 0; run < 40 || clock.Elapsed.TotalSeconds < 2; run++)
            {
                long start = System.Diagnostics.Stopwatch.GetTimestamp();
                CpuGemm.Multiply(n, n, n, ma, mb, mo, 1f, 0f, Environment.ProcessorCount);
                long middle = System.Diagnostics.Stopwatch.GetTimestamp();
                SystemBlas.TryMultiply(n, n, n, ma, mb, mt, 1f, 0f);
                long end = System.Diagnostics.Stopwatch.GetTimestamp();
                if (run >= 5)
                {
                    tandem.Add(System.Diagnostics.Stopwatch.GetElapsedTime(start, middle).TotalMilliseconds);
                    blas.Add(System.Diagnostics.Stopwatch.GetElapsedTime(middle, end).TotalMilliseconds);
                }
            }
        }

        double worst = ours.Zip(theirs, (x, y) => Math.Abs(x - y)).Max();
        Report.Check($"gemm.cpu.kernel.{n}", worst < 1e-3 ? null : $"Tandem's kernel and the BLAS differ by {worst}");
        Emit($"gemm.cpu.kernel_tandem.{n}", n, n, n, 1, Report.Median(tandem), $"CpuGemm called directly, median of {tandem.Count}", true);
        Emit($"gemm.cpu.kernel_blas.{n}", n, n, n, 1, Report.Median(blas), $"{SystemBlas.LoadedName} called directly, in turn with it", true);
    }

    /// <summary>Times <paramref name="product"/> (a new output each run, disposed after its synchronization), then checks the last output.</summary>
    private static void Time<T>(string key, Func<Array<T>> product, DeviceStream stream, Array<T> a, Array<T> b, int runs, string note, bool giga = false)
        where T : unmanaged
    {
        double ms = Report.MedianMs(() =>
        {
            using Array<T> c = product();
            stream.Synchronize();
        }, runs);
        using Array<T> last = product();
        Emit(key, a.Shape[^2], b.Shape[^1], a.Shape[^1], 1, ms, note, giga);
        Check(key, a, b, last, false, false, 1);
    }

    /// <summary>Times one kernel variant writing into one existing output (the kernel alone), then checks it.</summary>
    private static void TimeInto(string key, GemmShape shape, Array<float> a, Array<float> b, DeviceStream stream, GemmTile tile, bool transposeA, bool transposeB, int runs)
    {
        using Array<float> c = Mx.Zeros<float>([shape.Batch, shape.M, shape.N], stream);
        GemmOperand<float> left = Operand(a, shape.M, shape.K, shape.Batch, transposeA);
        GemmOperand<float> right = Operand(b, shape.K, shape.N, shape.Batch, transposeB);
        GemmOperand<float> output = GemmOperand<float>.RowMajor(c, shape.M, shape.N);
        double ms = Report.MedianMs(() =>
        {
            Gemm.Launch(shape, left, right, output, stream, tile: tile);
            stream.Synchronize();
        }, runs);
        Emit(key, shape.M, shape.N, shape.K, shape.Batch, ms, $"tile {(tile == GemmTile.Auto ? GemmTuning.For(Mx.Gpu).Choose(shape) : tile)}, existing output", false);
        Check(key, a, b, c, transposeA, transposeB, shape.Batch);
    }

    /// <summary>Square matrices stored row-major, read as they are or transposed.</summary>
    private static GemmOperand<float> Operand(Array<float> array, int rows, int columns, int batch, bool transposed)
    {
        GemmOperand<float> stored = GemmOperand<float>.RowMajor(array, rows, columns);
        return (transposed ? stored.Transposed() : stored) with { BatchStride = batch == 1 ? 0 : rows * columns };
    }

    private static void Emit(string key, int m, int n, int k, int batch, double ms, string note, bool giga)
    {
        double flops = 2.0 * m * n * k * batch;
        Report.Result(key, flops / (ms * 1e-3) / (giga ? 1e9 : 1e12), giga ? "GFLOP/s" : "TFLOP/s", $"({ms:F3} ms; {note})");
    }

    /// <summary>Compares 64 sampled elements of each product of the batch with a double-precision reference.</summary>
    private static void Check<T>(string key, Array<T> a, Array<T> b, Array<T> c, bool transposeA, bool transposeB, int batch) where T : unmanaged
    {
        T[] ah = a.ToArray();
        T[] bh = b.ToArray();
        T[] ch = c.ToArray();
        int m = c.Shape[^2], n = c.Shape[^1], k = a.Shape[^1];
        var random = new Random(1);
        double worst = 0;
        for (int s = 0; s < 64; s++)
        {
            int p = random.Next(batch), i = random.Next(m), j = random.Next(n);
            double sum = 0, magnitude = 0;
            for (int q = 0; q < k; q++)
            {
                double x = ToDouble(ah[(p * m * k) + (transposeA ? (q * m) + i : (i * k) + q)]);
                double y = ToDouble(bh[(p * k * n) + (transposeB ? (j * k) + q : (q * n) + j)]);
                sum += x * y;
                magnitude += Math.Abs(x * y);
            }

            worst = Math.Max(worst, Math.Abs(ToDouble(ch[(p * m * n) + (i * n) + j]) - sum) / Math.Max(1, magnitude));
        }

        Report.Check(key, worst < 1e-4 ? null : string.Create(CultureInfo.InvariantCulture, $"largest error {worst:G3} of the terms' magnitude"));
    }

    private static double ToDouble<T>(T value) where T : unmanaged => Convert.ToDouble(value, CultureInfo.InvariantCulture);
}

using System;
using System.Linq;
using Tandem.Ops.Linalg;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Ops;

/// <summary>
/// The matrix product on both devices against a reference accumulated in double: odd sizes (every tile edge), K
/// longer than a GPU loop may run, batches (broadcast too), transposed and strided operands, alpha and beta; on the
/// CPU through the system BLAS and through Tandem's own kernel. The inputs are exact in the element type; the error
/// allowed is 8 (sqrt(K) + 1) units of the type's epsilon at the scale of the terms' magnitudes (the kernels add in
/// another order than the reference), plus 4 at the scale of the result (alpha and beta).
/// </summary>
public sealed class GemmTests
{
    /// <summary>Sizes around the tile sides (4, 16, 64, 128) and the CPU's panels (6, 12, 32), kept small for llvmpipe.</summary>
    private static readonly (int M, int K, int N)[] OddSizes =
        [(1, 1, 1), (7, 7, 7), (1, 33, 65), (65, 33, 1), (33, 65, 17), (65, 127, 33), (127, 1, 129), (130, 70, 129)];

    public static TheoryData<string> Devices() => TestDevices.All();

    /// <summary>Every path that may run a product: each GPU tile, and on the CPU the BLAS (when found) and Tandem's kernel.</summary>
    public static TheoryData<string, string> Paths()
    {
        var paths = new TheoryData<string, string> { { "cpu", "blas" }, { "cpu", "managed" } };
        if (TestDevices.Names().Contains("gpu"))
        {
            paths.Add("gpu", nameof(GemmTile.Large));
            paths.Add("gpu", nameof(GemmTile.Medium));
        }

        return paths;
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Odd_sizes_match_the_reference(string device, string path)
    {
        foreach ((int m, int k, int n) in OddSizes)
        {
            var layout = new Layout(m, k, n);
            Check<float>(device, path, layout, $"float {m}x{k}x{n}");
            Check<double>(device, path, layout, $"double {m}x{k}x{n}");
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Transposed_and_strided_operands_are_read_in_place(string device, string path)
    {
        foreach ((int m, int k, int n) in new[] { (33, 17, 65), (5, 130, 9) })
        {
            Check<float>(device, path, new Layout(m, k, n) { TransposeA = true }, "A transposed");
            Check<float>(device, path, new Layout(m, k, n) { TransposeB = true }, "B transposed");
            Check<double>(device, path, new Layout(m, k, n) { TransposeA = true, TransposeB = true }, "both transposed");
            Check<float>(device, path, new Layout(m, k, n) { Spread = 3 }, "every third element");
            Check<float>(device, path, new Layout(m, k, n) { TransposeB = true, Spread = 2, TransposeC = true }, "C transposed");
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Batches_broadcasts_alpha_and_beta_are_honoured(string device, string path)
    {
        Check<float>(device, path, new Layout(19, 23, 37) { Batch = 5 }, "batch of 5");
        Check<double>(device, path, new Layout(19, 23, 37) { Batch = 3, BroadcastB = true }, "B broadcast over the batch");
        Check<float>(device, path, new Layout(40, 9, 70) { Batch = 2, Alpha = -0.5, Beta = 2 }, "alpha and beta");
        Check<double>(device, path, new Layout(3, 0, 4) { Beta = 0.5 }, "empty K scales C by beta");
    }

    /// <summary>One output column or row (the CPU's matrix-vector path): long K, several workers, alpha, beta, batches.</summary>
    [Theory]
    [MemberData(nameof(Paths))]
    public void Matrix_vector_products_match_the_reference(string device, string path)
    {
        Check<float>(device, path, new Layout(3000, 517, 1), "a column of 3000");
        Check<double>(device, path, new Layout(1, 700, 2500), "a row of 2500");
        Check<float>(device, path, new Layout(1, 1003, 3001) { Beta = 0.5 }, "a row of 3001 over 1003 rows of B: four at a time and the rest, split over workers");
        Check<float>(device, path, new Layout(50, 70, 1) { Alpha = 3, Beta = -1 }, "column, alpha and beta");
        Check<double>(device, path, new Layout(1, 70, 40) { Alpha = -0.5, Beta = 2, Batch = 3 }, "row, alpha, beta, batch");
        Check<float>(device, path, new Layout(1, 40, 70) { Spread = 2 }, "row from strided operands");
    }

    /// <summary>Mx.Matmul reads transposed and sliced views through their strides; empty inner sizes give zeros.</summary>
    [Theory]
    [MemberData(nameof(Devices))]
    public void Matmul_reads_views_in_place(string device)
    {
        Device target = TestDevices.Resolve(device);
        var random = new Random(11);
        double[] aData = Values(random, 40 * 23);
        double[] bData = Values(random, 30 * 50);
        using Array<float> stored = Mx.Array(Cast<float>(aData), [40, 23]);
        using Array<float> wide = Mx.Array(Cast<float>(bData), [30, 50]);
        using Array<float> a = stored[3..33, ..].T;          // (23, 30): a transposed slice
        using Array<float> b = wide[.., 7..48];               // (30, 41): columns 7..47 of every row
        using Array<float> product = Mx.Matmul(a, b, target);
        using Array<float> aCopy = Mx.Contiguous(a, Mx.Cpu);
        using Array<float> bCopy = Mx.Contiguous(b, Mx.Cpu);
        double[] x = aCopy.ToArray().Select(v => (double)v).ToArray();
        double[] y = bCopy.ToArray().Select(v => (double)v).ToArray();
        new Layout(23, 30, 41).AssertMatches(x, y, new double[23 * 41], product.ToArray().Select(v => (double)v).ToArray(), Epsilon<float>(), $"{device} views");

        using Array<double> empty = Mx.Zeros<double>([3, 0]);
        using Array<double> emptyToo = Mx.Zeros<double>([0, 4]);
        using Array<double> zeros = Mx.Matmul(empty, emptyToo, target);
        Assert.Equal(new double[12], zeros.ToArray());
    }

    /// <summary>Issue 9 item 7: llvmpipe stops a shader's loops after 65,535 iterations; the product must not.</summary>
    [Theory]
    [MemberData(nameof(Devices))]
    public void K_longer_than_65535_is_summed_completely(string device)
    {
        Device target = TestDevices.Resolve(device);
        using Array<float> row = Mx.Ones<float>([1, 70_000]);
        using Array<float> column = Mx.Ones<float>([70_000, 1]);
        using Array<float> product = Mx.Matmul(row, column, target);
        Assert.Equal(70_000f, product.ToArray()[0]);

        // Small integers sum exactly: any lost or repeated slab of K shows (llvmpipe runs this as several launches).
        const int k = 70_001;
        var random = new Random(k);
        double[] a = Enumerable.Range(0, 2 * k).Select(_ => (double)random.Next(-3, 4)).ToArray();
        double[] b = Enumerable.Range(0, k * 3).Select(_ => (double)random.Next(-3, 4)).ToArray();
        using Array<double> left = Mx.Array(a, [2, k]);
        using Array<double> right = Mx.Array(b, [k, 3]);
        using Array<double> exact = Mx.Matmul(left, right, target);
        double[] expected = new double[6];
        for (int i = 0; i < 2; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                for (int p = 0; p < k; p++)
                {
                    expected[(i * 3) + j] += a[(i * k) + p] * b[(p * 3) + j];
                }
            }
        }

        Assert.Equal(expected, exact.ToArray());
    }

    /// <summary>
    /// Where a driver limits loops, each launch's loop iterations (one per slab of K, plus the inner loops where the
    /// driver does not unroll them: at most 17 per slab) stay under the limit.
    /// </summary>
    [Fact]
    public void Launches_on_software_devices_stay_under_the_loop_limit()
    {
        const int smallestSlab = 8;
        Assert.True(((long)GemmTuning.Software.MaxKPerLaunch + smallestSlab - 1) / smallestSlab * 17 < 65_535);
    }

    [Theory]
    [MemberData(nameof(Devices))]
    public void Bad_operands_are_refused_at_the_call(string device)
    {
        Device target = TestDevices.Resolve(device);
        using Array<float> a = Mx.Zeros<float>([4, 6]);
        using Array<float> b = Mx.Zeros<float>([6, 5]);
        using Array<float> c = Mx.Zeros<float>([4, 5]);
        var shape = new GemmShape(4, 5, 6);
        var rowMajorA = GemmOperand<float>.RowMajor(a, 4, 6);
        var rowMajorB = GemmOperand<float>.RowMajor(b, 6, 5);
        var rowMajorC = GemmOperand<float>.RowMajor(c, 4, 5);

        Assert.Contains("reaches element", Assert.Throws<ArgumentException>(
            () => Gemm.Launch(shape, rowMajorA with { Offset = 1 }, rowMajorB, rowMajorC, target)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Gemm.Launch(shape, rowMajorA with { RowStride = -6 }, rowMajorB, rowMajorC, target));
        Assert.Contains("shares memory", Assert.Throws<ArgumentException>(
            () => Gemm.Launch(new GemmShape(4, 4, 4), rowMajorA, GemmOperand<float>.RowMajor(a, 4, 4), GemmOperand<float>.RowMajor(a, 4, 4), target)).Message,
            StringComparison.Ordinal);
        Assert.Contains("share an address", Assert.Throws<ArgumentException>(
            () => Gemm.Launch(shape, rowMajorA, rowMajorB, rowMajorC with { RowStride = 1 }, target)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Gemm.Launch(new GemmShape(-1, 5, 6), rowMajorA, rowMajorB, rowMajorC, target));
        using Array<int> ints = Mx.Zeros<int>([2, 2]);
        Assert.Throws<NotSupportedException>(() => Mx.Matmul(ints, ints, target));
    }

    /// <summary>Runs the product described by <paramref name="layout"/> on one path and compares it with the reference.</summary>
    private static void Check<T>(string device, string path, Layout layout, string what) where T : unmanaged
    {
        var random = new Random(layout.GetHashCode());
        double[] aData = Exact<T>(Values(random, layout.ALength));
        double[] bData = Exact<T>(Values(random, layout.BLength));
        double[] cData = Exact<T>(Values(random, layout.CLength));
        using Array<T> a = Mx.Array(Cast<T>(aData));
        using Array<T> b = Mx.Array(Cast<T>(bData));
        using Array<T> c = Mx.Array(Cast<T>(cData));
        var shape = new GemmShape(layout.M, layout.N, layout.K, layout.Batch);
        bool blasWas = SystemBlas.Disabled;
        SystemBlas.Disabled = path == "managed";
        try
        {
            Gemm.Launch(shape, layout.A(a), layout.B(b), layout.C(c), TestDevices.Resolve(device), layout.Alpha, layout.Beta,
                Enum.TryParse(path, out GemmTile tile) ? tile : GemmTile.Auto);
            double[] actual = c.ToArray().Select(v => Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            layout.AssertMatches(aData, bData, cData, actual, Epsilon<T>(), $"{device}/{path} {what}");
        }
        finally
        {
            SystemBlas.Disabled = blasWas;
        }
    }

    private static double[] Values(Random random, int length)
        => Enumerable.Range(0, length).Select(_ => Math.Round((random.NextDouble() * 4) - 2, 3)).ToArray();

    /// <summary>The values as the element type holds them: the reference then multiplies exactly what the kernels do.</summary>
    private static double[] Exact<T>(double[] values) where T : unmanaged
        => typeof(T) == typeof(float) ? values.Select(v => (double)(float)v).ToArray() : values;

    /// <summary>The distance from 1 to the next value of the element type.</summary>
    private static double Epsilon<T>() where T : unmanaged => typeof(T) == typeof(float) ? Math.Pow(2, -23) : Math.Pow(2, -52);

    private static T[] Cast<T>(double[] values) where T : unmanaged
        => typeof(T) == typeof(float) ? (T[])(object)values.Select(v => (float)v).ToArray() : (T[])(object)values;

    /// <summary>
    /// Where the operands of one test product live: each in its own flat array, row-major unless transposed, with
    /// <see cref="Spread"/> - 1 unused elements between neighbours along the rows (so no stride is 1).
    /// </summary>
    private sealed record Layout(int M, int K, int N)
    {
        public int Batch { get; init; } = 1;

        public bool TransposeA { get; init; }

        public bool TransposeB { get; init; }

        public bool TransposeC { get; init; }

        public bool BroadcastB { get; init; }

        public int Spread { get; init; } = 1;

        public double Alpha { get; init; } = 1;

        public double Beta { get; init; }

        public int ALength => (Batch * M * K * Spread) + 1;

        public int BLength => ((BroadcastB ? 1 : Batch) * K * N * Spread) + 1;

        public int CLength => Batch * M * N;

        public GemmOperand<T> A<T>(Array<T> array) where T : unmanaged => AStrides.Of(array);

        public GemmOperand<T> B<T>(Array<T> array) where T : unmanaged => BStrides.Of(array);

        public GemmOperand<T> C<T>(Array<T> array) where T : unmanaged => CStrides.Of(array);

        private Strides AStrides => Strides.For(M, K, TransposeA, Spread, M * K * Spread);

        private Strides BStrides => Strides.For(K, N, TransposeB, Spread, BroadcastB ? 0 : K * N * Spread);

        private Strides CStrides => Strides.For(M, N, TransposeC, 1, M * N);

        public void AssertMatches(double[] a, double[] b, double[] c, double[] actual, double epsilon, string what)
        {
            for (int batch = 0; batch < Batch; batch++)
            {
                for (int i = 0; i < M; i++)
                {
                    for (int j = 0; j < N; j++)
                    {
                        double sum = 0, magnitude = 0;
                        for (int p = 0; p < K; p++)
                        {
                            double term = a[AStrides.Index(batch, i, p)] * b[BStrides.Index(batch, p, j)];
                            sum += term;
                            magnitude += Math.Abs(term);
                        }

                        int at = CStrides.Index(batch, i, j);
                        double expected = (Alpha * sum) + (Beta == 0 ? 0 : Beta * c[at]);
                        double allowed = epsilon * ((8 * (Math.Sqrt(K) + 1) * ((Math.Abs(Alpha) * magnitude) + Math.Abs(Beta * c[at]))) + (4 * Math.Abs(expected)));
                        if (Math.Abs(actual[at] - expected) > allowed)
                        {
                            Assert.Fail($"{what}: C[{batch}, {i}, {j}] = {actual[at]:R}, expected {expected:R} (allowed error {allowed:G3})");
                        }
                    }
                }
            }
        }
    }

    /// <summary>A (rows, columns) matrix stored row-major, or as (columns, rows) when transposed and read through swapped strides.</summary>
    private readonly record struct Strides(int Row, int Column, int Batch)
    {
        public static Strides For(int rows, int columns, bool transposed, int spread, int batch)
            => transposed ? new Strides(spread, rows * spread, batch) : new Strides(columns * spread, spread, batch);

        public GemmOperand<T> Of<T>(Array<T> array) where T : unmanaged => new(array, 0, Row, Column, Batch);

        public int Index(int batch, int row, int column) => (batch * Batch) + (row * Row) + (column * Column);
    }
}

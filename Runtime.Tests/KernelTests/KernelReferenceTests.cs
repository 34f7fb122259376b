using System;
using System.Linq;
using Tandem.Runtime.Tests.Infrastructure;
using Tandem.Runtime.Tests.Kernels;
using Xunit;

namespace Tandem.Runtime.Tests.KernelTests;

/// <summary>
/// Every test kernel run through its generated launcher equals calling the user's method in a plain loop (exact for
/// integers and exactly rounded float operations, the bounds of <see cref="UlpBounds"/> for the rest), at extents that
/// are and are not multiples of the vector width.
/// </summary>
public sealed partial class KernelReferenceTests
{
    public static TheoryData<string, int> DevicesAndExtents()
    {
        var data = new TheoryData<string, int>();
        foreach (var device in TestDevices.Names())
        {
            foreach (var extent in new[] { 0, 1, 7, 8, 9, 15, 16, 17, 33, 1000, 70_001 })
            {
                data.Add(device, extent);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DevicesAndExtents))]
    public void Saxpy(string device, int n)
    {
        var random = new Random(n);
        var x = Numerics.Floats(random, n);
        var y = Numerics.Floats(random, n);
        var expected = (float[])y.Clone();
        for (var i = 0; i < n; i++)
        {
            ElementwiseKernels.Saxpy(i, 1.5f, x, expected);
        }

        var ya = Mx.Array(y);
        ElementwiseKernels.Saxpy(n, 1.5f, Mx.Array(x), ya, stream: TestDevices.Resolve(device));
        Numerics.AssertExact(expected, ya.ToArray());
    }

    [Theory]
    [MemberData(nameof(DevicesAndExtents))]
    public void ScaleShift_and_HalfSquare(string device, int n)
    {
        var random = new Random(n + 1);
        var x = Numerics.Floats(random, n);
        var expected1 = new float[n];
        var expected2 = new float[n];
        for (var i = 0; i < n; i++)
        {
            ElementwiseKernels.ScaleShift(i, 0.75f, -2f, x, expected1);
            ElementwiseKernels.HalfSquare(i, x, expected2);
        }

        var xa = Mx.Array(x);
        var y1 = Mx.Zeros<float>([n]);
        var y2 = Mx.Zeros<float>([n]);
        ElementwiseKernels.ScaleShift(n, 0.75f, -2f, xa, y1, stream: TestDevices.Resolve(device));
        ElementwiseKernels.HalfSquare(n, xa, y2, stream: TestDevices.Resolve(device));
        Numerics.AssertExact(expected1, y1.ToArray(), "ScaleShift");
        Numerics.AssertUlps(expected2, y2.ToArray(), UlpBounds.Divide(device), "HalfSquare");
    }

    [Theory]
    [MemberData(nameof(DevicesAndExtents))]
    public void MathHeavy_and_ExpChain(string device, int n)
    {
        var random = new Random(n + 2);
        var x = Numerics.Floats(random, n, -20, 20);
        var expected1 = new float[n];
        var expected2 = new float[n];
        for (var i = 0; i < n; i++)
        {
            ElementwiseKernels.MathHeavy(i, x, expected1);
            ElementwiseKernels.ExpChain(i, x, expected2);
        }

        var xa = Mx.Array(x);
        var y1 = Mx.Zeros<float>([n]);
        var y2 = Mx.Zeros<float>([n]);
        ElementwiseKernels.MathHeavy(n, xa, y1, stream: TestDevices.Resolve(device));
        ElementwiseKernels.ExpChain(n, xa, y2, stream: TestDevices.Resolve(device));
        Numerics.AssertUlps(expected1, y1.ToArray(), MathHeavyUlps(device), MathHeavyScale(x), "MathHeavy");
        Numerics.AssertUlps(expected2, y2.ToArray(), UlpBounds.Exp(device, 20), "ExpChain");
    }

    /// <summary>
    /// MathHeavy adds a clamped exp/log/sqrt/FMA term to floor(x) - ceiling(x) + round(2.5x): the sum can be far
    /// smaller than its terms, so its bound is stated at the largest term's scale, where it carries exp's and log's
    /// error (|0.1 x| is at most 2), the square root's and four roundings.
    /// </summary>
    private static int MathHeavyUlps(string device) => UlpBounds.Exp(device, 2) + UlpBounds.Log(device) + UlpBounds.Divide(device) + 4;

    private static float[] MathHeavyScale(float[] x) => x.Select(v =>
    {
        var (a, b) = (MathF.Exp(v * 0.1f), MathF.Log(MathF.Abs(v) + 1f));
        var d = Math.Clamp(MathF.FusedMultiplyAdd(a, b, MathF.Sqrt(a + b)), -100f, 100f);
        return new[] { MathF.Abs(d), MathF.Abs(MathF.Floor(v)), MathF.Abs(MathF.Ceiling(v)), MathF.Abs(MathF.Round(v * 2.5f)) }.Max();
    }).ToArray();

    [Theory]
    [MemberData(nameof(DevicesAndExtents))]
    public void Integer_kernels_are_exact(string device, int n)
    {
        var random = new Random(n + 3);
        var x = Numerics.Ints(random, n, int.MinValue, int.MaxValue);
        var y = Numerics.Ints(random, n, int.MinValue, int.MaxValue);
        var u = Numerics.UInts(random, n);
        var expectedInt = new int[n];
        var expectedUInt = new uint[n];
        for (var i = 0; i < n; i++)
        {
            ElementwiseKernels.IntOps(i, 5, x, y, expectedInt);
            ElementwiseKernels.UIntOps(i, 0x00FF_FF0Fu, u, expectedUInt);
        }

        var z = Mx.Zeros<int>([n]);
        var v = Mx.Zeros<uint>([n]);
        ElementwiseKernels.IntOps(n, 5, Mx.Array(x), Mx.Array(y), z, stream: TestDevices.Resolve(device));
        ElementwiseKernels.UIntOps(n, 0x00FF_FF0Fu, Mx.Array(u), v, stream: TestDevices.Resolve(device));
        Assert.Equal(expectedInt, z.ToArray());
        Assert.Equal(expectedUInt, v.ToArray());
    }

    [Theory]
    [MemberData(nameof(DevicesAndExtents))]
    public void Double_and_conversion_kernels(string device, int n)
    {
        var random = new Random(n + 4);
        var x = Numerics.Doubles(random, n);
        var y = Numerics.Doubles(random, n);
        var ints = Numerics.Ints(random, n);
        var expected = (double[])y.Clone();
        var ramp = new float[n];
        for (var i = 0; i < n; i++)
        {
            ElementwiseKernels.DoubleAxpby(i, 0.5, -1.25, x, expected);
            ElementwiseKernels.IndexRamp(i, ints, ramp);
        }

        var ya = Mx.Array(y);
        var rampArray = Mx.Zeros<float>([n]);
        ElementwiseKernels.DoubleAxpby(n, 0.5, -1.25, Mx.Array(x), ya, stream: TestDevices.Resolve(device));
        ElementwiseKernels.IndexRamp(n, Mx.Array(ints), rampArray, stream: TestDevices.Resolve(device));
        // alpha x + beta y + sqrt|x|: the root's rounding at the scale of the largest term.
        var scale = x.Zip(y, (p, q) => Math.Max(Math.Max(Math.Abs(0.5 * p), Math.Abs(1.25 * q)), Math.Sqrt(Math.Abs(p)))).ToArray();
        Numerics.AssertUlps(expected, ya.ToArray(), UlpBounds.DoubleSqrt(device), scale, "DoubleAxpby");
        Numerics.AssertExact(ramp, rampArray.ToArray(), "IndexRamp");
    }

    [Theory]
    [MemberData(nameof(DevicesAndExtents))]
    public void Control_flow_kernels(string device, int n)
    {
        var random = new Random(n + 5);
        var starts = Numerics.Ints(random, n, 1, 10_000);
        var x = Numerics.Floats(random, n);
        var ints = Numerics.Ints(random, n, -100, 100);
        var divisors = Numerics.Ints(random, n, -9, 9);
        var steps = new int[n];
        var differences = new float[n];
        var sums = new int[n];
        var (quotients, remainders, mixed) = (new int[n], new int[n], new int[n]);
        for (var i = 0; i < n; i++)
        {
            StructuredKernels.CollatzSteps(i, starts, steps);
            StructuredKernels.GuardedDifference(i, n - 1, x, differences);
            StructuredKernels.WindowSum(i, ints, sums);
            StructuredKernels.IntegerSemantics(i, ints, divisors, quotients, remainders, mixed);
        }

        var on = TestDevices.Resolve(device);
        var (stepsA, differencesA, sumsA) = (Mx.Zeros<int>([n]), Mx.Zeros<float>([n]), Mx.Zeros<int>([n]));
        var (quotientsA, remaindersA, mixedA) = (Mx.Zeros<int>([n]), Mx.Zeros<int>([n]), Mx.Zeros<int>([n]));
        var intsA = Mx.Array(ints);
        StructuredKernels.CollatzSteps(n, Mx.Array(starts), stepsA, stream: on);
        StructuredKernels.GuardedDifference(n, n - 1, Mx.Array(x), differencesA, stream: on);
        StructuredKernels.WindowSum(n, intsA, sumsA, stream: on);
        StructuredKernels.IntegerSemantics(n, intsA, Mx.Array(divisors), quotientsA, remaindersA, mixedA, stream: on);
        Assert.Equal(steps, stepsA.ToArray());
        Numerics.AssertExact(differences, differencesA.ToArray(), "GuardedDifference");
        Assert.Equal(sums, sumsA.ToArray());
        Assert.Equal(quotients, quotientsA.ToArray());
        Assert.Equal(remainders, remaindersA.ToArray());
        Assert.Equal(mixed, mixedA.ToArray());
    }

    [Theory]
    [MemberData(nameof(DevicesAndExtents))]
    public void Activation_and_side_effects(string device, int n)
    {
        var random = new Random(n + 6);
        var x = Numerics.Floats(random, n, -30, 30);
        var counters = Numerics.Ints(random, n);
        var tanh = new float[n];
        var other = new float[n];
        var expectedCounters = (int[])counters.Clone();
        var outputs = new int[n];
        for (var i = 0; i < n; i++)
        {
            StructuredKernels.Activation(i, true, x, tanh);
            StructuredKernels.Activation(i, false, x, other);
            StructuredKernels.SideEffects(i, expectedCounters, outputs);
        }

        var on = TestDevices.Resolve(device);
        var xa = Mx.Array(x);
        var (tanhA, otherA) = (Mx.Zeros<float>([n]), Mx.Zeros<float>([n]));
        var (countersA, outputsA) = (Mx.Array(counters), Mx.Zeros<int>([n]));
        StructuredKernels.Activation(n, true, xa, tanhA, stream: on);
        StructuredKernels.Activation(n, false, xa, otherA, stream: on);
        StructuredKernels.SideEffects(n, countersA, outputsA, stream: on);
        Numerics.AssertUlps(tanh, tanhA.ToArray(), UlpBounds.Trigonometric(device), 1f, "tanh");
        Numerics.AssertUlps(other, otherA.ToArray(), UlpBounds.Trigonometric(device), 1f, "pow + sin cos");
        Assert.Equal(expectedCounters, countersA.ToArray());
        Assert.Equal(outputs, outputsA.ToArray());
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void Multi_dimensional_kernels(string device)
    {
        var on = TestDevices.Resolve(device);
        foreach (var (m, k, n) in new[] { (1, 1, 1), (3, 5, 7), (17, 9, 33), (64, 32, 48) })
        {
            var random = new Random(m * k * n);
            var a = Numerics.Floats(random, m * k);
            var b = Numerics.Floats(random, k * n);
            var c = new float[m * n];
            for (var row = 0; row < m; row++)
            {
                for (var column = 0; column < n; column++)
                {
                    StructuredKernels.MatMul(new Index2D(column, row), k, a, b, c);
                }
            }

            var ca = Mx.Zeros<float>([m, n]);
            StructuredKernels.MatMul((n, m), k, Mx.Array(a), Mx.Array(b), ca, stream: on);
            // The kernel sums in the reference's order: exact.
            Numerics.AssertExact(c, ca.ToArray(), $"matmul {m}x{k}x{n}");
        }

        var (width, height, depth) = (9, 5, 3);
        var volume = new float[width * height * depth];
        var norms = new double[height];
        var matrix = Numerics.Doubles(new Random(7), width * height);
        for (var z = 0; z < depth; z++)
        {
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    StructuredKernels.Volume(new Index3D(x, y, z), width, height, 0.5f, volume);
                }
            }
        }

        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                StructuredKernels.RowNorms(new Index2D(x, y), width, matrix, norms);
            }
        }

        var volumeA = Mx.Zeros<float>([depth, height, width]);
        var normsA = Mx.Zeros<double>([height]);
        StructuredKernels.Volume((width, height, depth), width, height, 0.5f, volumeA, stream: on);
        StructuredKernels.RowNorms((width, height), width, Mx.Array(matrix), normsA, stream: on);
        Numerics.AssertExact(volume, volumeA.ToArray(), "volume");
        Numerics.AssertUlps(norms, normsA.ToArray(), UlpBounds.DoubleSqrt(device), "row norms");
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void Double_math_keeps_double_precision(string device)
    {
        double[] special =
        [
            0.0, -0.0, 0.5, 1.5, 2.5, -2.5, -0.5, 3.0000000000000004, 1e300, 1e-300, double.Epsilon, 2.0, 1e15 + 0.5,
            4503599627370495.5, -4503599627370497.0, 123456789.123456789, double.NaN, double.PositiveInfinity,
            double.NegativeInfinity, 0.1, Math.PI * 1e10, -1e-310,
        ];
        var random = new Random(12);
        var x = special.Concat(Numerics.Doubles(random, 64, -1e6, 1e6)).ToArray();
        var y = x.Reverse().ToArray();
        var expected = new double[x.Length * 6];
        for (var i = 0; i < x.Length; i++)
        {
            StructuredKernels.DoubleMath(i, x, y, expected);
        }

        var output = Mx.Zeros<double>([x.Length * 6]);
        StructuredKernels.DoubleMath(x.Length, Mx.Array(x), Mx.Array(y), output, stream: TestDevices.Resolve(device));
        var actual = output.ToArray();
        for (var i = 0; i < expected.Length; i++)
        {
            // Op 0 is a square root; the rest round exactly.
            var ulps = i % 6 == 0 ? UlpBounds.DoubleSqrt(device) : 0;
            Numerics.AssertUlps([expected[i]], [actual[i]], ulps, $"DoubleMath[{i / 6}] op {i % 6} of {x[i / 6]:R}, {y[i / 6]:R}");
        }
    }

    [Fact]
    public void Simd_and_scalar_paths_agree()
    {
        var x = Numerics.Floats(new Random(11), 10_007, -10, 10);
        float[] Run()
        {
            var y = Mx.Zeros<float>([x.Length]);
            ElementwiseKernels.MathHeavy(x.Length, Mx.Array(x), y, stream: Mx.Cpu);
            return y.ToArray();
        }

        var simd = Run();
        try
        {
            CompilerServices.CpuVectorization.Enabled = false;
            var scalar = Run();
            Numerics.AssertUlps(scalar, simd, MathHeavyUlps("cpu"), MathHeavyScale(x), "SIMD against scalar");
        }
        finally
        {
            CompilerServices.CpuVectorization.Enabled = true;
        }
    }
}

using System;
using System.Linq;
using Tandem.Runtime.Tests.Infrastructure;
using Tandem.Runtime.Tests.Kernels;
using Xunit;

namespace Tandem.Runtime.Tests.KernelTests;

/// <summary>
/// The kernels that vectorize through masks, neighbour loads and 2D rows (<see cref="SimdKernels"/>) equal the direct
/// call in a loop: bit for bit (the SIMD loop computes in the scalar code's operation order, and the GPU rounds +, -
/// and * exactly), quotients and roots within <see cref="UlpBounds.Divide"/>. Extents cover empty, partial and whole vectors, chunk edges and guards at both ends.
/// </summary>
public sealed partial class KernelReferenceTests
{
    /// <summary>2D shapes (width, height) with widths below, at and off multiples of the vector width.</summary>
    public static TheoryData<string, int, int> DevicesAndShapes()
    {
        var data = new TheoryData<string, int, int>();
        foreach (var device in TestDevices.Names())
        {
            foreach (var (width, height) in new[] { (1, 1), (3, 2), (7, 3), (8, 2), (9, 5), (16, 4), (17, 4), (33, 9), (100, 7), (1001, 70) })
            {
                data.Add(device, width, height);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DevicesAndExtents))]
    public void Masked_selects_on_floats(string device, int n)
    {
        var random = new Random(n + 200);
        var x = WithSpecialValues(Numerics.Floats(random, n, -5, 5));
        var y0 = Numerics.Floats(random, n);
        var (relu, clamped, copied, roots) = (new float[n], new float[n], (float[])y0.Clone(), (float[])y0.Clone());
        for (var i = 0; i < n; i++)
        {
            SimdKernels.Relu(i, x, relu);
            SimdKernels.ClampTo(i, -1.5f, 2f, x, clamped);
            SimdKernels.CopyAbove(i, 0.5f, x, copied);
            SimdKernels.SqrtOfPositive(i, x, roots);
        }

        var on = TestDevices.Resolve(device);
        var xa = Mx.Array(x);
        var (reluA, clampedA, copiedA, rootsA) = (Mx.Zeros<float>([n]), Mx.Zeros<float>([n]), Mx.Array(y0), Mx.Array(y0));
        SimdKernels.Relu(n, xa, reluA, stream: on);
        SimdKernels.ClampTo(n, -1.5f, 2f, xa, clampedA, stream: on);
        SimdKernels.CopyAbove(n, 0.5f, xa, copiedA, stream: on);
        SimdKernels.SqrtOfPositive(n, xa, rootsA, stream: on);
        Numerics.AssertExact(relu, reluA.ToArray(), "relu");
        Numerics.AssertExact(clamped, clampedA.ToArray(), "clamp");
        Numerics.AssertExact(copied, copiedA.ToArray(), "conditional copy");
        Numerics.AssertUlps(roots, rootsA.ToArray(), UlpBounds.Divide(device), "early return");
    }

    [Theory]
    [MemberData(nameof(DevicesAndExtents))]
    public void Masked_selects_on_integers_and_doubles(string device, int n)
    {
        var random = new Random(n + 201);
        var ints = Numerics.Ints(random, n, -3, 4);
        if (n > 3)
        {
            ints[3] = int.MinValue;
        }

        var zeros0 = Numerics.Ints(random, n);
        var (a, b) = (Numerics.UInts(random, n), Numerics.UInts(random, n));
        var (da, db) = (Numerics.Doubles(random, n), Numerics.Doubles(random, n));
        var (positive, negative, zeros, sums, differences) = (new int[n], new int[n], (int[])zeros0.Clone(), new uint[n], new double[n]);
        for (var i = 0; i < n; i++)
        {
            SimdKernels.SignSplit(i, ints, positive, negative, zeros);
            SimdKernels.SaturatingAdd(i, a, b, sums);
            SimdKernels.AbsoluteDifference(i, da, db, differences);
        }

        var on = TestDevices.Resolve(device);
        var (positiveA, negativeA, zerosA) = (Mx.Zeros<int>([n]), Mx.Zeros<int>([n]), Mx.Array(zeros0));
        var (sumsA, differencesA) = (Mx.Zeros<uint>([n]), Mx.Zeros<double>([n]));
        SimdKernels.SignSplit(n, Mx.Array(ints), positiveA, negativeA, zerosA, stream: on);
        SimdKernels.SaturatingAdd(n, Mx.Array(a), Mx.Array(b), sumsA, stream: on);
        SimdKernels.AbsoluteDifference(n, Mx.Array(da), Mx.Array(db), differencesA, stream: on);
        Assert.Equal(positive, positiveA.ToArray());
        Assert.Equal(negative, negativeA.ToArray());
        Assert.Equal(zeros, zerosA.ToArray());
        Assert.Equal(sums, sumsA.ToArray());
        Numerics.AssertExact(differences, differencesA.ToArray(), "double select");
    }

    [Theory]
    [MemberData(nameof(DevicesAndExtents))]
    public void Guarded_neighbour_reads(string device, int n)
    {
        var random = new Random(n + 202);
        var x = Numerics.Floats(random, n);
        var ints = Numerics.Ints(random, n, int.MinValue, int.MaxValue);
        var stats = new[] { 0.25f, 1.5f };
        var (smooth, heat, standard) = (new float[n], new float[n], new float[n]);
        var steps = new[] { 0, 1, 3, 8, 9, 100 };
        var lagged = steps.Select(_ => new int[n]).ToArray();
        for (var i = 0; i < n; i++)
        {
            SimdKernels.Smooth3(i, x, smooth);
            SimdKernels.HeatSweep(i, n, 0.25f, x, heat);
            SimdKernels.Standardize(i, stats, x, standard);
            for (var s = 0; s < steps.Length; s++)
            {
                SimdKernels.LaggedDifference(i, steps[s], ints, lagged[s]);
            }
        }

        var on = TestDevices.Resolve(device);
        var (xa, intsA) = (Mx.Array(x), Mx.Array(ints));
        var (smoothA, heatA, standardA) = (Mx.Zeros<float>([n]), Mx.Zeros<float>([n]), Mx.Zeros<float>([n]));
        SimdKernels.Smooth3(n, xa, smoothA, stream: on);
        SimdKernels.HeatSweep(n, n, 0.25f, xa, heatA, stream: on);
        SimdKernels.Standardize(n, Mx.Array(stats), xa, standardA, stream: on);
        Numerics.AssertExact(smooth, smoothA.ToArray(), "3-point stencil");
        Numerics.AssertExact(heat, heatA.ToArray(), "heat sweep");
        Numerics.AssertUlps(standard, standardA.ToArray(), UlpBounds.Divide(device), "broadcast reads");
        for (var s = 0; s < steps.Length; s++)
        {
            var laggedA = Mx.Zeros<int>([n]);
            SimdKernels.LaggedDifference(n, steps[s], intsA, laggedA, stream: on);
            Assert.Equal(lagged[s], laggedA.ToArray());
        }
    }

    /// <summary>
    /// The same array as input and output: thread i reads what thread i - 1 just wrote, so the SIMD loop (which would
    /// read all lanes first) must step aside for the scalar loop. One chunk (n below the split size), so the CPU
    /// runs the threads in order, like the direct calls.
    /// </summary>
    [Theory]
    [InlineData(10)]
    [InlineData(1000)]
    public void Neighbour_reads_of_an_array_the_kernel_also_writes_run_in_thread_order(int n)
    {
        var data = Numerics.Floats(new Random(n + 203), n);
        var expected = (float[])data.Clone();
        for (var i = 0; i < n; i++)
        {
            SimdKernels.Smooth3(i, expected, expected);
        }

        var array = Mx.Array(data);
        SimdKernels.Smooth3(n, array, array, stream: Mx.Cpu);
        Numerics.AssertExact(expected, array.ToArray(), "in-place stencil");
    }

    [Theory]
    [MemberData(nameof(DevicesAndShapes))]
    public void Two_dimensional_rows(string device, int width, int height)
    {
        var random = new Random((width * 31) + height);
        var image = Numerics.Floats(random, width * height, 0, 1);
        var pitch = width + 3;
        var (x, y0) = (Numerics.Floats(random, pitch * height), Numerics.Floats(random, pitch * height));
        var (blurred, saxpy, above, stencil) = (new float[width * height], (float[])y0.Clone(), new int[width * height], new float[width * height]);
        var rows = Math.Max(height - 1, 1);
        for (var row = 0; row < height; row++)
        {
            for (var column = 0; column < width; column++)
            {
                var id = new Index2D(column, row);
                SimdKernels.Blur3x3(id, width, height, image, blurred);
                SimdKernels.Saxpy2D(id, pitch, 1.25f, x, saxpy);
                SimdKernels.Threshold2D(id, width, rows, 0.5f, image, above);
                LanguageKernels.Stencil(id, width, height, 0.2f, image, stencil);
            }
        }

        var on = TestDevices.Resolve(device);
        var imageA = Mx.Array(image);
        var (blurredA, saxpyA, aboveA, stencilA) = (Mx.Zeros<float>([height, width]), Mx.Array(y0), Mx.Zeros<int>([height, width]), Mx.Zeros<float>([height, width]));
        SimdKernels.Blur3x3((width, height), width, height, imageA, blurredA, stream: on);
        SimdKernels.Saxpy2D((width, height), pitch, 1.25f, Mx.Array(x), saxpyA, stream: on);
        SimdKernels.Threshold2D((width, height), width, rows, 0.5f, imageA, aboveA, stream: on);
        LanguageKernels.Stencil((width, height), width, height, 0.2f, imageA, stencilA, stream: on);
        Numerics.AssertUlps(blurred, blurredA.ToArray(), UlpBounds.Divide(device), "3x3 blur");
        Numerics.AssertExact(saxpy, saxpyA.ToArray(), "2D saxpy with a pitch");
        Assert.Equal(above, aboveA.ToArray());
        Numerics.AssertExact(stencil, stencilA.ToArray(), "5-point stencil");
    }

    /// <summary>NaN, infinities, signed zeros and the select's edges, spread over lanes of the first vectors.</summary>
    private static float[] WithSpecialValues(float[] values)
    {
        float[] special = [float.NaN, -0f, 0f, float.PositiveInfinity, float.NegativeInfinity, 0.5f, -1.5f, 2f, float.Epsilon, -float.Epsilon];
        for (var k = 0; k < special.Length && (k * 3) + 1 < values.Length; k++)
        {
            values[(k * 3) + 1] = special[k];
        }

        return values;
    }
}

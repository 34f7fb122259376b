using System;
using System.Linq;
using System.Numerics;
using Tandem.Runtime.Tests.Infrastructure;
using Tandem.Runtime.Tests.Kernels;
using Xunit;

namespace Tandem.Runtime.Tests.KernelTests;

/// <summary>
/// Float arithmetic follows IEEE-754 as C# does on every device, bit for bit: glslc once folded x * 0 and x - x to 0 on
/// the GPU (NaN and infinities came back 0) and SPIR-V's FMin/FMax leave NaN and signed zeros open. Subnormal inputs
/// are left out: Vulkan devices may flush them (Tandem does not ask for DenormPreserve).
/// </summary>
public sealed class FloatSemanticsTests
{
    private static readonly float[] Specials =
    [
        float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0f, -0f, 1f, -1f, 1.5f, -2.75f, float.MaxValue, -float.MaxValue,
        1.17549435e-38f, 3.4e37f,
    ];

    private static readonly double[] DoubleSpecials =
    [
        double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0, 1.0, -1.0, 1.5, -2.75, double.MaxValue, -double.MaxValue,
        1e-300, 1e300,
    ];

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void Identities_keep_NaN_infinities_and_the_sign_of_zero(string device)
    {
        var outputs = Run4(Specials, (n, x, a, b, c, d) => FloatSemanticsKernels.Identities(n, x, a, b, c, d, stream: TestDevices.Resolve(device)));
        var expected = Reference4(Specials, FloatSemanticsKernels.Identities);
        for (var k = 0; k < 4; k++)
        {
            Numerics.AssertExact(expected[k], outputs[k], $"{device} identity {k} (x * 0, x - x, x + 0, 0 - x)");
        }
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void Double_identities_keep_NaN_infinities_and_the_sign_of_zero(string device)
    {
        var outputs = Run4(DoubleSpecials, (n, x, a, b, c, d) => FloatSemanticsKernels.DoubleIdentities(n, x, a, b, c, d, stream: TestDevices.Resolve(device)));
        var expected = Reference4(DoubleSpecials, FloatSemanticsKernels.DoubleIdentities);
        for (var k = 0; k < 4; k++)
        {
            Numerics.AssertExact(expected[k], outputs[k], $"{device} double identity {k} (x * 0, x - x, x + 0, 0 - x)");
        }
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void Rounding_and_remainders_keep_the_sign_of_a_zero_result(string device)
    {
        float[] x = [.. Specials, -0.3f, -0.5f, -0.7f, -1f, -2.5f, 0.5f, 2.5f, 1e7f + 0.5f, -1e7f - 0.5f];
        var outputs = Run4(x, (n, v, a, b, c, d) => FloatSemanticsKernels.Rounding(n, v, a, b, c, d, stream: TestDevices.Resolve(device)));
        var expected = Reference4(x, FloatSemanticsKernels.Rounding);
        double[] y = [.. DoubleSpecials, -0.3, -0.5, -0.7, -1.0, -2.5, 0.5, 2.5, 1e15 + 0.5, -1e15 - 0.5];
        var doubleOutputs = Run4(y, (n, v, a, b, c, d) => FloatSemanticsKernels.DoubleRounding(n, v, a, b, c, d, stream: TestDevices.Resolve(device)));
        var doubleExpected = Reference4(y, FloatSemanticsKernels.DoubleRounding);
        for (var k = 0; k < 4; k++)
        {
            Numerics.AssertExact(expected[k], outputs[k], $"{device} rounding {k} (floor, ceiling, round, double ceiling)");
            Numerics.AssertExact(doubleExpected[k], doubleOutputs[k], $"{device} double rounding {k} (floor, ceiling, round, % 1)");
        }
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void Half_identities_keep_NaN_and_infinities(string device)
    {
        Half[] x = [.. Specials.Select(v => (Half)v)];
        var expectedTimesZero = new Half[x.Length];
        var expectedMinusSelf = new Half[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            FloatSemanticsKernels.HalfIdentities(i, x, expectedTimesZero, expectedMinusSelf);
        }

        using var timesZero = Mx.Zeros<Half>([x.Length]);
        using var minusSelf = Mx.Zeros<Half>([x.Length]);
        FloatSemanticsKernels.HalfIdentities(x.Length, Mx.Array(x), timesZero, minusSelf, stream: TestDevices.Resolve(device));
        Numerics.AssertExact(expectedTimesZero, timesZero.ToArray(), device + " Half x * 0");
        Numerics.AssertExact(expectedMinusSelf, minusSelf.ToArray(), device + " Half x - x");
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void A_product_and_a_sum_round_twice(string device)
    {
        // (1 + 2^-12)^2 - (1 + 2^-11) is 0 with two roundings and 2^-24 with one (a fused multiply-add).
        var random = new Random(5);
        float[] a = [1f + MathF.ScaleB(1f, -12), .. Numerics.Floats(random, 1000)];
        float[] b = [a[0], .. Numerics.Floats(random, 1000)];
        float[] c = [-(1f + MathF.ScaleB(1f, -11)), .. Numerics.Floats(random, 1000)];
        var expected = new float[a.Length];
        for (var i = 0; i < a.Length; i++)
        {
            FloatSemanticsKernels.MultiplyAdd(i, a, b, c, expected);
        }

        Assert.Equal(0f, expected[0]);
        using var result = Mx.Zeros<float>([a.Length]);
        FloatSemanticsKernels.MultiplyAdd(a.Length, Mx.Array(a), Mx.Array(b), Mx.Array(c), result, stream: TestDevices.Resolve(device));
        Numerics.AssertExact(expected, result.ToArray(), device + " a * b + c");
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void A_double_product_and_a_sum_round_twice(string device)
    {
        var random = new Random(6);
        double[] a = [1.0 + Math.ScaleB(1.0, -27), .. Numerics.Doubles(random, 1000)];
        double[] b = [a[0], .. Numerics.Doubles(random, 1000)];
        double[] c = [-(1.0 + Math.ScaleB(1.0, -26)), .. Numerics.Doubles(random, 1000)];
        var expected = new double[a.Length];
        for (var i = 0; i < a.Length; i++)
        {
            FloatSemanticsKernels.DoubleMultiplyAdd(i, a, b, c, expected);
        }

        Assert.Equal(0.0, expected[0]);
        using var result = Mx.Zeros<double>([a.Length]);
        FloatSemanticsKernels.DoubleMultiplyAdd(a.Length, Mx.Array(a), Mx.Array(b), Mx.Array(c), result, stream: TestDevices.Resolve(device));
        Numerics.AssertExact(expected, result.ToArray(), device + " double a * b + c");
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void Min_and_Max_follow_dotnet_for_NaN_and_signed_zeros(string device)
    {
        float[] a = [.. Specials.SelectMany(x => Specials.Select(_ => x))];
        float[] b = [.. Specials.SelectMany(_ => Specials)];
        var (expectedMin, expectedMax) = (new float[a.Length], new float[a.Length]);
        for (var i = 0; i < a.Length; i++)
        {
            FloatSemanticsKernels.MinMax(i, a, b, expectedMin, expectedMax);
        }

        using var min = Mx.Zeros<float>([a.Length]);
        using var max = Mx.Zeros<float>([a.Length]);
        FloatSemanticsKernels.MinMax(a.Length, Mx.Array(a), Mx.Array(b), min, max, stream: TestDevices.Resolve(device));
        Numerics.AssertExact(expectedMin, min.ToArray(), device + " MathF.Min");
        Numerics.AssertExact(expectedMax, max.ToArray(), device + " MathF.Max");
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void Double_Min_and_Max_follow_dotnet_for_NaN_signed_zeros_and_equal_values(string device)
    {
        double[] a = [.. DoubleSpecials.SelectMany(x => DoubleSpecials.Select(_ => x))];
        double[] b = [.. DoubleSpecials.SelectMany(_ => DoubleSpecials)];
        var (expectedMin, expectedMax) = (new double[a.Length], new double[a.Length]);
        for (var i = 0; i < a.Length; i++)
        {
            FloatSemanticsKernels.DoubleMinMax(i, a, b, expectedMin, expectedMax);
        }

        using var min = Mx.Zeros<double>([a.Length]);
        using var max = Mx.Zeros<double>([a.Length]);
        FloatSemanticsKernels.DoubleMinMax(a.Length, Mx.Array(a), Mx.Array(b), min, max, stream: TestDevices.Resolve(device));
        Numerics.AssertExact(expectedMin, min.ToArray(), device + " Math.Min");
        Numerics.AssertExact(expectedMax, max.ToArray(), device + " Math.Max");
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void Vector_Min_and_Max_follow_dotnet_for_NaN_and_signed_zeros(string device)
    {
        Vector4[] a = [.. Specials.Chunk(4).Where(c => c.Length == 4).SelectMany(x => Specials.Chunk(4).Where(c => c.Length == 4).Select(_ => new Vector4(x)))];
        Vector4[] b = [.. Specials.Chunk(4).Where(c => c.Length == 4).SelectMany(_ => Specials.Reverse().Chunk(4).Where(c => c.Length == 4).Select(y => new Vector4(y)))];
        var (expectedMin, expectedMax) = (new Vector4[a.Length], new Vector4[a.Length]);
        for (var i = 0; i < a.Length; i++)
        {
            FloatSemanticsKernels.VectorMinMax(i, a, b, expectedMin, expectedMax);
        }

        using var min = Mx.Zeros<Vector4>([a.Length]);
        using var max = Mx.Zeros<Vector4>([a.Length]);
        FloatSemanticsKernels.VectorMinMax(a.Length, Mx.Array(a), Mx.Array(b), min, max, stream: TestDevices.Resolve(device));
        Numerics.AssertExact(Components(expectedMin), Components(min.ToArray()), device + " Vector4.Min");
        Numerics.AssertExact(Components(expectedMax), Components(max.ToArray()), device + " Vector4.Max");

        static float[] Components(Vector4[] vectors) => [.. vectors.SelectMany(v => new[] { v.X, v.Y, v.Z, v.W })];
    }

    private delegate void Launch4<T>(int n, Array<T> x, Array<T> a, Array<T> b, Array<T> c, Array<T> d) where T : unmanaged;

    private delegate void Kernel4<T>(int i, ReadOnlySpan<T> x, Span<T> a, Span<T> b, Span<T> c, Span<T> d);

    private static T[][] Run4<T>(T[] x, Launch4<T> launch) where T : unmanaged
    {
        Array<T>[] outputs = [.. Enumerable.Range(0, 4).Select(_ => Mx.Zeros<T>([x.Length]))];
        launch(x.Length, Mx.Array(x), outputs[0], outputs[1], outputs[2], outputs[3]);
        return [.. outputs.Select(o => o.ToArray())];
    }

    private static T[][] Reference4<T>(T[] x, Kernel4<T> kernel)
    {
        T[][] expected = [.. Enumerable.Range(0, 4).Select(_ => new T[x.Length])];
        for (var i = 0; i < x.Length; i++)
        {
            kernel(i, x, expected[0], expected[1], expected[2], expected[3]);
        }

        return expected;
    }
}

using System;
using System.Linq;
using Tandem.Runtime.Tests.Backends.Vulkan.GpuDevice;
using Tandem.Runtime.Tests.Infrastructure;
using Tandem.Runtime.Tests.Kernels;
using Xunit;
using static Tandem.Runtime.Tests.KernelTests.WideTypeInputs;

namespace Tandem.Runtime.Tests.KernelTests;

/// <summary>
/// long, ulong and Half kernels through their launchers on each device against the direct call of the user's method:
/// exact for the integers and for every Half conversion and operator (NaN only needs to stay NaN). The cases C# throws
/// for (long.MinValue / -1, division by zero) have their own test: the GPU cannot throw.
/// </summary>
public sealed class WideTypeKernelTests : GpuTestBase
{
    public static TheoryData<string, int> DevicesAndShifts()
    {
        var data = new TheoryData<string, int>();
        foreach (var device in TestDevices.Names())
        {
            foreach (var shift in Shifts)
            {
                data.Add(device, shift);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DevicesAndShifts))]
    public void Long_operators_wrap_and_mask_shifts_as_in_CSharp(string device, int shift)
    {
        const int n = 1000;
        var random = new Random(40 + shift);
        var a = Longs(random, n);
        var b = Longs(random, n).Reverse().ToArray();
        const long k = -0x0123_4567_89AB_CDEF;
        var expected = new long[n * WideTypeKernels.LongResults];
        for (var i = 0; i < n; i++)
        {
            WideTypeKernels.LongOps(i, k, shift, a, b, expected);
        }

        var output = Mx.Zeros<long>([expected.Length]);
        WideTypeKernels.LongOps(n, k, shift, Mx.Array(a), Mx.Array(b), output, stream: TestDevices.Resolve(device));
        AssertEqual(expected, output.ToArray(), "LongOps", i => $"op {i % WideTypeKernels.LongResults} of a = {a[i / WideTypeKernels.LongResults]}, b = {b[i / WideTypeKernels.LongResults]}");
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void Signed_and_unsigned_division_truncate_as_in_CSharp(string device)
    {
        const int n = 3000;
        var random = new Random(41);
        var a = Longs(random, n);
        // Divisors: the edge values (and small ones, where remainders are interesting) in every order, never 0.
        var b = Longs(random, n).Select((v, i) => i % 3 == 0 ? (long)random.Next(-9, 10) : v).Reverse().Select(v => v == 0 ? 3 : v).ToArray();
        for (var i = 0; i < n; i++)
        {
            if (a[i] == long.MinValue && b[i] is -1 or long.MinValue)
            {
                b[i] = 2; // C# throws for MinValue / -1 and Math.Abs(MinValue): the next test covers those
            }
        }

        var c = ULongs(random, n);
        var d = b.Select(v => unchecked((ulong)v)).ToArray();
        var expectedSigned = new long[n * 4];
        var expectedUnsigned = new ulong[n * 3];
        for (var i = 0; i < n; i++)
        {
            WideTypeKernels.WideDivision(i, a, b, c, d, expectedSigned, expectedUnsigned);
        }

        var signed = Mx.Zeros<long>([n * 4]);
        var unsigned = Mx.Zeros<ulong>([n * 3]);
        WideTypeKernels.WideDivision(n, Mx.Array(a), Mx.Array(b), Mx.Array(c), Mx.Array(d), signed, unsigned, stream: TestDevices.Resolve(device));
        AssertEqual(expectedSigned, signed.ToArray(), "signed", i => $"op {i % 4} of {a[i / 4]}, {b[i / 4]}");
        AssertEqual(expectedUnsigned, unsigned.ToArray(), "unsigned", i => $"op {i % 3} of {c[i / 3]}, {d[i / 3]}");
    }

    [Fact]
    public void MinValue_divided_by_minus_one_throws_on_the_CPU_and_wraps_on_the_GPU()
    {
        long[] a = [long.MinValue, long.MinValue, 7, -7, long.MaxValue];
        long[] b = [-1, 1, -2, 2, -1];
        var cpuQuotient = Mx.Zeros<long>([a.Length]);
        WideTypeKernels.LongQuotient(a.Length, Mx.Array(a), Mx.Array(b), cpuQuotient, Mx.Zeros<long>([a.Length]), stream: Mx.Cpu);
        var failure = Assert.Throws<KernelExecutionException>(() => cpuQuotient.ToArray());
        Assert.Equal("WideTypeKernels.LongQuotient", failure.OriginalKernelName);
        Assert.IsType<OverflowException>(failure.InnerException);

        if (!TestDevices.Names().Contains("gpu"))
        {
            return;
        }

        var quotient = Mx.Zeros<long>([a.Length]);
        var remainder = Mx.Zeros<long>([a.Length]);
        WideTypeKernels.LongQuotient(a.Length, Mx.Array(a), Mx.Array(b), quotient, remainder, stream: Mx.Gpu);
        Assert.Equal([long.MinValue, long.MinValue, -3, -3, -long.MaxValue], quotient.ToArray());
        Assert.Equal([0, 0, 1, -1, 0], remainder.ToArray());

        // Division by zero: C# throws; the GPU gives some value (SPIR-V leaves it undefined) and carries on.
        var byZero = Mx.Zeros<long>([2]);
        WideTypeKernels.LongQuotient(2, Mx.Array(new long[] { 5, long.MinValue }), Mx.Array(new long[] { 0, 0 }), byZero, Mx.Zeros<long>([2]), stream: Mx.Gpu);
        Assert.Equal(2, byZero.ToArray().Length);
        var afterwards = Mx.Zeros<long>([1]);
        WideTypeKernels.LongQuotient(1, Mx.Array(new long[] { -9 }), Mx.Array(new long[] { 4 }), afterwards, Mx.Zeros<long>([1]), stream: Mx.Gpu);
        Assert.Equal([-2L], afterwards.ToArray());
    }

    [Theory]
    [MemberData(nameof(DevicesAndShifts))]
    public void Vectorized_64_bit_kernels_equal_the_direct_call(string device, int shift)
    {
        const int n = 1003; // whole Vector256<long>s and a scalar tail on the CPU
        var random = new Random(42 + shift);
        var x = Longs(random, n);
        var y = Longs(random, n).Reverse().ToArray();
        const long alpha = -0x5555_5555_5555;
        var expected = (long[])y.Clone();
        for (var i = 0; i < n; i++)
        {
            WideTypeKernels.LongAxpy(i, alpha, shift, x, expected);
        }

        var yArray = Mx.Array(y);
        WideTypeKernels.LongAxpy(n, alpha, shift, Mx.Array(x), yArray, stream: TestDevices.Resolve(device));
        AssertEqual(expected, yArray.ToArray(), "LongAxpy", i => $"x = {x[i]}, y = {y[i]}");

        var ux = ULongs(random, n);
        var uy = ULongs(random, n);
        const ulong mask = 0xF0F0_0000_FFFF_0F0FUL;
        var expectedU = (ulong[])uy.Clone();
        for (var i = 0; i < n; i++)
        {
            WideTypeKernels.ULongMix(i, shift, mask, ux, expectedU);
        }

        var uyArray = Mx.Array(uy);
        WideTypeKernels.ULongMix(n, shift, mask, Mx.Array(ux), uyArray, stream: TestDevices.Resolve(device));
        AssertEqual(expectedU, uyArray.ToArray(), "ULongMix", i => $"x = {ux[i]}, y = {uy[i]}");
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void Conversions_to_and_from_64_bit_integers_saturate_and_round_as_in_NET(string device)
    {
        const int n = 4000;
        var random = new Random(43);
        var f = ConversionFloats(random, n);
        var d = ConversionDoubles(random, n);
        var ints = Longs(random, n).Select(v => (int)v).ToArray();
        var expectedLongs = new long[n * 4];
        var expectedULongs = new ulong[n * 3];
        var expectedBack = new double[n * 4];
        for (var i = 0; i < n; i++)
        {
            WideTypeKernels.LongConversions(i, f, d, ints, expectedLongs, expectedULongs, expectedBack);
        }

        var longs = Mx.Zeros<long>([n * 4]);
        var ulongs = Mx.Zeros<ulong>([n * 3]);
        var back = Mx.Zeros<double>([n * 4]);
        WideTypeKernels.LongConversions(n, Mx.Array(f), Mx.Array(d), Mx.Array(ints), longs, ulongs, back, stream: TestDevices.Resolve(device));
        string Input(int i, int per) => $"op {i % per} of f = {f[i / per]:R}, d = {d[i / per]:R}, int = {ints[i / per]}";
        AssertEqual(expectedLongs, longs.ToArray(), "longs", i => Input(i, 4));
        AssertEqual(expectedULongs, ulongs.ToArray(), "ulongs", i => Input(i, 3));
        AssertEqual(expectedBack, back.ToArray(), "back to floating point", i => Input(i, 4));
    }

    public static TheoryData<string, float> DevicesAndScales()
    {
        var data = new TheoryData<string, float>();
        foreach (var device in TestDevices.Names())
        {
            foreach (var scale in new[] { 0.5f, -3.25f, 65504f, 5.9604645E-08f, float.NaN })
            {
                data.Add(device, scale);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DevicesAndScales))]
    public void Half_operators_round_through_float_as_in_NET(string device, float scaleValue)
    {
        var scale = (Half)scaleValue;
        var (a, b) = HalfPairs(new Random(44), 20_000);
        var n = a.Length;
        var expected = new Half[n * WideTypeKernels.HalfResults];
        var expectedTests = new int[n];
        for (var i = 0; i < n; i++)
        {
            WideTypeKernels.HalfOps(i, scale, a, b, expected, expectedTests);
        }

        var output = Mx.Zeros<Half>([expected.Length]);
        var tests = Mx.Zeros<int>([n]);
        WideTypeKernels.HalfOps(n, scale, Mx.Array(a), Mx.Array(b), output, tests, stream: TestDevices.Resolve(device));
        AssertHalves(expected, output.ToArray(), "HalfOps", i => $"op {i % WideTypeKernels.HalfResults} of 0x{BitConverter.HalfToUInt16Bits(a[i / WideTypeKernels.HalfResults]):X4}, "
            + $"0x{BitConverter.HalfToUInt16Bits(b[i / WideTypeKernels.HalfResults]):X4}");
        AssertEqual(expectedTests, tests.ToArray(), "comparisons", i => $"0x{BitConverter.HalfToUInt16Bits(a[i]):X4}, 0x{BitConverter.HalfToUInt16Bits(b[i]):X4}");
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void Half_conversions_round_to_nearest_even_around_every_Half(string device)
    {
        var (f, d) = AroundEveryHalf();
        var n = f.Length;
        var h = Enumerable.Range(0, n).Select(i => BitConverter.UInt16BitsToHalf((ushort)i)).ToArray();
        var expectedHalves = new Half[n * 3];
        var expectedFloats = new float[n];
        var expectedDoubles = new double[n];
        var expectedLongs = new long[n];
        for (var i = 0; i < n; i++)
        {
            WideTypeKernels.HalfConversions(i, f, d, h, expectedHalves, expectedFloats, expectedDoubles, expectedLongs);
        }

        var halves = Mx.Zeros<Half>([n * 3]);
        var floats = Mx.Zeros<float>([n]);
        var doubles = Mx.Zeros<double>([n]);
        var longs = Mx.Zeros<long>([n]);
        WideTypeKernels.HalfConversions(n, Mx.Array(f), Mx.Array(d), Mx.Array(h), halves, floats, doubles, longs, stream: TestDevices.Resolve(device));

        // Conversions keep NaN payloads too, so these compare every bit.
        var actualHalves = halves.ToArray();
        for (var i = 0; i < expectedHalves.Length; i++)
        {
            if (BitConverter.HalfToUInt16Bits(expectedHalves[i]) != BitConverter.HalfToUInt16Bits(actualHalves[i]))
            {
                Assert.Fail($"halves[{i}] = 0x{BitConverter.HalfToUInt16Bits(actualHalves[i]):X4}, expected 0x{BitConverter.HalfToUInt16Bits(expectedHalves[i]):X4} "
                    + $"for op {i % 3} of f = {f[i / 3]:R}, d = {d[i / 3]:R}");
            }
        }

        AssertBits(expectedFloats, floats.ToArray(), "floats", i => $"0x{BitConverter.HalfToUInt16Bits(h[i]):X4}");
        Numerics.AssertExact(expectedDoubles, doubles.ToArray(), "doubles");
        AssertEqual(expectedLongs, longs.ToArray(), "longs", i => $"0x{BitConverter.HalfToUInt16Bits(h[i]):X4}, i = {i}");
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void Group_shared_Half_and_long_arrays_hold_their_values(string device)
    {
        const int groups = 5, n = groups * WideTypeKernels.Block;
        var (x, _) = HalfPairs(new Random(45), n);
        x = x.Take(n).ToArray();
        var y = Mx.Zeros<Half>([n]);
        WideTypeKernels.HalfBlockReverse(n, Mx.Array(x), y, stream: TestDevices.Resolve(device));
        var expected = Enumerable.Range(0, n).Select(i => -x[(i / WideTypeKernels.Block * WideTypeKernels.Block) + WideTypeKernels.Block - 1 - (i % WideTypeKernels.Block)]).ToArray();
        AssertHalves(expected, y.ToArray(), "reversed");

        var values = Longs(new Random(46), n - 9);
        var partial = Mx.Zeros<long>([groups]);
        WideTypeKernels.LongBlockSum(n, Mx.Array(values), partial, stream: TestDevices.Resolve(device));
        var sums = Enumerable.Range(0, groups).Select(g => values.Skip(g * WideTypeKernels.Block).Take(WideTypeKernels.Block).Aggregate(0L, (s, v) => unchecked(s + v)));
        Assert.Equal(sums, partial.ToArray());
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using Xunit.Sdk;

namespace Tandem.Runtime.Tests.KernelTests;

/// <summary>Inputs for the long, ulong and Half kernels: edge values first, then random ones of every magnitude.</summary>
public static class WideTypeInputs
{
    public static readonly long[] EdgeLongs =
    [
        0, 1, -1, 2, -2, 7, -7, long.MaxValue, long.MinValue, long.MaxValue - 1, long.MinValue + 1, int.MaxValue, int.MinValue,
        uint.MaxValue, (long)uint.MaxValue + 1, -(1L << 32), 1L << 53, (1L << 53) + 1, 1L << 62, 5_000_000_000L, -5_000_000_000L,
        16_777_217, -16_777_217, 0x7FFF_FFFF_FFFF_FC00, 0x7FFF_FFFF_FFFF_FDFF, 0x7FFF_FFFF_FFFF_FE00, 0x1234_5678_9ABC_DEF0,
    ];

    /// <summary>The shift counts C# masks to 0..63 (and 0..31 for int): in range, at 32, at and beyond 64, negative.</summary>
    public static readonly int[] Shifts = [0, 1, 31, 32, 33, 63, 64, 65, 100, -1];

    /// <summary>Edge values, then random longs of every bit length and both signs.</summary>
    public static long[] Longs(Random random, int count)
    {
        var values = new List<long>(EdgeLongs);
        while (values.Count < count)
        {
            values.Add(random.NextInt64(long.MinValue, long.MaxValue) >> random.Next(64));
        }

        return values.Take(count).ToArray();
    }

    public static ulong[] ULongs(Random random, int count) =>
        Longs(random, count).Select(v => unchecked((ulong)v)).ToArray();

    /// <summary>Half bit patterns worth naming: zeros, subnormals, the normal range's ends, infinities, NaNs (quiet and signaling).</summary>
    public static readonly ushort[] EdgeHalfBits =
    [
        0x0000, 0x8000, 0x0001, 0x8001, 0x03FF, 0x0400, 0x0401, 0x3C00, 0xBC00, 0x3800, 0x3C01, 0x3555, 0x4248, 0x7BFF, 0xFBFF,
        0x7C00, 0xFC00, 0x7E00, 0xFE00, 0x7C01, 0x7D06,
    ];

    /// <summary>Every pair of edge values, then random bit patterns (so NaNs, infinities and subnormals, too).</summary>
    public static (Half[] A, Half[] B) HalfPairs(Random random, int randomCount)
    {
        var a = new List<Half>();
        var b = new List<Half>();
        foreach (var x in EdgeHalfBits)
        {
            foreach (var y in EdgeHalfBits)
            {
                a.Add(BitConverter.UInt16BitsToHalf(x));
                b.Add(BitConverter.UInt16BitsToHalf(y));
            }
        }

        for (var i = 0; i < randomCount; i++)
        {
            a.Add(BitConverter.UInt16BitsToHalf((ushort)random.Next(65536)));
            b.Add(BitConverter.UInt16BitsToHalf((ushort)random.Next(65536)));
        }

        return (a.ToArray(), b.ToArray());
    }

    /// <summary>
    /// Floats and doubles around every Half: the value itself, the exact midpoint to the next Half (a tie), and one ulp
    /// either side of the midpoint (a double one ulp off a midpoint rounds differently directly than through float).
    /// </summary>
    public static (float[] Floats, double[] Doubles) AroundEveryHalf()
    {
        var floats = new List<float>();
        var doubles = new List<double>();
        for (var bits = 0; bits < 0x10000; bits++)
        {
            var value = (float)BitConverter.UInt16BitsToHalf((ushort)bits);
            if ((bits & 0x7FFF) >= 0x7C00)
            {
                floats.AddRange([value, value, value, value]);
                doubles.AddRange([value, value, value, value]);
                continue;
            }

            // The next Half away from zero (beyond the largest, 65536 would be next): their midpoint has 12 bits, exact in float.
            var next = (bits & 0x7FFF) == 0x7BFF ? MathF.CopySign(65536f, value) : (float)BitConverter.UInt16BitsToHalf((ushort)(bits + 1));
            var midpoint = (value + next) / 2;
            floats.AddRange([value, midpoint, BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(midpoint) + 1),
                BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(midpoint) - 1)]);
            doubles.AddRange([value, midpoint, BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(midpoint) + 1),
                BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(midpoint) - 1)]);
        }

        float[] special = [float.NaN, -float.NaN, BitConverter.Int32BitsToSingle(0x7F80_0001), BitConverter.Int32BitsToSingle(0x7FA0_1234), float.PositiveInfinity,
            float.NegativeInfinity, float.Epsilon, -float.Epsilon, 1e-30f, 65504f, 65519.996f, 65520f, -65520f, 1e10f, -1e10f, 3.0517578e-05f, 2.9802322e-08f, 2.9802326e-08f];
        floats.AddRange(special);
        doubles.AddRange(special.Select(v => (double)v));
        return (floats.ToArray(), doubles.ToArray());
    }

    /// <summary>Floats for float-to-integer conversions: NaN, infinities, the 2^31/2^32/2^63/2^64 boundaries, fractions, random magnitudes.</summary>
    public static float[] ConversionFloats(Random random, int count)
    {
        var values = new List<float>
        {
            float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0f, -0f, 0.5f, -0.5f, 0.99999994f, 1f, -1f, 1.5f, -1.5f, 2147483648f,
            4294967296f, 4294967040f, 9.223372e18f, -9.223372e18f, 9.2233715e18f, -9.2233715e18f, 1.8446744e19f, 1.8446743e19f, 1e30f, -1e30f,
            float.Epsilon, 16777216f, 16777218f, -4294967296f,
        };
        while (values.Count < count)
        {
            values.Add((random.Next(2) == 0 ? -1 : 1) * MathF.Pow(2, (random.NextSingle() * 80) - 10));
        }

        return values.Take(count).ToArray();
    }

    /// <summary>Doubles for double-to-integer conversions, like <see cref="ConversionFloats"/> at double precision.</summary>
    public static double[] ConversionDoubles(Random random, int count)
    {
        var values = new List<double>
        {
            double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0, -0.0, 0.5, -0.5, 0.9999999999999999, 1.5, -1.5,
            9007199254740993, 9223372036854774784, -9223372036854775808.0, 9223372036854775808.0, 18446744073709549568.0,
            18446744073709551616.0, -18446744073709551616.0, 4294967296.75, -4294967295.25, 1e300, -1e300, double.Epsilon,
        };
        while (values.Count < count)
        {
            values.Add((random.Next(2) == 0 ? -1 : 1) * Math.Pow(2, (random.NextDouble() * 80) - 10));
        }

        return values.Take(count).ToArray();
    }

    /// <summary>Half results equal bit for bit; NaN only needs to be NaN (drivers may choose another payload).</summary>
    public static void AssertHalves(Half[] expected, Half[] actual, string what, Func<int, string>? input = null)
    {
        if (expected.Length != actual.Length)
        {
            throw new XunitException($"{what}: length {actual.Length}, expected {expected.Length}");
        }

        for (var i = 0; i < expected.Length; i++)
        {
            var e = BitConverter.HalfToUInt16Bits(expected[i]);
            var a = BitConverter.HalfToUInt16Bits(actual[i]);
            if (Half.IsNaN(expected[i]) ? !Half.IsNaN(actual[i]) : e != a)
            {
                throw new XunitException($"{what}[{i}] = 0x{a:X4} ({actual[i]}), expected 0x{e:X4} ({expected[i]}){(input is null ? string.Empty : " for " + input(i))}");
            }
        }
    }

    /// <summary>Exact equality, bit for bit (so -0 differs from 0 and NaN payloads count).</summary>
    public static void AssertBits(float[] expected, float[] actual, string what, Func<int, string>? input = null)
    {
        Xunit.Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]))
            {
                throw new XunitException($"{what}[{i}] = {actual[i]:R} (0x{BitConverter.SingleToInt32Bits(actual[i]):X8}), expected {expected[i]:R} "
                    + $"(0x{BitConverter.SingleToInt32Bits(expected[i]):X8}){(input is null ? string.Empty : " for " + input(i))}");
            }
        }
    }

    /// <summary>Exact integer equality with the first mismatch's input in the message.</summary>
    public static void AssertEqual<T>(T[] expected, T[] actual, string what, Func<int, string> input)
        where T : IEquatable<T>
    {
        Xunit.Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            if (!expected[i].Equals(actual[i]))
            {
                throw new XunitException($"{what}[{i}] = {actual[i]}, expected {expected[i]} for {input(i)}");
            }
        }
    }
}

using System;
using System.Linq;
using Xunit.Sdk;

namespace Tandem.Runtime.Tests.Infrastructure;

/// <summary>Random inputs and tolerant comparisons for kernel results.</summary>
public static class Numerics
{
    public static float[] Floats(Random random, int length, float low = -4f, float high = 4f) =>
        Enumerable.Range(0, length).Select(_ => low + ((high - low) * random.NextSingle())).ToArray();

    public static double[] Doubles(Random random, int length, double low = -4, double high = 4) =>
        Enumerable.Range(0, length).Select(_ => low + ((high - low) * random.NextDouble())).ToArray();

    public static int[] Ints(Random random, int length, int low = -1000, int high = 1000) =>
        Enumerable.Range(0, length).Select(_ => random.Next(low, high)).ToArray();

    public static uint[] UInts(Random random, int length) =>
        Enumerable.Range(0, length).Select(_ => (uint)random.NextInt64(0, uint.MaxValue)).ToArray();

    /// <summary>Element-wise |e - a| &lt;= tolerance * max(1, |e|); NaNs must match.</summary>
    public static void AssertClose(float[] expected, float[] actual, double tolerance, string what = "result") =>
        AssertClose(expected.Select(v => (double)v).ToArray(), actual.Select(v => (double)v).ToArray(), tolerance, what);

    public static void AssertClose(double[] expected, double[] actual, double tolerance, string what = "result")
    {
        if (expected.Length != actual.Length)
        {
            throw new XunitException($"{what}: length {actual.Length}, expected {expected.Length}");
        }

        for (var i = 0; i < expected.Length; i++)
        {
            var e = expected[i];
            var a = actual[i];
            var ok = double.IsNaN(e) ? double.IsNaN(a) : e == a || Math.Abs(e - a) <= tolerance * Math.Max(1, Math.Abs(e));
            if (!ok)
            {
                throw new XunitException($"{what}[{i}] = {a:R}, expected {e:R} (tolerance {tolerance})");
            }
        }
    }
}

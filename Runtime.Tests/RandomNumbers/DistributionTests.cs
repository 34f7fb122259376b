using System;
using System.Linq;
using Xunit;

namespace Tandem.Runtime.Tests.RandomNumbers;

/// <summary>
/// Each distribution's moments, histogram (Pearson's chi-square) and independence of neighbours, from 120,000 draws of a
/// fixed key (see <see cref="Statistics"/> for the bounds). Drawn on the CPU: the GPU gives the same bits
/// (<see cref="RandomDevicesTests"/>).
/// </summary>
public sealed class DistributionTests
{
    private const int Count = 120_000;   // float64 draws stay below 1 MiB: GpuMemoryTests owns the 2 MiB bucket

    [Fact]
    public void Uniform_float_is_uniform()
    {
        using Array<float> drawn = Mx.Random.Uniform([Count], key: Mx.Random.Key(11), stream: Mx.Cpu);
        double[] values = drawn.ToArray().Select(x => (double)x).ToArray();
        Assert.All(values, x => Assert.InRange(x, 0, 1 - Math.Pow(2, -24)));
        CheckUniform(values, "float uniform");

        using Array<float> scaled = Mx.Random.Uniform([Count], -2f, 6f, key: Mx.Random.Key(11), stream: Mx.Cpu);
        Assert.Equal(values.Select(u => (float)(-2 + (8 * u))), scaled.ToArray());
    }

    [Fact]
    public void Uniform_double_is_uniform_with_53_bits()
    {
        using Array<double> drawn = Mx.Random.Uniform([Count], 0.0, 1.0, key: Mx.Random.Key(12), stream: Mx.Cpu);
        double[] values = drawn.ToArray();
        Assert.All(values, x => Assert.InRange(x, 0, 1 - Math.Pow(2, -53)));
        CheckUniform(values, "double uniform");

        // Bits below float precision are used: the values are not all multiples of 2^-24.
        Assert.True(values.Count(x => x * 16777216 != Math.Floor(x * 16777216)) > Count * 0.99);
    }

    [Fact]
    public void A_value_that_would_round_to_high_becomes_the_float_below_it()
    {
        // 1 - 2^-24 (the largest u) scaled into [1, 1 + 2^-23) rounds up to high in float: clamped below it.
        using Array<float> drawn = Mx.Random.Uniform([Count], 1f, 1f + MathF.Pow(2, -23), key: 5, stream: Mx.Cpu);
        Assert.All(drawn.ToArray(), x => Assert.True(x == 1f, $"{x} outside [1, 1 + 2^-23)"));
    }

    [Fact]
    public void Normal_float_is_normal()
    {
        using Array<float> drawn = Mx.Random.Normal([Count], key: Mx.Random.Key(13), stream: Mx.Cpu);
        double[] values = drawn.ToArray().Select(x => (double)x).ToArray();
        Assert.All(values, x => Assert.InRange(x, -5.77, 5.77));
        CheckNormal(values, "float normal");

        using Array<float> shifted = Mx.Random.Normal([1000], 10f, 0.5f, key: Mx.Random.Key(13), stream: Mx.Cpu);
        Assert.Equal(values.Take(1000).Select(z => 10f + (0.5f * (float)z)), shifted.ToArray());
    }

    [Fact]
    public void Normal_double_is_normal()
    {
        using Array<double> drawn = Mx.Random.Normal([Count], 0.0, 1.0, key: Mx.Random.Key(14), stream: Mx.Cpu);
        double[] values = drawn.ToArray();
        Assert.All(values, x => Assert.InRange(x, -8.58, 8.58));
        CheckNormal(values, "double normal");
    }

    [Fact]
    public void RandInt_is_uniform_over_its_range()
    {
        using Array<int> small = Mx.Random.RandInt(-3, 7, [Count], key: Mx.Random.Key(15), stream: Mx.Cpu);
        int[] values = small.ToArray();
        Assert.All(values, x => Assert.InRange(x, -3, 6));
        long[] counts = Enumerable.Range(-3, 10).Select(v => values.LongCount(x => x == v)).ToArray();
        Statistics.AssertChiSquare(counts, Enumerable.Repeat(Count / 10.0, 10).ToArray(), "randint [-3, 7)");
        Statistics.AssertUncorrelated(values[..^1].Select(x => (double)x).ToArray(), values[1..].Select(x => (double)x).ToArray(), "randint neighbours");

        // The whole int range: every value reachable, the top six bits uniform.
        using Array<int> full = Mx.Random.RandInt(int.MinValue, int.MaxValue, [Count], key: Mx.Random.Key(16), stream: Mx.Cpu);
        long[] top = new long[64];
        foreach (int x in full.ToArray())
        {
            top[(uint)(x - int.MinValue) >> 26]++;
        }

        Statistics.AssertChiSquare(top, Enumerable.Repeat(Count / 64.0, 64).ToArray(), "randint over all ints");
    }

    [Fact]
    public void Bernoulli_is_true_with_probability_p()
    {
        foreach (float p in new[] { 0.05f, 0.5f, 0.9f })
        {
            using Array<bool> drawn = Mx.Random.Bernoulli(p, [Count], key: Mx.Random.Key(17), stream: Mx.Cpu);
            double[] values = drawn.ToArray().Select(b => b ? 1.0 : 0.0).ToArray();
            Statistics.AssertMean(values, p, Math.Sqrt(p * (1 - p)), $"bernoulli({p})");
        }

        using Array<bool> never = Mx.Random.Bernoulli(0f, [1001], key: 1, stream: Mx.Cpu);
        using Array<bool> always = Mx.Random.Bernoulli(1f, [1001], key: 1, stream: Mx.Cpu);
        Assert.DoesNotContain(true, never.ToArray());
        Assert.DoesNotContain(false, always.ToArray());
    }

    [Fact]
    public void Split_keys_give_independent_streams()
    {
        using Array<uint> keys = Mx.Random.Split(Mx.Random.Key(18), 2, Mx.Cpu);
        using Array<float> first = Mx.Random.Normal([Count], key: keys[0], stream: Mx.Cpu);
        using Array<float> second = Mx.Random.Normal([Count], key: keys[1], stream: Mx.Cpu);
        Statistics.AssertUncorrelated(first.ToArray().Select(x => (double)x).ToArray(), second.ToArray().Select(x => (double)x).ToArray(), "split keys");
    }

    [Fact]
    public void The_checks_reject_biased_or_dependent_draws()
    {
        var random = new System.Random(3);
        double[] squared = Enumerable.Range(0, Count).Select(_ => Math.Pow(random.NextDouble(), 1.05)).ToArray();
        Assert.ThrowsAny<Exception>(() => Statistics.AssertChiSquare(Statistics.Histogram(squared, 100), Enumerable.Repeat(Count / 100.0, 100).ToArray(), "biased"));
        Assert.ThrowsAny<Exception>(() => Statistics.AssertMean(squared, 0.5, Math.Sqrt(1.0 / 12), "biased"));
        double[] walk = Enumerable.Range(0, Count).Select(i => Math.Sin(i * 0.001) + random.NextDouble()).ToArray();
        Assert.ThrowsAny<Exception>(() => Statistics.AssertUncorrelated(walk[..^1], walk[1..], "dependent"));
        double[] wide = Enumerable.Range(0, Count).Select(_ => 1.1 * (random.NextDouble() - 0.5)).ToArray();
        Assert.ThrowsAny<Exception>(() => Statistics.AssertVariance(wide, 1.0 / 12, 1.8, "too wide"));
    }

    private static void CheckUniform(double[] values, string what)
    {
        Statistics.AssertMean(values, 0.5, Math.Sqrt(1.0 / 12), what);
        Statistics.AssertVariance(values, 1.0 / 12, 1.8, what);
        Statistics.AssertChiSquare(Statistics.Histogram(values, 100), Enumerable.Repeat(values.Length / 100.0, 100).ToArray(), what);
        Statistics.AssertUncorrelated(values[..^1], values[1..], what + " neighbours");
    }

    private static void CheckNormal(double[] values, string what)
    {
        Statistics.AssertMean(values, 0, 1, what);
        Statistics.AssertVariance(values, 1, 3, what);

        // 40 bins of 0.2 from -4 to 4, and the two tails.
        double[] edges = [double.NegativeInfinity, .. Enumerable.Range(0, 41).Select(i => -4 + (0.2 * i)), double.PositiveInfinity];
        long[] counts = new long[edges.Length - 1];
        foreach (double x in values)
        {
            counts[Math.Clamp((int)Math.Floor((x + 4) / 0.2) + 1, 0, counts.Length - 1)]++;
        }

        double[] expected = Enumerable.Range(0, counts.Length)
            .Select(b => values.Length * (Statistics.NormalCdf(edges[b + 1]) - Statistics.NormalCdf(edges[b]))).ToArray();
        Statistics.AssertChiSquare(counts, expected, what);

        // Box-Muller's cosine and sine of one pair are uncorrelated too.
        Statistics.AssertUncorrelated(values.Where((_, i) => i % 2 == 0).ToArray(), values.Where((_, i) => i % 2 == 1).ToArray(), what + " pairs");
    }
}

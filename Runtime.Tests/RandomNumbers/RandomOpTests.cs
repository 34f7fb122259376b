using System;
using System.Linq;
using Xunit;

namespace Tandem.Runtime.Tests.RandomNumbers;

/// <summary>
/// Random numbers: reproducible by key, independent of the extent, and with the right distribution (100,000 samples:
/// mean within 0.02, standard deviation within 0.02 of the target).
/// </summary>
public sealed class RandomOpTests
{
    [Fact]
    public void The_same_key_gives_the_same_numbers_whatever_the_extent()
    {
        using Array<float> small = Mx.Random.Uniform([10], key: 42);
        using Array<float> large = Mx.Random.Uniform([100_000], key: 42);
        using Array<float> other = Mx.Random.Uniform([10], key: 43);

        Assert.Equal(small.ToArray(), large.ToArray().Take(10).ToArray());
        Assert.NotEqual(small.ToArray(), other.ToArray());
    }

    [Fact]
    public void Seed_restarts_the_global_key_sequence()
    {
        Mx.Random.Seed(7);
        using Array<float> first = Mx.Random.Normal([16]);
        using Array<float> second = Mx.Random.Normal([16]);
        Mx.Random.Seed(7);
        using Array<float> again = Mx.Random.Normal([16]);

        Assert.Equal(first.ToArray(), again.ToArray());
        Assert.NotEqual(first.ToArray(), second.ToArray());
    }

    [Fact]
    public void Uniform_stays_in_range_with_the_right_mean()
    {
        using Array<float> floats = Mx.Random.Uniform([100_000], -2, 6, key: 1);
        using Array<double> doubles = Mx.Random.Uniform([100_000], 0.0, 1.0, key: 2);

        float[] f = floats.ToArray();
        Assert.All(f, x => Assert.InRange(x, -2f, 6f));
        Assert.InRange(f.Average(), 2 - 0.08, 2 + 0.08);
        double[] d = doubles.ToArray();
        Assert.All(d, x => Assert.InRange(x, 0.0, 1.0 - double.Epsilon));
        Assert.InRange(d.Average(), 0.5 - 0.02, 0.5 + 0.02);
        Assert.True(d.Distinct().Count() > 99_000, "double uniforms should almost never repeat");
    }

    [Fact]
    public void Normal_has_the_right_mean_and_spread()
    {
        using Array<float> floats = Mx.Random.Normal([2, 50_000], key: 3);
        using Array<double> doubles = Mx.Random.Normal([100_000], 5.0, 2.0, key: 4);

        Assert.Equal(new[] { 2, 50_000 }, floats.Shape);
        (double mean, double std) = Moments(floats.ToArray().Select(x => (double)x).ToArray());
        Assert.InRange(mean, -0.02, 0.02);
        Assert.InRange(std, 0.98, 1.02);
        (double meanD, double stdD) = Moments(doubles.ToArray());
        Assert.InRange(meanD, 5 - 0.04, 5 + 0.04);
        Assert.InRange(stdD, 2 - 0.04, 2 + 0.04);
    }

    [Fact]
    public void Integer_bounds_give_float32_like_MLX()
    {
        using Array<float> floats = Mx.Random.Uniform([4], 0, 10, key: 5);
        Assert.All(floats.ToArray(), x => Assert.InRange(x, 0f, 10f));
    }

    private static (double Mean, double Std) Moments(double[] values)
    {
        double mean = values.Average();
        return (mean, Math.Sqrt(values.Sum(x => (x - mean) * (x - mean)) / values.Length));
    }
}

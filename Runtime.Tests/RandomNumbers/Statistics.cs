using System;
using System.Linq;
using Xunit;

namespace Tandem.Runtime.Tests.RandomNumbers;

/// <summary>
/// The statistical checks of the random tests. Each draws from a fixed key, so a check either always passes or always
/// fails; the bounds are set at about one chance in a million for a correct generator, so a failure means a bias.
/// </summary>
internal static class Statistics
{
    /// <summary>z for an upper tail of 10^-6 of the standard normal.</summary>
    private const double Z = 4.753;

    /// <summary>The sample mean is within <see cref="Z"/> standard errors of <paramref name="mean"/>.</summary>
    public static void AssertMean(double[] values, double mean, double std, string what)
    {
        double actual = values.Average();
        double bound = Z * std / Math.Sqrt(values.Length);
        Assert.True(Math.Abs(actual - mean) <= bound, $"{what}: mean {actual}, expected {mean} ± {bound}");
    }

    /// <summary>The sample variance is within <see cref="Z"/> standard errors of <paramref name="variance"/> (for a distribution of kurtosis <paramref name="kurtosis"/>).</summary>
    public static void AssertVariance(double[] values, double variance, double kurtosis, string what)
    {
        double mean = values.Average();
        double actual = values.Sum(x => (x - mean) * (x - mean)) / (values.Length - 1);
        double bound = Z * variance * Math.Sqrt((kurtosis - 1) / values.Length);
        Assert.True(Math.Abs(actual - variance) <= bound, $"{what}: variance {actual}, expected {variance} ± {bound}");
    }

    /// <summary>
    /// Pearson's chi-square test of <paramref name="counts"/> against <paramref name="expected"/> counts: the statistic
    /// stays below the 10^-6 upper quantile of chi-square with bins - 1 degrees of freedom (Wilson-Hilferty).
    /// </summary>
    public static void AssertChiSquare(long[] counts, double[] expected, string what)
    {
        double statistic = counts.Zip(expected, (observed, e) => (observed - e) * (observed - e) / e).Sum();
        int freedom = counts.Length - 1;
        double critical = freedom * Math.Pow(1 - (2.0 / (9 * freedom)) + (Z * Math.Sqrt(2.0 / (9 * freedom))), 3);
        Assert.True(statistic <= critical, $"{what}: chi-square {statistic:F1} over {counts.Length} bins, critical value {critical:F1}");
    }

    /// <summary>Counts of <paramref name="values"/> in [0, 1) falling in each of <paramref name="bins"/> equal bins.</summary>
    public static long[] Histogram(double[] values, int bins)
    {
        var counts = new long[bins];
        foreach (double value in values)
        {
            counts[Math.Clamp((int)(value * bins), 0, bins - 1)]++;
        }

        return counts;
    }

    /// <summary>The correlation of neighbours: a generator whose consecutive outputs depend on each other shows here.</summary>
    public static void AssertUncorrelated(double[] first, double[] second, string what)
    {
        double meanA = first.Average(), meanB = second.Average();
        double covariance = first.Zip(second, (a, b) => (a - meanA) * (b - meanB)).Sum();
        double r = covariance / Math.Sqrt(first.Sum(a => (a - meanA) * (a - meanA)) * second.Sum(b => (b - meanB) * (b - meanB)));
        double bound = Z / Math.Sqrt(first.Length);
        Assert.True(Math.Abs(r) <= bound, $"{what}: correlation {r}, expected 0 ± {bound}");
    }

    /// <summary>The standard normal distribution function.</summary>
    public static double NormalCdf(double x) => 0.5 * Erfc(-x / Math.Sqrt(2));

    /// <summary>erfc(x), Numerical Recipes' Chebyshev fit (relative error below 1.2e-7): ample for expected bin counts.</summary>
    private static double Erfc(double x)
    {
        double z = Math.Abs(x);
        double t = 1 / (1 + (0.5 * z));
        double[] coefficients = [-1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587, -0.82215223, 0.17087277];
        double polynomial = 0;
        for (int i = coefficients.Length - 1; i >= 0; i--)
        {
            polynomial = coefficients[i] + (t * polynomial);
        }

        double r = t * Math.Exp(-(z * z) + polynomial);
        return x >= 0 ? r : 2 - r;
    }
}

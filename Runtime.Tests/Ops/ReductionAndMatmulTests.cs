using System;
using System.Linq;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Ops;

/// <summary>
/// Sum and Matmul against scalar references accumulated in double: float and double results within
/// <see cref="Numerics.SumUlps"/> at the scale of the terms' magnitudes (the sum of their absolute values); int sums
/// are exact.
/// </summary>
public sealed class ReductionAndMatmulTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4095)]
    [InlineData(4097)]
    [InlineData(100_003)]
    public void Sum_matches_the_reference(int length)
    {
        var random = new Random(length);
        float[] floats = RandomInputs.Floats(random, length);
        double[] doubles = RandomInputs.Doubles(random, length);
        int[] ints = RandomInputs.Ints(random, length);
        using Array<float> f = Mx.Array(floats);
        using Array<double> d = Mx.Array(doubles);
        using Array<int> i = Mx.Array(ints);

        using Array<float> floatSum = Mx.Sum(f, Mx.Cpu);
        using Array<double> doubleSum = Mx.Sum(d, Mx.Cpu);
        using Array<int> intSum = Mx.Sum(i, Mx.Cpu);

        Assert.Empty(floatSum.Shape);
        Numerics.AssertUlps([(float)floats.Sum(x => (double)x)], floatSum.ToArray(), Numerics.SumUlps(length), [(float)floats.Sum(x => Math.Abs((double)x))], "float sum");
        Numerics.AssertUlps([doubles.Sum()], doubleSum.ToArray(), Numerics.SumUlps(length), [doubles.Sum(Math.Abs)], "double sum");
        Assert.Equal(ints.Sum(), intSum.ToArray()[0]);
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(3, 5, 2)]
    [InlineData(17, 33, 9)]
    [InlineData(64, 512, 4)]
    [InlineData(0, 3, 4)]
    public void Matmul_matches_the_reference(int m, int k, int n)
    {
        var random = new Random((m * 1000) + (k * 10) + n);
        float[] a = RandomInputs.Floats(random, m * k, -1, 1);
        float[] b = RandomInputs.Floats(random, k * n, -1, 1);
        double[] ad = a.Select(x => (double)x).ToArray();
        double[] bd = b.Select(x => (double)x).ToArray();
        using Array<float> left = Mx.Array(a, [m, k]);
        using Array<float> right = Mx.Array(b, [k, n]);
        using Array<double> leftD = Mx.Array(ad, [m, k]);
        using Array<double> rightD = Mx.Array(bd, [k, n]);

        using Array<float> product = Mx.Matmul(left, right, Mx.Cpu);
        using Array<double> productD = Mx.Matmul(leftD, rightD, Mx.Cpu);

        Assert.Equal(new[] { m, n }, product.Shape);
        float[] actual = product.ToArray();
        double[] actualD = productD.ToArray();
        for (int row = 0; row < m; row++)
        {
            for (int column = 0; column < n; column++)
            {
                double expected = 0, magnitude = 0;
                for (int p = 0; p < k; p++)
                {
                    expected += ad[(row * k) + p] * bd[(p * n) + column];
                    magnitude += Math.Abs(ad[(row * k) + p] * bd[(p * n) + column]);
                }

                // Products and sums: 2k roundings at the scale of the products' magnitudes.
                string at = $"matmul {m}x{k}x{n} [{row}, {column}]";
                Numerics.AssertUlps([(float)expected], [actual[(row * n) + column]], Numerics.SumUlps(2 * k), [(float)magnitude], at);
                Numerics.AssertUlps([expected], [actualD[(row * n) + column]], Numerics.SumUlps(2 * k), [magnitude], at);
            }
        }
    }

    [Fact]
    public void Matmul_of_incompatible_shapes_throws_naming_both()
    {
        using Array<float> a = Mx.Zeros([2, 3]);
        using Array<float> b = Mx.Zeros([2, 3]);
        using Array<float> vector = Mx.Zeros([2]);
        var failure = Assert.Throws<ArgumentException>(() => Mx.Matmul(a, b, Mx.Cpu));
        Assert.Contains("[2, 3] and [2, 3]", failure.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Mx.Matmul(a, vector, Mx.Cpu));
        using Array<int> ints = Mx.Zeros<int>([2, 2]);
        Assert.Throws<NotSupportedException>(() => Mx.Matmul(ints, ints, Mx.Cpu));
    }
}

using System;
using System.Linq;
using Tandem.Runtime.Tests.Infrastructure;

namespace Tandem.Runtime.Tests.Ops;

/// <summary>Random shapes and data for the op tests, from a fixed seed so failures repeat.</summary>
internal static class RandomInputs
{
    public static int[][] Shapes(int seed)
    {
        var random = new Random(seed);
        return
        [
            [],
            [0],
            [1],
            [random.Next(2, 40)],
            [random.Next(1, 9), random.Next(1, 9)],
            [random.Next(1, 5), random.Next(1, 5), random.Next(1, 5)],
            [random.Next(40_000, 70_000)],   // large enough to split across cores and to use the SIMD loops
        ];
    }

    public static int Length(int[] shape) => shape.Aggregate(1, (product, axis) => product * axis);

    public static float[] Floats(Random random, int length, float low = -10, float high = 10) => Numerics.Floats(random, length, low, high);

    public static double[] Doubles(Random random, int length, double low = -10, double high = 10) => Numerics.Doubles(random, length, low, high);

    public static int[] Ints(Random random, int length, int low = -1000, int high = 1000) => Numerics.Ints(random, length, low, high);

    /// <summary>Ints without zeros, for divisors.</summary>
    public static int[] NonZeroInts(Random random, int length)
        => Ints(random, length, 1, 100).Select((value, i) => i % 2 == 0 ? value : -value).ToArray();
}

using System;
using System.Linq;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Ops;

public sealed class OpsAcrossStreamsTests
{
    [Fact]
    public void The_design_example_chains_ops_across_streams()
    {
        Bounded.Run(() =>
        {
            DeviceStream s1 = Mx.NewStream(Mx.Cpu);
            DeviceStream s2 = Mx.NewStream(Mx.Cpu);
            using Array<float> a = Mx.Random.Normal([100_000], key: 10);
            using Array<float> b = Mx.Random.Normal([100_000], key: 11);

            using Array<float> c = Mx.Add(a, b, s1);
            using Array<float> d = Mx.Add(a, c, s2);   // waits for c by itself

            float[] x = a.ToArray();
            float[] y = b.ToArray();
            Numerics.AssertExact(x.Select((value, i) => value + (value + y[i])).ToArray(), d.ToArray());
        });
    }

    [Fact]
    public void A_long_chain_of_small_ops_runs_beside_a_matmul_on_another_stream()
    {
        Bounded.Run(() =>
        {
            const int Steps = 200;
            DeviceStream big = Mx.NewStream(Mx.Cpu);
            DeviceStream small = Mx.NewStream(Mx.Cpu);
            using Array<float> a = Mx.Random.Uniform([256, 64], key: 1);
            using Array<float> b = Mx.Random.Uniform([64, 4], key: 2);
            using Array<float> x = Mx.Matmul(a, b, big);

            // c <- (exp(c) - 1) / 2 + step / 2000: each step depends on the one before and on its place in the
            // chain, so an op run out of order or on stale input changes the result.
            Array<float> chain = Mx.Multiply(b, 0.001f, small);
            for (int step = 0; step < Steps; step++)
            {
                Array<float> next = Mx.Exp(chain, small);
                chain.Dispose();
                using Array<float> shifted = Mx.Subtract(next, 1f, small);
                next.Dispose();
                using Array<float> halved = Mx.Multiply(shifted, 0.5f, small);
                chain = Mx.Add(halved, step * 0.0005f, small);
            }

            float[] result = chain.ToArray();
            chain.Dispose();
            float[] expected = b.ToArray().Select(value =>
            {
                float c = value * 0.001f;
                for (int step = 0; step < Steps; step++)
                {
                    c = ((MathF.Exp(c) - 1f) * 0.5f) + (step * 0.0005f);
                }

                return c;
            }).ToArray();

            // Each step adds exp's error and three roundings at scale 1, and shrinks the error before it by
            // exp(c) / 2 < 2/3 (c stays below 0.3): the total stays under three steps' worth.
            Numerics.AssertUlps(expected, result, 3 * (UlpBounds.Exp("cpu", 1) + 3), 1f, "exp chain");
            Assert.Equal(new[] { 256, 4 }, x.Shape);
            Numerics.AssertUlps(Product(a.ToArray(), b.ToArray(), 64, 4), x.ToArray(), Numerics.SumUlps(2 * 64), ProductScale(a.ToArray(), b.ToArray(), 64, 4), "matmul");
            Mx.Synchronize();
        });
    }

    private static float[] Product(float[] a, float[] b, int inner, int columns) =>
        Enumerable.Range(0, a.Length / inner * columns)
            .Select(at => (float)Enumerable.Range(0, inner).Sum(p => (double)a[(at / columns * inner) + p] * b[(p * columns) + (at % columns)]))
            .ToArray();

    private static float[] ProductScale(float[] a, float[] b, int inner, int columns) =>
        Enumerable.Range(0, a.Length / inner * columns)
            .Select(at => (float)Enumerable.Range(0, inner).Sum(p => Math.Abs((double)a[(at / columns * inner) + p] * b[(p * columns) + (at % columns)])))
            .ToArray();
}

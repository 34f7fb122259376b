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
            Assert.Equal(x.Select((value, i) => value + (value + y[i])).ToArray(), d.ToArray());
        });
    }

    [Fact]
    public void A_long_chain_of_small_ops_runs_beside_a_matmul_on_another_stream()
    {
        Bounded.Run(() =>
        {
            DeviceStream big = Mx.NewStream(Mx.Cpu);
            DeviceStream small = Mx.NewStream(Mx.Cpu);
            using Array<float> a = Mx.Random.Uniform([256, 64], key: 1);
            using Array<float> b = Mx.Random.Uniform([64, 4], key: 2);
            using Array<float> x = Mx.Matmul(a, b, big);

            Array<float> chain = Mx.Multiply(b, 0.001f, small);
            for (int i = 0; i < 200; i++)
            {
                Array<float> next = Mx.Exp(chain, small);
                chain.Dispose();
                using Array<float> shifted = Mx.Subtract(next, 1f, small);
                next.Dispose();
                chain = Mx.Multiply(shifted, 0.5f, small);
            }

            float[] result = chain.ToArray();
            chain.Dispose();
            Assert.All(result, value => Assert.True(float.IsFinite(value)));
            Assert.Equal(new[] { 256, 4 }, x.Shape);
            Mx.Synchronize();
        });
    }
}

using System;
using System.Threading;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Arrays;

public sealed class LifetimeTests
{
    [Fact]
    public void Disposing_an_array_while_a_kernel_uses_it_keeps_the_memory_until_the_kernel_finished()
    {
        Bounded.Run(() =>
        {
            DeviceStream stream = Mx.NewStream(Mx.Cpu);
            using var release = new ManualResetEventSlim();
            using Array<float> gate = Mx.Array(new float[1]);
            Array<float> source = Mx.Array(new float[] { 1, 2, 3 });
            using Array<float> copy = Mx.Array(new float[3]);

            TestOps.Run("Test.Gate", gate, () => release.Wait(TimeSpan.FromSeconds(10)), stream);
            TestOps.Copy(source, copy, stream);
            source.Dispose();

            Assert.True(source.IsDisposed);
            Assert.False(source.Buffer.IsReleased);
            release.Set();

            Assert.Equal(new float[] { 1, 2, 3 }, copy.ToArray());
            stream.Synchronize();
            Assert.True(source.Buffer.IsReleased);
        });
    }

    [Fact]
    public void Using_a_disposed_array_throws_ObjectDisposedException()
    {
        Array<float> x = Mx.Array(new float[] { 1 });
        using Array<float> y = Mx.Array(new float[1]);
        x.Dispose();
        x.Dispose();

        Assert.Throws<ObjectDisposedException>(() => x.ToArray());
        Assert.Throws<ObjectDisposedException>(() => TestOps.Copy(x, y, Mx.Cpu));
        Assert.Throws<ObjectDisposedException>(() => TestOps.Copy(y, x, Mx.Cpu));
        Assert.Contains("disposed", x.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Many_arrays_disposed_in_flight_never_corrupt_each_other()
    {
        Bounded.Run(() =>
        {
            DeviceStream s1 = Mx.NewStream(Mx.Cpu);
            DeviceStream s2 = Mx.NewStream(Mx.Cpu);
            using Array<float> total = Mx.Array(new float[1024]);
            for (int i = 0; i < 200; i++)
            {
                // Freed memory is reused at once by the next allocation: a premature free would show up in total.
                Array<float> temporary = Mx.Array(new float[1024]);
                TestOps.Fill(temporary, 1, s1);
                TestOps.Add(total, temporary, total, s2);
                temporary.Dispose();
            }

            Assert.All(total.ToArray(), value => Assert.Equal(200, value));
        });
    }
}

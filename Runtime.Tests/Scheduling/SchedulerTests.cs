using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Tandem.Runtime.Tests.Scheduling;

public sealed class SchedulerTests(ITestOutputHelper output)
{
    private static readonly TimeSpan SignalTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public void Two_streams_run_in_parallel()
    {
        Bounded.Run(() =>
        {
            DeviceStream s1 = Mx.NewStream(Mx.Cpu);
            DeviceStream s2 = Mx.NewStream(Mx.Cpu);
            using var signal = new ManualResetEventSlim();
            bool sawSignal = false;
            using Array<float> first = Mx.Array(new float[1]);
            using Array<float> second = Mx.Array(new float[1]);

            // The op on s1 can only finish promptly if the op on s2 runs while it waits.
            TestOps.Run("Test.WaitForSignal", first, () => sawSignal = signal.Wait(SignalTimeout), s1);
            TestOps.Run("Test.SetSignal", second, signal.Set, s2);
            s1.Synchronize();
            s2.Synchronize();

            Assert.True(sawSignal, "The op on s1 never saw the signal set by the op on s2: the streams did not run concurrently.");
        });
    }

    [Fact]
    public void A_read_after_a_write_on_another_stream_waits_for_it()
    {
        Bounded.Run(() =>
        {
            DeviceStream s1 = Mx.NewStream(Mx.Cpu);
            DeviceStream s2 = Mx.NewStream(Mx.Cpu);
            float[] aData = [1, 2, 3, 4];
            float[] bData = [10, 20, 30, 40];
            using Array<float> a = Mx.Array(aData);
            using Array<float> b = Mx.Array(bData);
            using Array<float> c = Mx.Array(new float[4]);
            using Array<float> d = Mx.Array(new float[4]);

            TestOps.Add(a, b, c, s1, delayMs: 100);   // c = a + b, slowly
            TestOps.Add(a, c, d, s2);                 // d = a + c: must wait for c

            float[] expected = aData.Select((x, i) => x + x + bData[i]).ToArray();
            Assert.Equal(expected, d.ToArray());
        });
    }

    [Fact]
    public void A_write_after_a_read_on_another_stream_waits_for_the_read()
    {
        Bounded.Run(() =>
        {
            DeviceStream s1 = Mx.NewStream(Mx.Cpu);
            DeviceStream s2 = Mx.NewStream(Mx.Cpu);
            using Array<float> x = Mx.Array(new float[] { 1, 2, 3 });
            using Array<float> snapshot = Mx.Array(new float[3]);

            TestOps.Copy(x, snapshot, s1, delayMs: 100);   // reads x, slowly
            TestOps.Fill(x, 99, s2);                        // must not overwrite x before the copy read it

            Assert.Equal(new float[] { 1, 2, 3 }, snapshot.ToArray());
            Assert.Equal(new float[] { 99, 99, 99 }, x.ToArray());
        });
    }

    [Fact]
    public void A_write_after_a_write_on_another_stream_lands_last()
    {
        Bounded.Run(() =>
        {
            DeviceStream s1 = Mx.NewStream(Mx.Cpu);
            DeviceStream s2 = Mx.NewStream(Mx.Cpu);
            using Array<float> x = Mx.Array(new float[8]);

            TestOps.Fill(x, 1, s1, delayMs: 100);
            TestOps.Fill(x, 2, s2);
            s1.Synchronize();
            s2.Synchronize();

            Assert.All(x.ToArray(), value => Assert.Equal(2, value));
        });
    }

    [Fact]
    public void Ten_thousand_chained_ops_on_one_stream_are_fast_and_ordered()
    {
        const int Ops = 10_000;
        Bounded.Run(() =>
        {
            DeviceStream stream = Mx.NewStream(Mx.Cpu);
            using Array<float> x = Mx.Array(new float[4]);
            for (int i = 0; i < 1000; i++)
            {
                TestOps.Increment(x, stream);   // warm-up: JIT and thread start
            }

            stream.Synchronize();
            var clock = Stopwatch.StartNew();
            for (int i = 0; i < Ops; i++)
            {
                TestOps.Increment(x, stream);
            }

            float[] result = x.ToArray();
            clock.Stop();

            Assert.All(result, value => Assert.Equal(1000 + Ops, value));
            double microsecondsPerOp = clock.Elapsed.TotalMicroseconds / Ops;
            output.WriteLine($"{Ops} chained ops: {clock.Elapsed.TotalMilliseconds:F1} ms, {microsecondsPerOp:F2} µs per op");

            // Generous bound for a shared 2-core machine; the point is "microseconds", not "milliseconds".
            Assert.True(microsecondsPerOp < 100, $"{microsecondsPerOp:F1} µs per op");
        });
    }

    [Fact]
    public void A_thousand_ops_alternating_between_two_streams_stay_ordered()
    {
        const int Ops = 1000;
        Bounded.Run(() =>
        {
            DeviceStream[] streams = [Mx.NewStream(Mx.Cpu), Mx.NewStream(Mx.Cpu)];

            // Long enough that two unordered increments would overlap and lose updates.
            using Array<float> x = Mx.Array(new float[20_000]);
            for (int i = 0; i < Ops; i++)
            {
                TestOps.Increment(x, streams[i % 2]);
            }

            streams[0].Synchronize();
            streams[1].Synchronize();
            Assert.All(x.ToArray(), value => Assert.Equal(Ops, value));
        });
    }

    [Fact]
    public void Ops_on_one_stream_run_in_order_without_waits()
    {
        Bounded.Run(() =>
        {
            DeviceStream stream = Mx.NewStream(Mx.Cpu);
            using Array<float> x = Mx.Array(new float[3]);
            using Array<float> y = Mx.Array(new float[3]);

            TestOps.Fill(x, 5, stream, delayMs: 50);
            TestOps.Copy(x, y, stream);
            TestOps.Fill(x, 7, stream);

            Assert.Equal(new float[] { 5, 5, 5 }, y.ToArray());
            Assert.Equal(new float[] { 7, 7, 7 }, x.ToArray());
        });
    }

    [Fact]
    public void An_array_passed_twice_to_one_launch_counts_as_written()
    {
        Bounded.Run(() =>
        {
            DeviceStream s1 = Mx.NewStream(Mx.Cpu);
            DeviceStream s2 = Mx.NewStream(Mx.Cpu);
            using Array<float> x = Mx.Array(new float[] { 1, 2, 3 });
            using Array<float> snapshot = Mx.Array(new float[3]);

            // x + x into x: read and written through two parameters.
            TestOps.Add(x, x, x, s1, delayMs: 100);

            // A reader on another stream must see the doubled values, so the duplicate's write was tracked.
            TestOps.Copy(x, snapshot, s2);

            Assert.Equal(new float[] { 2, 4, 6 }, snapshot.ToArray());
        });
    }

    [Fact]
    public void ToArray_waits_only_for_the_writes_to_its_array()
    {
        Bounded.Run(() =>
        {
            DeviceStream busy = Mx.NewStream(Mx.Cpu);
            DeviceStream other = Mx.NewStream(Mx.Cpu);
            using var release = new ManualResetEventSlim();
            using Array<float> blocked = Mx.Array(new float[1]);
            using Array<float> x = Mx.Array(new float[2]);

            TestOps.Run("Test.Blocked", blocked, () => release.Wait(SignalTimeout), busy);
            TestOps.Copy(blocked, blocked, busy);   // more pending work on the busy stream
            TestOps.Fill(x, 3, other);

            Assert.Equal(new float[] { 3, 3 }, x.ToArray());
            Assert.False(release.IsSet);
            release.Set();
            busy.Synchronize();
        });
    }

    [Fact]
    public void Ops_issued_from_several_threads_at_once_are_tracked_consistently()
    {
        const int Threads = 4;
        const int OpsPerThread = 250;
        Bounded.Run(() =>
        {
            DeviceStream[] streams = [Mx.NewStream(Mx.Cpu), Mx.NewStream(Mx.Cpu), Mx.NewStream(Mx.Cpu)];
            using Array<float> shared = Mx.Array(new float[20_000]);
            Array<float>[] own = Enumerable.Range(0, Threads).Select(_ => Mx.Array(new float[8])).ToArray();
            using var start = new Barrier(Threads);

            Thread[] issuers = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
            {
                var random = new Random(t);
                start.SignalAndWait();
                for (int i = 0; i < OpsPerThread; i++)
                {
                    // Every increment of the shared array conflicts with every other, whatever stream it is on.
                    TestOps.Increment(shared, streams[random.Next(streams.Length)]);
                    TestOps.Increment(own[t], streams[random.Next(streams.Length)]);
                }
            })).ToArray();
            foreach (Thread issuer in issuers)
            {
                issuer.Start();
            }

            foreach (Thread issuer in issuers)
            {
                issuer.Join();
            }

            Mx.Synchronize();
            Assert.All(shared.ToArray(), value => Assert.Equal(Threads * OpsPerThread, value));
            foreach (Array<float> array in own)
            {
                Assert.All(array.ToArray(), value => Assert.Equal(OpsPerThread, value));
                array.Dispose();
            }
        });
    }

    [Fact]
    public void Synchronize_of_a_stream_waits_for_all_its_work()
    {
        Bounded.Run(() =>
        {
            DeviceStream stream = Mx.NewStream(Mx.Cpu);
            using Array<float> x = Mx.Array(new float[1]);
            int ran = 0;
            for (int i = 0; i < 20; i++)
            {
                TestOps.Run("Test.Count", x, () => { Thread.Sleep(1); Interlocked.Increment(ref ran); }, stream);
            }

            stream.Synchronize();
            Assert.Equal(20, Volatile.Read(ref ran));
        });
    }

    [Fact]
    public void Mx_Synchronize_waits_for_every_stream()
    {
        Bounded.Run(() =>
        {
            DeviceStream[] streams = [Mx.NewStream(Mx.Cpu), Mx.NewStream(Mx.Cpu)];
            using Array<float> x = Mx.Array(new float[1]);
            using Array<float> y = Mx.Array(new float[1]);
            int ran = 0;
            TestOps.Run("Test.SlowX", x, () => { Thread.Sleep(50); Interlocked.Increment(ref ran); }, streams[0]);
            TestOps.Run("Test.SlowY", y, () => { Thread.Sleep(50); Interlocked.Increment(ref ran); }, streams[1]);

            Mx.Synchronize();
            Assert.Equal(2, Volatile.Read(ref ran));
        });
    }
}

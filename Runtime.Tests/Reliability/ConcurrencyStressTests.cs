using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Tandem.Runtime.Tests.Reliability;

/// <summary>
/// 16 user threads issue ops at the same time on shared and private streams: private arrays are checked against a
/// per-thread model after every read, and a shared array that every thread increments in place (read-modify-write on
/// whichever stream) must count every increment: a lost update means two writers were not ordered.
/// </summary>
public sealed class ConcurrencyStressTests(ITestOutputHelper output)
{
    private const int UserThreads = 16;
    private const int SharedLength = 257;
    private const int AllowedHelperThreads = 2;

    [Fact]
    public void Sixteen_threads_on_shared_and_private_streams_get_correct_results_and_leak_no_threads()
    {
        TimeSpan duration = Soak.Duration(TimeSpan.FromSeconds(4));
        IReadOnlyList<DeviceStream> shared = StreamPool.Streams;
        RunStressOnPrivateStreams(TimeSpan.FromMilliseconds(200), shared); // warm-up: kernels, pools, allocator caches
        int baseline = NonPoolThreadCount();
        int streamThreads = RuntimeBaseline.CountStreamThreads();

        (long increments, long ops) = Bounded.Run(() => RunStressOnPrivateStreams(duration, shared), Soak.Deadline(TimeSpan.FromSeconds(4)));

        int after = SettledNonPoolThreadCount(baseline);
        int streamThreadsAfter = RuntimeBaseline.CountStreamThreads();
        for (int attempt = 0; attempt < 50 && streamThreadsAfter > streamThreads; attempt++)
        {
            Thread.Sleep(100); // a joined thread may take a moment to leave the process's list
            streamThreadsAfter = RuntimeBaseline.CountStreamThreads();
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{UserThreads} threads, {duration.TotalSeconds:0} s: {ops} ops checked, {increments} shared increments; non-pool threads {baseline} -> {after}, stream threads {streamThreads} -> {streamThreadsAfter}"));
        // Each run makes its private streams and disposes them: their threads must be gone. A leak per user thread or
        // op would show as 16 or more non-pool threads; the runtime's own helpers (a pool wait or gate thread started
        // under load) may add one or two once, which is no leak.
        // The baseline may still count a warm-up stream's thread that was joined but had not yet left the process's
        // list: fewer threads afterwards is no leak, more is.
        Assert.True(streamThreadsAfter <= streamThreads, $"DeviceStream threads: {streamThreads} before the stress, {streamThreadsAfter} after: a leak.");
        Assert.True(after <= baseline + AllowedHelperThreads, $"Threads leaked: {baseline} non-pool threads before the stress, {after} after.");
    }

    /// <summary>Runs the stress with a private stream per user thread (every fourth on the GPU), disposed afterwards.</summary>
    private static (long Increments, long Ops) RunStressOnPrivateStreams(TimeSpan duration, IReadOnlyList<DeviceStream> shared)
    {
        DeviceStream[] privateStreams = Enumerable.Range(0, UserThreads).Select(i => Mx.NewStream(StreamPool.HasGpu && i % 4 == 3 ? Mx.Gpu : Mx.Cpu)).ToArray();
        try
        {
            return RunStress(duration, shared, privateStreams);
        }
        finally
        {
            foreach (DeviceStream stream in privateStreams)
            {
                stream.Dispose();
            }
        }
    }

    private static (long Increments, long Ops) RunStress(TimeSpan duration, IReadOnlyList<DeviceStream> shared, DeviceStream[] privateStreams)
    {
        using Array<int> ones = Mx.Full([SharedLength], 1, Mx.Cpu);
        using Array<int> counter = Mx.Zeros<int>([SharedLength], Mx.Cpu);
        long increments = 0;
        long ops = 0;
        var failures = new List<Exception>();
        var stopwatch = Stopwatch.StartNew();
        Thread[] threads = Enumerable.Range(0, UserThreads).Select(t => new Thread(() =>
        {
            try
            {
                var random = new Random(t);
                var state = new PrivateState(random.Next(1, 600));
                while (stopwatch.Elapsed < duration)
                {
                    DeviceStream stream = random.Next(3) == 0 ? privateStreams[t] : shared[random.Next(shared.Count)];
                    if (random.Next(4) == 0)
                    {
                        ReliabilityKernels.MultiplyAddInPlace(SharedLength, 1, ones, counter, stream);
                        Interlocked.Increment(ref increments);
                    }
                    else
                    {
                        state.Step(random, stream, ones);
                    }

                    Interlocked.Increment(ref ops);
                }

                state.Check();
                state.Dispose();
            }
            catch (Exception exception)
            {
                lock (failures)
                {
                    failures.Add(exception);
                }
            }
        })
        { IsBackground = true, Name = $"Stress user {t}" }).ToArray();

        foreach (Thread thread in threads)
        {
            thread.Start();
        }

        foreach (Thread thread in threads)
        {
            thread.Join();
        }

        Assert.Empty(failures);
        int[] counts = counter.ToArray();
        Assert.All(counts, count => Assert.Equal(increments, count));
        return (increments, ops);
    }

    /// <summary>Non-pool threads: the .NET thread pool grows and shrinks on its own schedule, which is no leak.</summary>
    private static int NonPoolThreadCount()
    {
        using var process = Process.GetCurrentProcess();
        return process.Threads.Count - ThreadPool.ThreadCount;
    }

    /// <summary>Threads that just finished may take a moment to leave the process's list.</summary>
    private static int SettledNonPoolThreadCount(int baseline)
    {
        int count = NonPoolThreadCount();
        for (int attempt = 0; attempt < 50 && count > baseline; attempt++)
        {
            Thread.Sleep(100);
            count = NonPoolThreadCount();
        }

        return count;
    }

    /// <summary>One thread's own array and its model; ops on it are issued in order, so the model is exact.</summary>
    private sealed class PrivateState(int length) : IDisposable
    {
        private int[] _model = Enumerable.Range(0, length).ToArray();
        private Array<int> _array = Mx.Array(Enumerable.Range(0, length).ToArray());

        public void Step(Random random, DeviceStream stream, Array<int> ones)
        {
            int scalar = random.Next(-3, 4);
            switch (random.Next(4))
            {
                case 0:
                    // Reads the shared input that every thread reads at the same time.
                    ReliabilityKernels.MultiplyAddInPlace(Math.Min(_array.Length, ones.Length), scalar, ones, _array, stream);
                    for (int i = 0; i < Math.Min(_model.Length, ones.Length); i++)
                    {
                        _model[i] = unchecked((_model[i] * scalar) + 1);
                    }

                    break;
                case 1:
                    // A new array replaces the old one, which is disposed while the add may still read it.
                    Array<int> sum = Mx.Add(_array, scalar, stream);
                    _array.Dispose();
                    _array = sum;
                    _model = _model.Select(value => unchecked(value + scalar)).ToArray();
                    break;
                case 2:
                    Array<int> product = Mx.Multiply(_array, _array, stream);
                    _array.Dispose();
                    _array = product;
                    _model = _model.Select(value => unchecked(value * value)).ToArray();
                    break;
                default:
                    Check();
                    break;
            }
        }

        public void Check() => Assert.Equal(_model, _array.ToArray());

        public void Dispose() => _array.Dispose();
    }
}

using System;
using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace Tandem.Runtime.Tests.Reliability;

/// <summary>
/// A few dedicated threads that run actions handed to them one at a time, in the caller's order: a program is issued
/// from several threads while its issue order stays fixed, so thread-affine bugs show without making results racy.
/// </summary>
internal sealed class IssuingThreads : IDisposable
{
    private readonly BlockingCollection<Action>[] _queues;
    private readonly Thread[] _threads;

    public IssuingThreads(int count)
    {
        _queues = new BlockingCollection<Action>[count];
        _threads = new Thread[count];
        for (int i = 0; i < count; i++)
        {
            var queue = _queues[i] = new BlockingCollection<Action>();
            _threads[i] = new Thread(() =>
            {
                foreach (Action action in queue.GetConsumingEnumerable())
                {
                    action();
                }
            })
            { IsBackground = true, Name = $"Tandem test issuer {i}" };
            _threads[i].Start();
        }
    }

    /// <summary>Runs <paramref name="action"/> on thread <paramref name="thread"/> and waits for it; rethrows its exception.</summary>
    /// <exception cref="TimeoutException">It did not finish within <paramref name="limit"/>: a deadlock.</exception>
    public void Run(int thread, Action action, TimeSpan limit, string what)
    {
        using var done = new ManualResetEventSlim();
        ExceptionDispatchInfo? failure = null;
        _queues[thread].Add(() =>
        {
            try
            {
                action();
            }
            catch (Exception exception)
            {
                failure = ExceptionDispatchInfo.Capture(exception);
            }
            finally
            {
                done.Set();
            }
        });

        if (!done.Wait(limit))
        {
            // The thread stays blocked; it is a background thread, so it cannot keep the test run alive.
            throw new TimeoutException($"{what} did not finish within {limit.TotalSeconds} s on issuing thread {thread}: a deadlock?");
        }

        failure?.Throw();
    }

    public void Dispose()
    {
        foreach (BlockingCollection<Action> queue in _queues)
        {
            queue.CompleteAdding();
        }

        foreach (Thread thread in _threads)
        {
            thread.Join(TimeSpan.FromSeconds(10));
        }

        foreach (BlockingCollection<Action> queue in _queues)
        {
            queue.Dispose();
        }
    }
}

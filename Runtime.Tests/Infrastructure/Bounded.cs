using System;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace Tandem.Runtime.Tests.Infrastructure;

/// <summary>Runs a test body with a deadline, so a deadlock fails the test instead of hanging the run.</summary>
internal static class Bounded
{
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(30);

    /// <summary>How long a body that was asked to stop may take to return before the test gives up on it.</summary>
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(30);

    public static void Run(Action body, TimeSpan? limit = null) => Run(_ => body(), limit);

    public static T Run<T>(Func<T> body, TimeSpan? limit = null)
    {
        T result = default!;
        Run(() => { result = body(); }, limit);
        return result;
    }

    /// <summary>
    /// Runs a body that checks <paramref name="body"/>'s token between its steps. Past the deadline the token is
    /// cancelled and the body gets a grace period to return, so a body that was only slow (a loaded machine) stops
    /// before the test's cleanup runs instead of going on in the background and disturbing the tests after it.
    /// </summary>
    public static void Run(Action<CancellationToken> body, TimeSpan? limit = null)
    {
        using var stop = new CancellationTokenSource();
        Task task = Task.Factory.StartNew(() => body(stop.Token), stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        TimeSpan deadline = limit ?? DefaultLimit;
        if (((IAsyncResult)task).AsyncWaitHandle.WaitOne(deadline))
        {
            task.GetAwaiter().GetResult();
            return;
        }

        stop.Cancel();
        bool stopped = ((IAsyncResult)task).AsyncWaitHandle.WaitOne(StopGrace);
        Assert.Fail(stopped
            ? $"The test did not finish within {deadline.TotalSeconds} s (it stopped when asked): too slow, or a livelock?"
            : $"The test did not finish within {deadline.TotalSeconds} s and did not stop when asked: a deadlock?");
    }
}

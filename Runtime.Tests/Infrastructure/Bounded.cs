using System;
using System.Threading.Tasks;
using Xunit;

namespace Tandem.Runtime.Tests.Infrastructure;

/// <summary>Runs a test body with a deadline, so a deadlock fails the test instead of hanging the run.</summary>
internal static class Bounded
{
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(30);

    public static void Run(Action body, TimeSpan? limit = null)
    {
        Task task = Task.Factory.StartNew(body, TaskCreationOptions.LongRunning);
        TimeSpan deadline = limit ?? DefaultLimit;
        bool finished = ((IAsyncResult)task).AsyncWaitHandle.WaitOne(deadline);
        Assert.True(finished, $"The test did not finish within {deadline.TotalSeconds} s: a deadlock?");
        task.GetAwaiter().GetResult();
    }

    public static T Run<T>(Func<T> body, TimeSpan? limit = null)
    {
        T result = default!;
        Run(() => { result = body(); }, limit);
        return result;
    }
}

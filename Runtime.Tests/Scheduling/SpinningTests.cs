using System;
using System.Diagnostics;
using System.Threading;
using Tandem.Scheduling;
using Xunit;

namespace Tandem.Runtime.Tests.Scheduling;

/// <summary>The poll every wait makes before it blocks (<see cref="Spinning"/>).</summary>
public sealed class SpinningTests
{
    [Fact]
    public void A_poll_returns_at_once_when_the_condition_holds()
    {
        Assert.True(Spinning.Until(0, static _ => true, TimeSpan.Zero));
    }

    [Fact]
    public void A_poll_gives_up_once_its_limit_passed()
    {
        var clock = Stopwatch.StartNew();
        Assert.False(Spinning.Until(0, static _ => false, TimeSpan.FromMilliseconds(5)));
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(5));
    }

    [Fact]
    public void A_poll_sees_what_another_thread_sets()
    {
        var flag = new StrongBox();
        var setter = new Thread(() =>
        {
            Thread.Sleep(2);
            Volatile.Write(ref flag.Value, 1);
        });
        setter.Start();
        Assert.True(Spinning.Until(flag, static box => Volatile.Read(ref box.Value) == 1, TimeSpan.FromSeconds(10)));
        setter.Join();
    }

    private sealed class StrongBox
    {
        public int Value;
    }
}

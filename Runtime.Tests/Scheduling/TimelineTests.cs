using System;
using System.Threading.Tasks;
using Tandem.Scheduling;
using Xunit;

namespace Tandem.Runtime.Tests.Scheduling;

public sealed class TimelineTests
{
    [Fact]
    public async Task A_waiter_wakes_when_the_value_is_reached()
    {
        var timeline = new HostTimeline();
        Task waiter = Waiter(timeline, 3);
        await AssertWakesOnlyAt(timeline, waiter, first: 1, value: 3);
        Assert.True(timeline.HasReached(3));
    }

    [Fact]
    public async Task Sleepers_waiting_for_different_values_each_wake_once_theirs_is_reached()
    {
        var timeline = new HostTimeline();
        Task early = Waiter(timeline, 3);
        Task late = Waiter(timeline, 6);
        await Task.Delay(Spinning.BeforeBlocking * 2); // both past their polling, asleep
        await AssertWakesOnlyAt(timeline, early, first: 1, value: 3);
        await AssertWakesOnlyAt(timeline, late, first: 4, value: 6);
    }

    [Fact]
    public async Task No_wake_up_is_lost_when_the_signal_races_with_a_thread_going_to_sleep()
    {
        // The signal comes while the waiter polls (0–200 µs after it started waiting), or within 200 µs either side of
        // the end of its polling (Spinning.BeforeBlocking): just before it goes to sleep, as it does, or just after.
        var random = new System.Random(5);
        long ticksPerMicrosecond = System.Diagnostics.Stopwatch.Frequency / 1_000_000;
        long pollTicks = (long)(Spinning.BeforeBlocking.TotalMicroseconds * ticksPerMicrosecond);
        for (int round = 0; round < 120; round++)
        {
            var timeline = new HostTimeline();
            var started = new System.Threading.ManualResetEventSlim();
            Task waiter = Task.Factory.StartNew(() =>
            {
                started.Set();
                timeline.WaitHost(1);
            }, TaskCreationOptions.LongRunning);
            started.Wait();
            long offset = round % 2 == 0 ? random.Next(0, 200) * ticksPerMicrosecond : Math.Max(0, pollTicks + (random.Next(-200, 200) * ticksPerMicrosecond));
            long until = System.Diagnostics.Stopwatch.GetTimestamp() + offset;
            while (System.Diagnostics.Stopwatch.GetTimestamp() < until)
            {
            }

            timeline.Signal(1);
            Task first = await Task.WhenAny(waiter, Task.Delay(System.TimeSpan.FromSeconds(10)));
            Assert.True(first == waiter, $"round {round}: the waiter missed the signal");
        }
    }

    /// <summary>
    /// Signals <paramref name="first"/> up to the value before <paramref name="value"/> and checks the waiter still
    /// waits, then signals <paramref name="value"/> and waits for the waiter to return.
    /// </summary>
    private static async Task AssertWakesOnlyAt(HostTimeline timeline, Task waiter, ulong first, ulong value)
    {
        for (ulong signalled = first; signalled < value; signalled++)
        {
            timeline.Signal(signalled);
        }

        await Task.Delay(20);
        Assert.False(waiter.IsCompleted, $"the waiter for {value} returned at {value - 1}");
        timeline.Signal(value);
        await waiter.WaitAsync(System.TimeSpan.FromSeconds(10));
    }

    /// <summary>A thread of its own that waits for <paramref name="value"/>.</summary>
    private static Task Waiter(HostTimeline timeline, ulong value) =>
        Task.Factory.StartNew(() => timeline.WaitHost(value), TaskCreationOptions.LongRunning);
}

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
        Task waiter = Task.Factory.StartNew(() => timeline.WaitHost(3), TaskCreationOptions.LongRunning);
        timeline.Signal(1);
        timeline.Signal(2);
        await Task.Delay(20);
        Assert.False(waiter.IsCompleted);
        timeline.Signal(3);
        await waiter.WaitAsync(System.TimeSpan.FromSeconds(10));
        Assert.True(timeline.HasReached(3));
    }
}

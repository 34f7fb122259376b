using System;
using System.Globalization;
using Tandem.Scheduling;

namespace Tandem;

/// <summary>
/// An ordered queue of work on one device. Ops on one stream run in order; ops on different streams run in parallel
/// unless they touch the same array in a conflicting way, in which case the later one waits for the earlier one.
/// </summary>
public sealed class Stream
{
    internal Stream(Device device, int index, Func<Stream, StreamExecutor> createExecutor)
    {
        Device = device;
        Index = index;
        Executor = createExecutor(this);
    }

    /// <summary>The device the stream's work runs on.</summary>
    public Device Device { get; }

    /// <summary>The stream's number, unique in the process.</summary>
    public int Index { get; }

    internal StreamExecutor Executor { get; }

    /// <summary>"cpu stream 1": how messages name the stream.</summary>
    internal string Description => string.Create(CultureInfo.InvariantCulture, $"{Device.ShortName} stream {Index}");

    /// <summary>
    /// Waits until all work queued on this stream so far has finished.
    /// </summary>
    /// <exception cref="KernelExecutionException">
    /// An op of this stream queued since the last synchronization failed, or did not run because an op it depends on
    /// failed. The stream stays usable.
    /// </exception>
    public void Synchronize()
    {
        ulong target = Executor.LastSubmitted;
        Executor.Timeline.WaitHost(target);
        KernelExecutionException? failure = Executor.TakeFailures(target);
        if (failure is not null)
        {
            throw failure;
        }
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"Stream({Device.ShortName}, {Index})");
}

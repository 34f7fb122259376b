using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Tandem.Devices;
using Tandem.Scheduling;
using Tandem.Tracing;

namespace Tandem;

/// <summary>
/// An ordered queue of work on one device. Ops on one stream run in order; ops on different streams run in parallel
/// unless they touch the same array in a conflicting way, in which case the later one waits for the earlier one.
/// </summary>
/// <remarks>
/// A stream made with <see cref="Mx.NewStream"/> owns worker threads until it is disposed; a device's default stream
/// lives as long as the process (disposing it does nothing).
/// </remarks>
public sealed class DeviceStream : IDisposable
{
    private int _disposed;

    internal DeviceStream(Device device, int index, bool isDefault, Func<DeviceStream, StreamExecutor> createExecutor)
    {
        Device = device;
        Index = index;
        IsDefault = isDefault;
        Executor = createExecutor(this);
    }

    /// <summary>The device the stream's work runs on.</summary>
    public Device Device { get; }

    /// <summary>The stream's number, unique in the process.</summary>
    public int Index { get; }

    /// <summary>True once <see cref="Dispose"/> was called; launching work on the stream then throws.</summary>
    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>True for a device's default stream (<see cref="Mx.DefaultStream"/>), which disposing leaves running.</summary>
    internal bool IsDefault { get; }

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
        if (TraceRecorder.Active is { } trace && !Executor.Timeline.HasReached(target))
        {
            long start = Stopwatch.GetTimestamp();
            Executor.Timeline.WaitHost(target);
            trace.HostWaited("Synchronize", start, new TracedProducer(this, target, $"last op of {Description}"));
        }

        Executor.Timeline.WaitHost(target);
        ThrowFailuresUpTo(target);
    }

    /// <summary>
    /// A task that completes when all work queued on this stream so far has finished, without blocking a thread
    /// meanwhile: for UI and server code. It fails as <see cref="Synchronize"/> throws.
    /// </summary>
    /// <param name="cancellationToken">Stops the waiting (the task is then canceled); the queued work still runs.</param>
    /// <returns>The task.</returns>
    /// <exception cref="KernelExecutionException">
    /// (In the task.) An op of this stream queued since the last synchronization failed, or did not run because an op
    /// it depends on failed.
    /// </exception>
    /// <exception cref="OperationCanceledException">(In the task.) <paramref name="cancellationToken"/> was canceled first.</exception>
    public async Task SynchronizeAsync(CancellationToken cancellationToken = default)
    {
        ulong target = Executor.LastSubmitted;
        await Executor.Timeline.WhenReached(target).WaitAsync(cancellationToken).ConfigureAwait(false);
        ThrowFailuresUpTo(target);
    }

    /// <summary>
    /// Waits until the work queued on this stream has finished, then stops the stream's threads. Later launches on
    /// it throw <see cref="ObjectDisposedException"/>; arrays it wrote stay valid. A kernel failure is not thrown here:
    /// <see cref="Synchronize"/> (before or after disposing) and <see cref="Array{T}.ToArray"/> still report it.
    /// </summary>
    /// <remarks>
    /// Never throws. A device's default stream lives as long as the process: disposing it does nothing, so code that
    /// disposes whatever stream it was given stays correct.
    /// </remarks>
    public void Dispose()
    {
        if (IsDefault)
        {
            return;
        }

        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // After this no launch can join the queue (the scheduler checks IsDisposed under its lock), so the last
        // queued op is final.
        ulong last = Scheduler.Close(this);
        StreamRegistry.Remove(this);
        Executor.Timeline.WaitHost(last);
        Executor.Shutdown();
    }

    /// <summary>Throws the first unreported failure among this stream's ops up to <paramref name="target"/>.</summary>
    private void ThrowFailuresUpTo(ulong target)
    {
        KernelExecutionException? failure = Executor.TakeFailures(target);
        if (failure is not null)
        {
            throw failure;
        }
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"DeviceStream({Device.ShortName}, {Index})");
}

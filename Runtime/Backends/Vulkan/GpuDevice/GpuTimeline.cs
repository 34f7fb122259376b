using System.Threading;
using Tandem.Backends.Vulkan.Compute;
using Tandem.Scheduling;

namespace Tandem.Backends.Vulkan.GpuDevice;

/// <summary>
/// A GPU stream's progress over its Vulkan timeline semaphore. Each submitted batch signals the sequence number of
/// its last op, so the semaphore's value is the stream's <see cref="Timeline.CompletedValue"/> directly.
/// </summary>
/// <remarks>
/// <see cref="CompletedValue"/> is what the host has seen: the stream's completion thread (or a host waiter) advances it
/// after the semaphore reached a batch's value and that batch's buffers were released, so it never needs a Vulkan
/// call — the dependency tracker reads it under the scheduler's lock. After a device loss it is advanced past the
/// failed ops (whose errors are set first), so waiters return and see the failure instead of hanging.
/// </remarks>
internal sealed class GpuTimeline : Timeline
{
    private readonly GpuStreamExecutor _owner;
    private ulong _known;

    /// <param name="owner">The stream behind this timeline.</param>
    /// <param name="backend">The GPU it runs on.</param>
    /// <param name="semaphore">Its Vulkan timeline semaphore.</param>
    /// <param name="start">The value the timeline starts at: what the semaphore reached before this stream used it.</param>
    public GpuTimeline(GpuStreamExecutor owner, GpuBackend backend, TimelineSemaphore semaphore, ulong start)
    {
        _owner = owner;
        Backend = backend;
        Semaphore = semaphore;
        _known = start;
    }

    /// <summary>The GPU the stream runs on: a batch on another device cannot wait on <see cref="Semaphore"/>.</summary>
    public GpuBackend Backend { get; }

    /// <summary>The semaphore other GPU streams' batches wait on.</summary>
    public TimelineSemaphore Semaphore { get; }

    /// <summary>True once the op <paramref name="value"/> is in a submitted batch (or failed without one).</summary>
    public bool IsSubmitted(ulong value) => _owner.IsSubmitted(value);

    /// <summary>
    /// Makes sure the op <paramref name="value"/> is in a submitted batch (the stream is asked to submit it, and this
    /// blocks until it did), so its outcome is known; returns the value of <see cref="Semaphore"/> a device-side wait
    /// for it names — the batch's own signal — or 0 when that batch completed already.
    /// </summary>
    public ulong EnsureSubmitted(ulong value)
    {
        _owner.EnsureSubmitted(value);
        return _owner.SignalCovering(value);
    }

    public override ulong CompletedValue => Volatile.Read(ref _known);

    /// <summary>Submits the op <paramref name="value"/> if it still sits in the batch being recorded, then waits for it.</summary>
    public override void WaitHost(ulong value)
    {
        if (!HasReached(value))
        {
            _owner.WaitUntilCompleted(value);
        }
    }

    /// <summary>Raises <see cref="CompletedValue"/> to <paramref name="value"/> (never lowers it).</summary>
    public void Advance(ulong value)
    {
        AtomicMaximum.Raise(ref _known, value);
        ReleaseReachedWaiters();
    }

    /// <summary>Asks the stream to submit the batch holding op <paramref name="value"/>; its completion thread then advances the timeline.</summary>
    protected override void RequestProgress(ulong value) => _owner.RequestFlush(value);
}

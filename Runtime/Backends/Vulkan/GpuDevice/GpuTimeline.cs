using System.Threading;
using Tandem.Scheduling;
using Tandem.Backends.Vulkan.Compute;

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
    /// <param name="semaphore">Its Vulkan timeline semaphore.</param>
    /// <param name="start">The value the timeline starts at: what the semaphore reached before this stream used it.</param>
    public GpuTimeline(GpuStreamExecutor owner, TimelineSemaphore semaphore, ulong start)
    {
        _owner = owner;
        Semaphore = semaphore;
        _known = start;
    }

    /// <summary>The semaphore other GPU streams' batches wait on.</summary>
    public TimelineSemaphore Semaphore { get; }

    /// <summary>The stream behind this timeline.</summary>
    public GpuStreamExecutor Owner => _owner;

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
    public void Advance(ulong value) => AtomicMaximum.Raise(ref _known, value);
}

namespace Tandem.Scheduling;

/// <summary>
/// A stream's progress: a counter that only grows, one step per op the stream finishes (the sequence number of its
/// last finished op). It is the device-neutral form of "has op n of stream s finished?": a CPU stream counts on the
/// host; a GPU stream maps it onto a Vulkan timeline semaphore.
/// </summary>
internal abstract class Timeline
{
    /// <summary>The sequence number of the last finished op; 0 before the first.</summary>
    public abstract ulong CompletedValue { get; }

    /// <summary>True once the op numbered <paramref name="value"/> finished.</summary>
    public bool HasReached(ulong value) => CompletedValue >= value;

    /// <summary>Blocks the calling host thread until the op numbered <paramref name="value"/> finished.</summary>
    public abstract void WaitHost(ulong value);
}

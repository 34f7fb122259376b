using Tandem.Tracing;

namespace Tandem.Scheduling;

/// <summary>A launch queued on a stream, with everything its executor must respect and release.</summary>
/// <param name="Completion">Its own completion, signalled by the executor.</param>
/// <param name="Waits">
/// Unfinished ops of other streams that conflict with the launch (read after write, write after read, write after
/// write), at most one per stream: the latest, since a stream finishes in order.
/// </param>
/// <param name="Uses">
/// The distinct buffers it uses, with the writers of its inputs and the buffers it writes first
/// (<see cref="DependencyTracker.Register"/>); each buffer holds one user reference until the op finished.
/// </param>
/// <param name="Launch">What to run.</param>
internal sealed record ScheduledOp(Event Completion, Event[] Waits, BufferUse[] Uses, KernelLaunch Launch)
{
    /// <summary>Where the executor records the op's times while a trace runs; null otherwise.</summary>
    public TracedOp? Trace { get; init; }

    /// <summary>The first input whose writer failed (its use names the parameter), or null; only valid once every wait is over.</summary>
    public BufferUse? FindFailedInput()
    {
        foreach (BufferUse use in Uses)
        {
            if (use.InputWriter?.Error is not null)
            {
                return use;
            }
        }

        return null;
    }

    /// <summary>
    /// The op failed: the buffers it was the first to write hold their initial contents again (a fresh output its failed
    /// writer did not fill reads as zeros, if a later kernel that only writes part of it lets anyone read it).
    /// </summary>
    public void ForgetFailedFirstWrites()
    {
        foreach (BufferUse use in Uses)
        {
            if (use.FirstWrite)
            {
                use.Buffer.ForgetFailedFirstWrite();
            }
        }
    }

    /// <summary>Lets go of the buffers; memory of arrays disposed meanwhile is released here.</summary>
    public void ReleaseBuffers()
    {
        foreach (BufferUse use in Uses)
        {
            use.Buffer.RemoveUser();
        }
    }
}

using Tandem.Memory;
using Tandem.Tracing;

namespace Tandem.Scheduling;

/// <summary>A launch queued on a stream, with everything its executor must respect and release.</summary>
/// <param name="Completion">Its own completion, signalled by the executor.</param>
/// <param name="Plan">The other streams' work to wait for, and the writers of its inputs.</param>
/// <param name="Uses">The distinct buffers it uses; each holds one user reference until the op finished.</param>
/// <param name="Launch">What to run.</param>
internal sealed record ScheduledOp(Event Completion, DependencyPlan Plan, BufferUse[] Uses, KernelLaunch Launch)
{
    /// <summary>Where the executor records the op's times while a trace runs; null otherwise.</summary>
    public TracedOp? Trace { get; init; }

    /// <summary>The first input whose writer failed; only valid once every wait is over.</summary>
    public InputWriter? FindFailedInput()
    {
        foreach (InputWriter input in Plan.InputWriters)
        {
            if (input.Writer.Error is not null)
            {
                return input;
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
        foreach (UnifiedBuffer buffer in Plan.FirstWrites)
        {
            buffer.ForgetFailedFirstWrite();
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

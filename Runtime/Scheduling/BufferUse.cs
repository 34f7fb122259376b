using Tandem.Memory;

namespace Tandem.Scheduling;

/// <summary>
/// How one launch uses one buffer; each buffer appears once per launch (its parameters' uses combined). The launcher
/// fills the first four; the dependency tracker adds what the launch depends on, under the scheduler's lock, in the
/// queued op's own array (no plan of its own to allocate).
/// </summary>
/// <param name="Buffer">The buffer.</param>
/// <param name="Reads">True when the launch may read its elements: it then depends on the data of the buffer's last writer.</param>
/// <param name="Writes">True when the launch may write it (a <c>Span</c> parameter).</param>
/// <param name="Parameter">The kernel parameter that reads it (else the first that writes it): messages name it.</param>
internal readonly record struct BufferUse(UnifiedBuffer Buffer, bool Reads, bool Writes, string Parameter)
{
    /// <summary>
    /// The op that last wrote the buffer, on any stream, when the launch reads it and that op's outcome was not yet
    /// known to be success: if it failed, the launch must not run on its output. (A buffer the launch only writes is
    /// not an input.)
    /// </summary>
    public Event? InputWriter { get; init; }

    /// <summary>
    /// True when the launch is the first to write the buffer while it holds its initial contents (an op's fresh output,
    /// zeros): should the launch fail, it holds those contents again (<see cref="UnifiedBuffer.ForgetFailedFirstWrite"/>).
    /// </summary>
    public bool FirstWrite { get; init; }
}

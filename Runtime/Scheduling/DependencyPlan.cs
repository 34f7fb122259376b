using Tandem.Memory;

namespace Tandem.Scheduling;

/// <summary>What a launch must respect before it runs.</summary>
/// <param name="Waits">
/// Unfinished ops of other streams that conflict with the launch (read after write, write after read, write after
/// write), at most one per stream: the latest, since a stream finishes in order.
/// </param>
/// <param name="InputWriters">
/// The ops that last wrote the buffers the launch reads, on any stream, whose outcome is not yet known to be success:
/// if one of them failed, the launch must not run on its output. (A buffer the launch only writes is not an input.)
/// </param>
/// <param name="FirstWrites">
/// The buffers the launch is the first to write while they hold their initial contents (an op's fresh output, zeros):
/// should the launch fail, they hold those contents again (<see cref="UnifiedBuffer.ForgetFailedFirstWrite"/>).
/// </param>
internal readonly record struct DependencyPlan(Event[] Waits, InputWriter[] InputWriters, UnifiedBuffer[] FirstWrites);

namespace Tandem.Scheduling;

/// <summary>The op that last wrote a buffer a launch reads, and the parameter the launch reads it as.</summary>
/// <param name="Writer">The writer's completion.</param>
/// <param name="Parameter">The reading kernel's parameter, for the message when the writer failed.</param>
internal readonly record struct InputWriter(Event Writer, string Parameter);

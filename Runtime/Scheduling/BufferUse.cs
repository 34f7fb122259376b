using Tandem.Memory;

namespace Tandem.Scheduling;

/// <summary>How one launch uses one buffer; each buffer appears once per launch (its parameters' uses combined).</summary>
/// <param name="Buffer">The buffer.</param>
/// <param name="Reads">True when the launch may read its elements: it then depends on the data of the buffer's last writer.</param>
/// <param name="Writes">True when the launch may write it (a <c>Span</c> parameter).</param>
/// <param name="Parameter">The kernel parameter that reads it (else the first that writes it): messages name it.</param>
internal readonly record struct BufferUse(UnifiedBuffer Buffer, bool Reads, bool Writes, string Parameter);

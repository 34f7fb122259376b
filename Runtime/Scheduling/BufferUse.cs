using Tandem.Memory;

namespace Tandem.Scheduling;

/// <summary>How one launch uses one buffer; each buffer appears once per launch (a write wins over a read).</summary>
/// <param name="Buffer">The buffer.</param>
/// <param name="Writes">True when the launch may write it (a <c>Span</c> parameter).</param>
internal readonly record struct BufferUse(UnifiedBuffer Buffer, bool Writes);

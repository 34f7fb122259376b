using Tandem.Generator.Model;

namespace Tandem.Generator.Lowering;

/// <summary>
/// What a span symbol in the body stands for while lowering: a kernel buffer, a group-shared array, or (inside a
/// helper) whichever of those the call passed to the helper's span parameter.
/// </summary>
/// <param name="Name">The buffer's parameter name or the shared array's name: the HLSL global it indexes.</param>
/// <param name="ElementType">The element type.</param>
/// <param name="Writable">False for a ReadOnlySpan.</param>
/// <param name="SharedLength">The constant length of a group-shared array; null for a buffer.</param>
internal sealed record SpanBinding(string Name, ScalarType ElementType, bool Writable, int? SharedLength);

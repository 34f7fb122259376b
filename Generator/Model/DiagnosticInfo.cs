using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Tandem.Generator.Model;

/// <summary>
/// A diagnostic kept as plain values (no syntax tree), so the parser's result stays equatable; it is turned
/// back into a <see cref="Diagnostic"/> when reported.
/// </summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, string? FilePath, TextSpan Span, LinePositionSpan LineSpan, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location? location, params string[] arguments)
    {
        var lineSpan = location?.GetLineSpan();
        return new DiagnosticInfo(
            descriptor,
            location?.SourceTree?.FilePath,
            location?.SourceSpan ?? default,
            lineSpan?.Span ?? default,
            arguments.ToEquatableArray());
    }

    /// <param name="severity">The severity to report it with; null: the descriptor's.</param>
    public Diagnostic ToDiagnostic(DiagnosticSeverity? severity = null)
    {
        var location = FilePath is null ? Location.None : Location.Create(FilePath, Span, LineSpan);
        var arguments = System.Linq.Enumerable.ToArray<object?>(Arguments);
        return severity is { } raised
            ? Diagnostic.Create(Descriptor, location, raised, additionalLocations: null, properties: null, arguments)
            : Diagnostic.Create(Descriptor, location, arguments);
    }
}

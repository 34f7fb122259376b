using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Tandem.Generator.Model;

/// <summary>A place in a source file kept as plain values (no syntax tree), so models that hold one stay equatable.</summary>
internal sealed record SourceLocation(string? FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public static SourceLocation From(Location? location) =>
        new(location?.SourceTree?.FilePath, location?.SourceSpan ?? default, location?.GetLineSpan().Span ?? default);

    public Location ToLocation() => FilePath is null ? Location.None : Location.Create(FilePath, Span, LineSpan);
}

/// <summary>
/// A diagnostic kept as plain values (no syntax tree), so the pipeline's results stay equatable; it is turned
/// back into a <see cref="Diagnostic"/> when reported.
/// </summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, SourceLocation Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location? location, params string[] arguments) =>
        Create(descriptor, SourceLocation.From(location), arguments);

    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, SourceLocation location, params string[] arguments) =>
        new(descriptor, location, arguments.ToEquatableArray());

    /// <param name="severity">The severity to report it with; null: the descriptor's.</param>
    public Diagnostic ToDiagnostic(DiagnosticSeverity? severity = null)
    {
        var location = Location.ToLocation();
        var arguments = System.Linq.Enumerable.ToArray<object?>(Arguments);
        return severity is { } raised
            ? Diagnostic.Create(Descriptor, location, raised, additionalLocations: null, properties: null, arguments)
            : Diagnostic.Create(Descriptor, location, arguments);
    }
}

using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Tandem.Abi;
using Tandem.Generator.Analysis;
using Tandem.Generator.Model;

namespace Tandem.Generator.Lowering;

/// <summary>What lowering makes of one <c>[Kernel]</c> method: the lowered kernel (null on errors) and diagnostics.</summary>
/// <param name="Kernel">The kernel IR, which holds no source offsets, so an edit that moves the method leaves it equal.</param>
/// <param name="Diagnostics">What lowering reports.</param>
/// <param name="Name">Where the method's name is: where diagnostics about the whole kernel point.</param>
internal sealed record LoweringResult(LoweredKernel? Kernel, EquatableArray<DiagnosticInfo> Diagnostics, SourceLocation? Name);

/// <summary>
/// Lowers a <c>[Kernel]</c> method's syntax and semantics to a <see cref="LoweredKernel"/>: checks the method's shape
/// and parameters here, lowers the body in the other parts of this class, and reports what it cannot translate. The
/// state of the body being lowered is the current <see cref="LoweringScope"/>; the fields are what the kernel as a
/// whole collects (its buffers, helpers, shared arrays, required features).
/// </summary>
internal sealed partial class KernelLowerer
{
    private const int MaxGroupThreads = 1024;

    private readonly IMethodSymbol _method;
    private readonly CancellationToken _cancellationToken;
    private readonly List<DiagnosticInfo> _diagnostics = new();
    private readonly Dictionary<IParameterSymbol, BufferSpec> _buffers = new(SymbolEqualityComparer.Default);
    private readonly HashSet<IParameterSymbol> _uniforms = new(SymbolEqualityComparer.Default);
    private IParameterSymbol? _threadIndex;
    private int _rank;

    /// <summary>The scope of the body being lowered: the kernel's, or a helper's while a call's helper is lowered.</summary>
    private LoweringScope _scope;

    /// <summary>Why the CPU version cannot be a SIMD loop, found while lowering (calls, atomics, groups, vectors).</summary>
    private string? _scalarReason;

    private void NotVectorizable(string reason) => _scalarReason ??= reason;

    private KernelLowerer(SemanticModel model, IMethodSymbol method, CancellationToken cancellationToken)
    {
        _scope = LoweringScope.ForKernel(model, method);
        _method = method;
        _cancellationToken = cancellationToken;
    }

    public static LoweringResult Lower(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not IMethodSymbol method || context.TargetNode is not MethodDeclarationSyntax syntax)
        {
            return new LoweringResult(null, EquatableArray<DiagnosticInfo>.Empty, null);
        }

        var lowerer = new KernelLowerer(context.SemanticModel, method, cancellationToken);
        var kernel = lowerer.LowerKernel(syntax, context.Attributes.FirstOrDefault());
        return new LoweringResult(lowerer.HasErrors ? null : kernel, lowerer._diagnostics.ToEquatableArray(), SourceLocation.From(syntax.Identifier.GetLocation()));
    }

    private void Report(DiagnosticDescriptor descriptor, Location? location, params string[] arguments) =>
        _diagnostics.Add(DiagnosticInfo.Create(descriptor, location, arguments));

    private bool HasErrors => _diagnostics.Any(d => d.Descriptor.DefaultSeverity == DiagnosticSeverity.Error);

    private LoweredKernel? LowerKernel(MethodDeclarationSyntax syntax, AttributeData? attribute)
    {
        var name = _method.Name;
        var location = syntax.Identifier.GetLocation();
        var containingTypes = ParseContainingTypes(syntax, location);

        if (!_method.IsStatic)
        {
            Report(DiagnosticDescriptors.MethodNotStatic, location, name);
        }

        if (_method.IsGenericMethod || IsInGenericType(_method.ContainingType))
        {
            Report(DiagnosticDescriptors.GenericKernel, location, name);
        }

        if (!_method.ReturnsVoid)
        {
            Report(DiagnosticDescriptors.NonVoidKernel, syntax.ReturnType.GetLocation(), name);
        }

        if (_method.ContainingType.GetMembers(name).Count(m => m is IMethodSymbol other && HasKernelAttribute(other)) > 1)
        {
            Report(DiagnosticDescriptors.DuplicateKernelName, location, _method.ContainingType.Name, name);
        }

        var parameters = ParseParameters(syntax);
        var (groupX, groupY, groupZ) = ParseGroupSize(attribute, syntax);
        _groupSize = (groupX, groupY, groupZ);
        var uniformSpecs = LayoutUniforms(out var uniformSize);
        if (uniformSize > KernelAbi.MaxBlockSize)
        {
            Report(DiagnosticDescriptors.TooManyUniforms, location, name, uniformSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (HasErrors || containingTypes is null || _threadIndex is null)
        {
            return null;
        }

        var body = LowerBody(syntax);
        if (body is null || HasErrors)
        {
            return null;
        }

        if (_usesGroups)
        {
            CheckGroupKernel(body, location);
            if (HasErrors)
            {
                return null;
            }
        }

        return new LoweredKernel(
            containingTypes.Value.Namespace,
            containingTypes.Value.Types,
            name,
            AccessibilityText(_method.DeclaredAccessibility),
            _rank,
            groupX,
            groupY,
            groupZ,
            parameters,
            _buffers.Values.OrderBy(b => b.Binding).ToEquatableArray(),
            uniformSpecs,
            uniformSize,
            _threadIndex.Name,
            body,
            _features,
            _helpers.ToEquatableArray(),
            _sharedArrays.ToEquatableArray(),
            _usesGroups,
            _spanArguments.OrderBy(n => n, System.StringComparer.Ordinal).ToEquatableArray(),
            _scalarReason,
            SpotOf(location, _scope.Model.Compilation));
    }

    /// <summary>Where the kernel is declared, with the path mapped as the compiler maps it for the PDB (<c>/pathmap</c>).</summary>
    private static SourceSpot SpotOf(Location location, Compilation compilation)
    {
        var span = location.GetMappedLineSpan();
        var path = span.Path;
        if (compilation.Options.SourceReferenceResolver is SourceFileResolver resolver)
        {
            foreach (var pair in resolver.PathMap)
            {
                if (path.StartsWith(pair.Key, System.StringComparison.Ordinal))
                {
                    path = pair.Value + path.Substring(pair.Key.Length);
                    break;
                }
            }
        }

        return new SourceSpot(path, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1);
    }

    /// <summary>
    /// The CPU version of a group kernel is generated C# that runs the body phase by phase, with the thread index
    /// computed per thread: a body that assigns it is refused. (It calls the same helpers the user's method calls,
    /// so they are accessible from it.)
    /// </summary>
    private void CheckGroupKernel(BlockStmt body, Location location)
    {
        if (KernelAnalysis.AssignsThreadIndex(body))
        {
            Report(DiagnosticDescriptors.UnsupportedExpression, location, $"Assigning the thread index '{_threadIndex!.Name}' in a kernel that uses Group",
                "copy it into a local and change that");
        }
    }

    private static string AccessibilityText(Accessibility accessibility) => accessibility switch
    {
        Accessibility.Public => "public",
        Accessibility.Internal => "internal",
        Accessibility.Protected => "protected",
        Accessibility.ProtectedOrInternal => "protected internal",
        Accessibility.ProtectedAndInternal => "private protected",
        _ => "private",
    };

    private static bool HasKernelAttribute(IMethodSymbol method) =>
        method.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == KernelGenerator.KernelAttributeName);

    private static bool IsInGenericType(INamedTypeSymbol? type)
    {
        for (; type is not null; type = type.ContainingType)
        {
            if (type.IsGenericType)
            {
                return true;
            }
        }

        return false;
    }

    private (string? Namespace, EquatableArray<ContainingTypeSpec> Types)? ParseContainingTypes(MethodDeclarationSyntax syntax, Location location)
    {
        var types = new List<ContainingTypeSpec>();
        var allPartial = true;
        for (var node = syntax.Parent as TypeDeclarationSyntax; node is not null; node = node.Parent as TypeDeclarationSyntax)
        {
            if (!node.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                allPartial = false;
                Report(DiagnosticDescriptors.TypeNotPartial, node.Identifier.GetLocation(), node.Identifier.ValueText, _method.Name);
            }

            var keyword = node switch
            {
                RecordDeclarationSyntax r => r.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) ? "record struct" : "record",
                _ => node.Keyword.ValueText,
            };
            types.Insert(0, new ContainingTypeSpec(keyword, node.Identifier.ValueText));
        }

        if (types.Count == 0 || !allPartial)
        {
            if (types.Count == 0)
            {
                Report(DiagnosticDescriptors.TypeNotPartial, location, "<none>", _method.Name);
            }

            return null;
        }

        var ns = _method.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : null;
        return (ns, types.ToEquatableArray());
    }

    private (int X, int Y, int Z) ParseGroupSize(AttributeData? attribute, MethodDeclarationSyntax syntax)
    {
        var values = attribute?.ConstructorArguments.Select(a => a.Value is int v ? v : 0).ToArray() ?? System.Array.Empty<int>();
        var location = syntax.AttributeLists.SelectMany(l => l.Attributes)
            .FirstOrDefault(a => a.Name.ToString().Contains("Kernel"))?.GetLocation() ?? syntax.Identifier.GetLocation();
        if (values.Length == 0)
        {
            return _rank switch
            {
                2 => (16, 16, 1),
                3 => (4, 4, 4),
                _ => (256, 1, 1),
            };
        }

        var x = values[0];
        var y = values.Length > 1 ? values[1] : 1;
        var z = values.Length > 2 ? values[2] : 1;
        if (x <= 0 || y <= 0 || z <= 0)
        {
            Report(DiagnosticDescriptors.InvalidGroupSize, location, _method.Name, "every dimension must be at least 1");
        }
        else if ((long)x * y * z > MaxGroupThreads)
        {
            Report(DiagnosticDescriptors.InvalidGroupSize, location, _method.Name, "a group may hold at most 1024 threads (x * y * z)");
        }
        else if (_rank > 0 && values.Length > _rank)
        {
            Report(DiagnosticDescriptors.InvalidGroupSize, location, _method.Name, $"it has {values.Length} dimensions but the thread index has {_rank}");
        }

        return (x, y, z);
    }

    private EquatableArray<ParameterSpec> ParseParameters(MethodDeclarationSyntax syntax)
    {
        var result = new List<ParameterSpec>();
        var parameters = _method.Parameters;
        if (parameters.Length == 0 || ThreadIndexRank(parameters[0].Type) is not { } indexRank || parameters[0].RefKind != RefKind.None)
        {
            var found = parameters.Length == 0 ? "no parameters" : $"'{parameters[0].Type.ToDisplayString()}'";
            Report(DiagnosticDescriptors.BadThreadIndex, parameters.Length == 0 ? syntax.ParameterList.GetLocation() : ParameterLocation(parameters[0]), _method.Name, found);
            return EquatableArray<ParameterSpec>.Empty;
        }

        _threadIndex = parameters[0];
        _rank = indexRank;
        result.Add(new ParameterSpec(_threadIndex.Name, ParameterKind.ThreadIndex));

        foreach (var parameter in parameters.Skip(1))
        {
            if (parameter.Name is "stream" or "extent")
            {
                Report(DiagnosticDescriptors.ReservedParameterName, ParameterLocation(parameter), parameter.Name);
                continue;
            }

            if (parameter.RefKind == RefKind.None && SpanElementType(parameter.Type) is { } span && MapBufferElementType(span.Element) is { } element)
            {
                _buffers.Add(parameter, new BufferSpec(parameter.Name, element, span.Writable, _buffers.Count));
                _scope.BindSpan(parameter, new SpanBinding(parameter.Name, element, span.Writable, SharedLength: null));
                result.Add(new ParameterSpec(parameter.Name, ParameterKind.Buffer));
                NoteType(element);
                if (element == ScalarType.Half)
                {
                    _features |= RequiredFeatures.Float16Storage;
                }
            }
            else if (parameter.RefKind == RefKind.None && MapType(parameter.Type) is { } scalar && scalar != ScalarType.Void)
            {
                _uniforms.Add(parameter);
                _scope.AllowAssignment(parameter);
                result.Add(new ParameterSpec(parameter.Name, ParameterKind.Uniform));
                NoteType(scalar);
            }
            else
            {
                Report(DiagnosticDescriptors.UnsupportedParameter, ParameterLocation(parameter), parameter.Name, parameter.ToDisplayString());
            }
        }

        return result.ToEquatableArray();
    }

    private static Location? ParameterLocation(IParameterSymbol parameter) => parameter.Locations.FirstOrDefault();

    private EquatableArray<UniformSpec> LayoutUniforms(out int size)
    {
        var offset = KernelAbi.ScalarsOffset(_buffers.Count);
        var result = new List<UniformSpec>();
        foreach (var parameter in _method.Parameters.Where(_uniforms.Contains))
        {
            var type = MapType(parameter.Type)!.Value;
            var typeSize = type.UniformSize();
            offset = KernelAbi.AlignScalar(offset, typeSize, type.IsVector());
            result.Add(new UniformSpec(parameter.Name, type, offset));
            offset += typeSize;
        }

        size = KernelAbi.BlockSize(offset);
        return result.ToEquatableArray();
    }

    private static int? ThreadIndexRank(ITypeSymbol type) => type switch
    {
        { SpecialType: SpecialType.System_Int32 } => 1,
        INamedTypeSymbol { Name: "Index2D", ContainingNamespace.Name: "Tandem" } => 2,
        INamedTypeSymbol { Name: "Index3D", ContainingNamespace.Name: "Tandem" } => 3,
        _ => null,
    };

    private static (ITypeSymbol Element, bool Writable)? SpanElementType(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1, ContainingNamespace.Name: "System" } named
            && named.ContainingNamespace.ContainingNamespace.IsGlobalNamespace
            && named.Name is "Span" or "ReadOnlySpan")
        {
            return (named.TypeArguments[0], named.Name == "Span");
        }

        return null;
    }

    /// <summary>Buffer elements exclude bool: .NET stores it in 1 byte, shaders in 4.</summary>
    private static ScalarType? MapBufferElementType(ITypeSymbol type) =>
        MapType(type) is { } t && t != ScalarType.Bool ? t : null;

    /// <summary>The kernel type of a C# type: the scalars, System.Numerics vectors, and void for a method's result.</summary>
    internal static ScalarType? MapType(ITypeSymbol? type) => type?.SpecialType switch
    {
        SpecialType.System_Boolean => ScalarType.Bool,
        SpecialType.System_Int32 => ScalarType.Int,
        SpecialType.System_UInt32 => ScalarType.UInt,
        SpecialType.System_Single => ScalarType.Float,
        SpecialType.System_Double => ScalarType.Double,
        SpecialType.System_Int64 => ScalarType.Long,
        SpecialType.System_UInt64 => ScalarType.ULong,
        SpecialType.System_Void => ScalarType.Void,
        _ when IsHalf(type) => ScalarType.Half,
        _ => MapVectorType(type),
    };

    /// <summary><c>System.Half</c>, which has no <see cref="SpecialType"/>.</summary>
    internal static bool IsHalf(ITypeSymbol? type) =>
        type is INamedTypeSymbol { Name: "Half", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };

    private static ScalarType? MapVectorType(ITypeSymbol? type) =>
        type is INamedTypeSymbol { ContainingNamespace: { Name: "Numerics", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } named
            ? named.Name switch
            {
                "Vector2" => ScalarType.Float2,
                "Vector3" => ScalarType.Float3,
                "Vector4" => ScalarType.Float4,
                _ => null,
            }
            : null;
}

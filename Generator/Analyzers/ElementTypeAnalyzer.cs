using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Tandem.Abi;

namespace Tandem.Generator.Analyzers;

/// <summary>
/// TK0200: an array element type Tandem does not support (<see cref="ElementTypes"/>), where C# shows it at compile
/// time: a written <c>Tandem.Array&lt;T&gt;</c> (a declaration, a parameter, <c>typeof</c>…), and a call of a generic
/// method of <c>Mx</c>, <c>ArrayOperators</c> or <c>Array&lt;T&gt;</c> with such a type argument, written or inferred
/// (<c>Mx.Zeros&lt;short&gt;</c>, <c>Mx.Array(new short[] { 1 })</c>, <c>a.AsType&lt;sbyte&gt;()</c>). A type
/// parameter cannot be checked here: generic code meets the ops' run-time exception instead. Types that are not
/// unmanaged are left to the compiler, which already rejects them.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ElementTypeAnalyzer : DiagnosticAnalyzer
{
    private const string ArrayMetadataName = "Tandem.Array`1";
    private static readonly string[] CheckedTypes = ["Tandem.Mx", "Tandem.ArrayOperators", ArrayMetadataName];

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [DiagnosticDescriptors.UnsupportedElementType];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (start.Compilation.GetTypeByMetadataName(ArrayMetadataName) is not { } array)
            {
                return; // the project does not use Tandem
            }

            var owners = CheckedTypes.Select(start.Compilation.GetTypeByMetadataName).OfType<INamedTypeSymbol>().ToImmutableArray();
            start.RegisterSyntaxNodeAction(node => AnalyzeGenericName(node, array), SyntaxKind.GenericName);
            start.RegisterOperationAction(operation => AnalyzeInvocation(operation, owners), OperationKind.Invocation);
        });
    }

    /// <summary>A written <c>Array&lt;T&gt;</c>: reported at the type argument.</summary>
    private static void AnalyzeGenericName(SyntaxNodeAnalysisContext context, INamedTypeSymbol array)
    {
        var name = (GenericNameSyntax)context.Node;
        if (name.TypeArgumentList.Arguments.Count != 1
            || context.SemanticModel.GetSymbolInfo(name, context.CancellationToken).Symbol is not INamedTypeSymbol type
            || !SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, array))
        {
            return;
        }

        Report(context.ReportDiagnostic, type.TypeArguments[0], name.TypeArgumentList.Arguments[0].GetLocation(), type);
    }

    /// <summary>A call of a generic method of an array API: reported at the call, once per unsupported type argument.</summary>
    private static void AnalyzeInvocation(OperationAnalysisContext context, ImmutableArray<INamedTypeSymbol> owners)
    {
        IMethodSymbol method = ((IInvocationOperation)context.Operation).TargetMethod;
        if (method.TypeArguments.IsEmpty || !owners.Contains(method.ContainingType.OriginalDefinition, SymbolEqualityComparer.Default))
        {
            return;
        }

        foreach (ITypeSymbol argument in method.TypeArguments.Distinct(SymbolEqualityComparer.Default).OfType<ITypeSymbol>())
        {
            Report(context.ReportDiagnostic, argument, context.Operation.Syntax.GetLocation(), method);
        }
    }

    private static void Report(System.Action<Diagnostic> report, ITypeSymbol element, Location location, ISymbol user)
    {
        if (element.TypeKind == TypeKind.TypeParameter || element.TypeKind == TypeKind.Error || !element.IsUnmanagedType
            || ElementTypes.IsSupported(MetadataName(element)))
        {
            return;
        }

        report(Diagnostic.Create(DiagnosticDescriptors.UnsupportedElementType, location,
            element.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat), user.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat)));
    }

    /// <summary><c>Namespace.Name</c>: what <see cref="ElementTypes"/> lists (generic types never match).</summary>
    private static string MetadataName(ITypeSymbol type) =>
        type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." + type.MetadataName : type.MetadataName;
}

using Microsoft.CodeAnalysis;
using Tandem.Generator.Emitting;
using Tandem.Generator.Model;
using Tandem.Generator.Parsing;

namespace Tandem.Generator;

/// <summary>
/// Turns every <c>[Kernel]</c> method into an HLSL compute shader, a vectorized CPU version and a launcher overload.
/// The parser builds an equatable <see cref="KernelSpec"/> (diagnostics on the side); the emitters only print it.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class KernelGenerator : IIncrementalGenerator
{
    internal const string KernelAttributeName = "Tandem.KernelAttribute";

    /// <summary>
    /// The MSBuild property that, set to <c>true</c>, reports TK0021 (a kernel's CPU version is a scalar loop) as a
    /// warning, which the build prints, instead of an info, which it prints only at detailed verbosity. The compiler
    /// sees it through <c>CompilerVisibleProperty</c> (Generator/build/Tandem.Generator.props).
    /// </summary>
    internal const string ScalarKernelWarningsProperty = "TandemScalarKernelWarnings";

    /// <summary>Tracking names of the pipeline steps, for incrementality tests.</summary>
    internal static class Steps
    {
        public const string Parse = nameof(Parse);
        public const string Kernels = nameof(Kernels);
    }

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var results = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KernelAttributeName,
                static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax,
                static (ctx, ct) => KernelParser.Parse(ctx, ct))
            .WithTrackingName(Steps.Parse);

        var scalarKernelWarnings = context.AnalyzerConfigOptionsProvider.Select(static (options, _) =>
            options.GlobalOptions.TryGetValue("build_property." + ScalarKernelWarningsProperty, out var value)
            && string.Equals(value?.Trim(), "true", System.StringComparison.OrdinalIgnoreCase));
        context.RegisterSourceOutput(results.Select(static (r, _) => r.Diagnostics).Combine(scalarKernelWarnings), static (spc, input) =>
        {
            var (diagnostics, warnScalar) = input;
            foreach (var diagnostic in diagnostics)
            {
                var raised = warnScalar && diagnostic.Descriptor.Id == DiagnosticDescriptors.NotVectorized.Id;
                spc.ReportDiagnostic(diagnostic.ToDiagnostic(raised ? DiagnosticSeverity.Warning : null));
            }
        });

        var kernels = results
            .Select(static (r, _) => r.Kernel)
            .Where(static k => k is not null)
            .WithTrackingName(Steps.Kernels);

        context.RegisterSourceOutput(kernels, static (spc, kernel) =>
            spc.AddSource(kernel!.HintName, KernelSourceEmitter.Emit(kernel)));
    }
}

using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Tandem.Generator.Analysis;
using Tandem.Generator.Emitting;
using Tandem.Generator.Lowering;
using Tandem.Generator.Model;

namespace Tandem.Generator;

/// <summary>
/// Turns every <c>[Kernel]</c> method into an HLSL compute shader, a vectorized CPU version and a launcher overload,
/// in three incremental stages: lowering to the kernel IR with diagnostics (<see cref="KernelLowerer"/>), analysis into
/// the model the emitters need (<see cref="KernelAnalysis"/>: the vectorization plan, buffer uses, GPU widening), and
/// emitting, which only prints that model. Each stage's result is equatable, so an edit that does not change a
/// kernel's IR re-runs neither its analysis nor its emitting.
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
        /// <summary>Lowering each <c>[Kernel]</c> method: IR and diagnostics.</summary>
        public const string Lower = nameof(Lower);

        /// <summary>The lowered kernels without errors: what the analysis takes.</summary>
        public const string Kernels = nameof(Kernels);

        /// <summary>Analysing each lowered kernel into the model the emitters print.</summary>
        public const string Analyze = nameof(Analyze);
    }

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var lowered = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KernelAttributeName,
                static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax,
                static (ctx, ct) => KernelLowerer.Lower(ctx, ct))
            .WithTrackingName(Steps.Lower);

        var kernels = lowered
            .Select(static (r, _) => r.Kernel)
            .Where(static k => k is not null)
            .WithTrackingName(Steps.Kernels);

        var analyzed = kernels
            .Select(static (kernel, _) => KernelAnalysis.Analyze(kernel!))
            .WithTrackingName(Steps.Analyze);

        context.RegisterSourceOutput(analyzed, static (spc, kernel) =>
            spc.AddSource(kernel.Lowered.HintName, KernelSourceEmitter.Emit(kernel)));

        var scalarKernelWarnings = context.AnalyzerConfigOptionsProvider.Select(static (options, _) =>
            options.GlobalOptions.TryGetValue("build_property." + ScalarKernelWarningsProperty, out var value)
            && string.Equals(value?.Trim(), "true", System.StringComparison.OrdinalIgnoreCase));
        var notVectorized = analyzed
            .Select(static (kernel, _) => (kernel.Lowered, kernel.Plan.NotVectorizedReason))
            .Where(static k => k.NotVectorizedReason is not null)
            .Collect();
        context.RegisterSourceOutput(lowered.Combine(notVectorized).Combine(scalarKernelWarnings), static (spc, input) =>
        {
            var ((result, scalarKernels), warnScalar) = input;
            foreach (var diagnostic in result.Diagnostics)
            {
                spc.ReportDiagnostic(diagnostic.ToDiagnostic());
            }

            // TK0021 comes from the analysis, which holds no source offsets: it points at the lowered method's name.
            if (result.Kernel is { } kernel && result.Name is { } name && ReasonFor(kernel, scalarKernels) is { } reason)
            {
                var info = DiagnosticInfo.Create(DiagnosticDescriptors.NotVectorized, name, kernel.MethodName, reason);
                spc.ReportDiagnostic(info.ToDiagnostic(warnScalar ? DiagnosticSeverity.Warning : null));
            }
        });
    }

    private static string? ReasonFor(LoweredKernel kernel, ImmutableArray<(LoweredKernel Lowered, string? Reason)> scalarKernels) =>
        scalarKernels.FirstOrDefault(k => k.Lowered.Equals(kernel)).Reason;
}

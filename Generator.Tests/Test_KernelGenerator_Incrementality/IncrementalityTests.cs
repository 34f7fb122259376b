using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Tandem.Generator.Tests;

/// <summary>
/// Edits that cannot change a kernel leave the generator's stages cached: the lowered kernels, their analysis and the
/// source output, which only prints the analysed model.
/// </summary>
public sealed class IncrementalityTests
{
    private const string KernelSource = """
        using System;
        using Tandem;

        public static partial class K
        {
            // A comment.
            [Kernel]
            public static void Saxpy(int i, float alpha, ReadOnlySpan<float> x, Span<float> y) => y[i] = alpha * x[i] + y[i];

            [Kernel]
            public static void Guarded(int i, int n, Span<float> y)
            {
                if (i < n) y[i] = 1;
            }

            public static int Unrelated() => 1;
        }
        """;

    private const string OtherSource = "public static class Other { public static int Value() => 1; }";

    [Theory]
    [InlineData("// A comment.", "// An edited comment that is longer.")]
    [InlineData("public static int Unrelated() => 1;", "public static int Unrelated() => 2 + 3;")]
    public void Editing_outside_kernels_keeps_outputs_cached(string before, string after) =>
        AssertCached(compilation => ReplaceIn(compilation, 0, before, after));

    [Fact]
    public void Editing_another_file_keeps_outputs_cached() =>
        AssertCached(compilation => ReplaceIn(compilation, 1, "1;", "42;"));

    [Theory]
    [InlineData(KernelGenerator.Steps.Kernels)]
    [InlineData(KernelGenerator.Steps.Analyze)]
    public void Editing_a_kernel_regenerates_it(string stepName)
    {
        var compilation = GeneratorHarness.CreateCompilation(KernelSource, OtherSource);
        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);
        driver = driver.RunGenerators(ReplaceIn(compilation, 0, "alpha * x[i]", "alpha * x[i] * 2"));
        var reasons = driver.GetRunResult().Results[0].TrackedSteps[stepName]
            .SelectMany(step => step.Outputs).Select(output => output.Reason).ToList();
        // Saxpy changed; Guarded did not, so its analysis is not run again.
        Assert.Equal(1, reasons.Count(reason => reason == IncrementalStepRunReason.Modified));
        Assert.Equal(1, reasons.Count(reason => reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
    }

    private static void AssertCached(System.Func<CSharpCompilation, CSharpCompilation> edit)
    {
        var compilation = GeneratorHarness.CreateCompilation(KernelSource, OtherSource);
        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);
        driver = driver.RunGenerators(edit(compilation));
        var result = driver.GetRunResult().Results[0];

        foreach (var stepName in new[] { KernelGenerator.Steps.Kernels, KernelGenerator.Steps.Analyze })
        {
            var outputs = result.TrackedSteps[stepName].SelectMany(step => step.Outputs).ToList();
            Assert.Equal(2, outputs.Count);
            Assert.All(outputs, output => Assert.Contains(output.Reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
        }

        // The analysis ran not at all: its input, the lowered kernels, compared equal.
        Assert.All(result.TrackedSteps[KernelGenerator.Steps.Analyze].SelectMany(step => step.Outputs),
            output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
        // The source output fed by the analysis (the diagnostics output may move with the edited text).
        var sourceOutputs = result.TrackedOutputSteps.SelectMany(step => step.Value)
            .Where(step => step.Inputs.Any(input => input.Source.Name == KernelGenerator.Steps.Analyze))
            .SelectMany(step => step.Outputs).ToList();
        Assert.NotEmpty(sourceOutputs);
        Assert.All(sourceOutputs, output => Assert.Contains(output.Reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
    }

    private static CSharpCompilation ReplaceIn(CSharpCompilation compilation, int treeIndex, string before, string after)
    {
        var tree = compilation.SyntaxTrees.ElementAt(treeIndex);
        var text = tree.GetText().ToString();
        Assert.Contains(before, text, System.StringComparison.Ordinal);
        var newTree = tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(text.Replace(before, after, System.StringComparison.Ordinal)));
        return compilation.ReplaceSyntaxTree(tree, newTree);
    }
}

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace Tandem.Generator.Tests;

/// <summary>
/// What a user sees of a diagnostic beyond its message: a help link that opens its explanation, and TK0021 as a
/// warning when the project asks for it (info only shows at detailed build verbosity).
/// </summary>
public sealed class HelpLinkTests
{
    private const string ScalarKernel = "using System;\nusing Tandem;\npublic static partial class K { [Kernel] public static void A(int i, Span<float> y) { for (int k = 0; k < 3; k++) y[i] += k; } }";

    [Fact]
    public void Every_diagnostic_links_to_its_own_heading_in_the_repository_s_diagnostics_page()
    {
        var page = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "diagnostics.md"));
        var headings = Regex.Matches(page, @"^## (TK\d{4})\s*$", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToHashSet();
        var descriptors = Descriptors();
        Assert.NotEmpty(descriptors);
        foreach (var descriptor in descriptors)
        {
            Assert.True(Uri.TryCreate(descriptor.HelpLinkUri, UriKind.Absolute, out var link) && link.Scheme == Uri.UriSchemeHttps, $"{descriptor.Id}: '{descriptor.HelpLinkUri}' is not an absolute https address");
            Assert.Equal(DiagnosticDescriptors.DiagnosticsPage + "#" + descriptor.Id.ToLowerInvariant(), descriptor.HelpLinkUri);

            // GitHub's anchor of "## TK0021" is "tk0021": the heading must be the ID alone.
            Assert.True(headings.Contains(descriptor.Id), $"docs/diagnostics.md has no heading '## {descriptor.Id}' for {descriptor.HelpLinkUri}");
        }

        Assert.StartsWith("https://", DiagnosticsPageOf("Directory.Build.props"), StringComparison.Ordinal);
    }

    [Fact]
    public void TK0021_is_a_warning_when_the_project_asks_for_it()
    {
        Assert.Equal(DiagnosticSeverity.Info, ScalarDiagnostic(properties: new()).Severity);
        Assert.Equal(DiagnosticSeverity.Info, ScalarDiagnostic(new() { [KernelGenerator.ScalarKernelWarningsProperty] = "false" }).Severity);
        var warning = ScalarDiagnostic(new() { [KernelGenerator.ScalarKernelWarningsProperty] = "true" });
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Equal(1, warning.WarningLevel);
        Assert.Contains("it loops", warning.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void The_props_file_makes_the_property_visible_to_the_generator()
    {
        var props = File.ReadAllText(Path.Combine(RepositoryRoot(), "Generator", "build", "Tandem.Generator.props"));
        Assert.Contains($"<CompilerVisibleProperty Include=\"{KernelGenerator.ScalarKernelWarningsProperty}\" />", props, StringComparison.Ordinal);
    }

    private static Diagnostic ScalarDiagnostic(Dictionary<string, string> properties)
    {
        var compilation = GeneratorHarness.CreateCompilation(ScalarKernel);
        var options = new BuildProperties(properties.ToImmutableDictionary(p => "build_property." + p.Key, p => p.Value));
        var driver = GeneratorHarness.CreateDriver().WithUpdatedAnalyzerConfigOptions(options).RunGenerators(compilation);
        return Assert.Single(driver.GetRunResult().Diagnostics, d => d.Id == "TK0021");
    }

    private static List<DiagnosticDescriptor> Descriptors() =>
        typeof(DiagnosticDescriptors).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .ToList();

    /// <summary>The RepositoryUrl that <paramref name="propsFile"/> sets, as the diagnostics page's address.</summary>
    private static string DiagnosticsPageOf(string propsFile)
    {
        var url = Regex.Match(File.ReadAllText(Path.Combine(RepositoryRoot(), propsFile)), "<RepositoryUrl>(.*)</RepositoryUrl>").Groups[1].Value;
        Assert.Equal(url.TrimEnd('/') + "/blob/main/docs/diagnostics.md", DiagnosticDescriptors.DiagnosticsPage);
        return url;
    }

    private static string RepositoryRoot([CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", ".."));

    private sealed class BuildProperties(ImmutableDictionary<string, string> values) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(values);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options(ImmutableDictionary<string, string>.Empty);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Options(ImmutableDictionary<string, string>.Empty);

        private sealed class Options(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }
}

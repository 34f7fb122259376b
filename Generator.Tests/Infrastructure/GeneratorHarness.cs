using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Tandem.Generator.Tests;

/// <summary>Runs the generator on source text, as the compiler would in a project referencing Tandem.</summary>
internal static class GeneratorHarness
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public static CSharpCompilation CreateCompilation(params string[] sources) =>
        CSharpCompilation.Create(
            "TestAssembly",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Source{i}.cs")),
            Net100.References.All.Add(MetadataReference.CreateFromFile(typeof(KernelAttribute).Assembly.Location)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver CreateDriver(bool trackSteps = false) =>
        CSharpGeneratorDriver.Create(
            new[] { new KernelGenerator().AsSourceGenerator() },
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>Runs the generator; returns its result and the diagnostics of the compilation with its output.</summary>
    public static (GeneratorDriverRunResult Result, ImmutableArray<Diagnostic> CompilationDiagnostics) Run(params string[] sources)
    {
        var compilation = CreateCompilation(sources);
        var driver = CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        return (driver.GetRunResult(), output.GetDiagnostics());
    }

    /// <summary>A kernel source of the shared test corpus (Runtime.Tests/Kernels).</summary>
    public static string Corpus(string fileName)
    {
        using var stream = typeof(GeneratorHarness).Assembly.GetManifestResourceStream("Kernels/" + fileName)
            ?? throw new FileNotFoundException("No embedded test kernel file " + fileName);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static string[] CorpusFiles() => typeof(GeneratorHarness).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith("Kernels/", StringComparison.Ordinal))
        .Select(n => n.Substring("Kernels/".Length))
        .OrderBy(n => n, StringComparer.Ordinal)
        .ToArray();

    /// <summary>The HLSL string constant inside a generated kernel file.</summary>
    public static string ExtractHlsl(string generated)
    {
        const string Start = "public const string Hlsl = @\"";
        var begin = generated.IndexOf(Start, StringComparison.Ordinal);
        if (begin < 0)
        {
            throw new InvalidOperationException("Generated code has no HLSL constant.");
        }

        begin += Start.Length;
        var end = generated.IndexOf("\";\n", begin, StringComparison.Ordinal);
        return generated.Substring(begin, end - begin).Replace("\"\"", "\"", StringComparison.Ordinal);
    }
}

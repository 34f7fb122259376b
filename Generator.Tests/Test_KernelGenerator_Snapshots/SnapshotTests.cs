using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Tandem.Abi;
using Xunit;

namespace Tandem.Generator.Tests;

/// <summary>
/// The generated C# and HLSL of every kernel in the shared test corpus, compared with committed snapshots; each HLSL
/// is also compiled by glslc and validated by spirv-val (where they are installed), so it is proven valid, not just stable.
/// </summary>
public sealed class SnapshotTests
{
    private static readonly Lazy<Dictionary<string, string>> Generated = new(() =>
    {
        var sources = GeneratorHarness.CorpusFiles().Select(GeneratorHarness.Corpus).ToArray();
        var (result, diagnostics) = GeneratorHarness.Run(sources);
        var errors = diagnostics.Concat(result.Diagnostics).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("The test corpus does not compile with its generated code:\n" + string.Join("\n", errors));
        }

        return result.Results.SelectMany(r => r.GeneratedSources)
            .ToDictionary(s => s.HintName.Replace(".g.cs", string.Empty, StringComparison.Ordinal).Split('.').Last(), s => s.SourceText.ToString());
    });

    public static TheoryData<string> Kernels() => new(Generated.Value.Keys.OrderBy(k => k, StringComparer.Ordinal));

    [Fact]
    public void Corpus_has_at_least_ten_kernels() => Assert.True(Generated.Value.Count >= 10, $"only {Generated.Value.Count} kernels");

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Generated_csharp_matches_snapshot(string kernel)
    {
        // The HLSL constant has its own snapshot; here it would only repeat it.
        var generated = Generated.Value[kernel];
        var hlsl = GeneratorHarness.ExtractHlsl(generated).Replace("\"", "\"\"", StringComparison.Ordinal);
        Snapshot.Verify(kernel, "cs", generated.Replace(hlsl, $"<see {kernel}.verified.hlsl>", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Generated_hlsl_matches_snapshot(string kernel) =>
        Snapshot.Verify(kernel, "hlsl", GeneratorHarness.ExtractHlsl(Generated.Value[kernel]));

    [ShaderToolsTheory]
    [MemberData(nameof(Kernels))]
    public void Generated_hlsl_compiles(string kernel)
    {
        // Both variants a device may compile: the plain one and the one for software devices (llvmpipe).
        var hlsl = GeneratorHarness.ExtractHlsl(Generated.Value[kernel]);
        var wide = KernelAbi.WideEntryPoint(kernel);
        var entryPoints = Generated.Value[kernel].Contains($"WideEntryPoint = \"{wide}\"", StringComparison.Ordinal) ? new[] { kernel, wide } : new[] { kernel };
        foreach (var entryPoint in entryPoints)
        {
            var disassembly = ShaderTools.Disassemble(hlsl, entryPoint, entryPoint);
            ShaderTools.AssertCompiles(KernelAbi.ForSoftwareDevice(hlsl), entryPoint, entryPoint + "-software");

            // C# rounds a * b + c twice: only an explicit FusedMultiplyAdd may fuse.
            var fuses = hlsl.Contains("mad(", StringComparison.Ordinal) || hlsl.Contains("fma(", StringComparison.Ordinal);
            Assert.True(fuses || !disassembly.Contains(" Fma ", StringComparison.Ordinal), $"{entryPoint}: glslc fused a product and a sum:\n{disassembly}");
        }
    }

    [Fact]
    public void Every_verified_snapshot_belongs_to_a_corpus_kernel()
    {
        var orphans = Snapshot.Orphans(Snapshot.Folder(), Generated.Value.Keys);
        Assert.True(orphans.Count == 0, $"Snapshots no kernel produces any more (delete them): {string.Join(", ", orphans)}");
    }

    [Fact]
    public void A_snapshot_without_its_kernel_is_an_orphan()
    {
        var directory = Directory.CreateTempSubdirectory("tandem-snapshots-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(directory, "Saxpy.verified.cs"), string.Empty);
            File.WriteAllText(Path.Combine(directory, "Saxpy.verified.hlsl"), string.Empty);
            File.WriteAllText(Path.Combine(directory, "Removed.verified.hlsl"), string.Empty);
            Assert.Equal(["Removed.verified.hlsl"], Snapshot.Orphans(directory, ["Saxpy"]));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Element_wise_kernels_get_a_wide_gpu_entry_point_and_others_do_not()
    {
        static bool Wide(string kernel) => Generated.Value[kernel].Contains("WideEntryPoint", StringComparison.Ordinal);

        Assert.True(Wide("Saxpy"));
        Assert.True(Wide("SideEffects")); // branches and early returns run per lane
        Assert.False(Wide("MatMul"));     // loops, and reads other threads' elements
        Assert.False(Wide("Histogram"));  // atomics
        Assert.False(Wide("NBodyStep"));  // Vector3 elements are 12 bytes
    }
}

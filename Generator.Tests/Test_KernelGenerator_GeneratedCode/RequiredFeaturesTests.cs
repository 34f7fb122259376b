using System;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Tandem.Generator.Tests;

/// <summary>
/// The device features a kernel's descriptor declares: double needs Float64, long/ulong anywhere Int64, and only Half
/// spans need 16-bit storage (Half scalars, locals and group-shared arrays are 32-bit in the shader); Wave members
/// need subgroup operations, and Wave.ReadLane shuffles.
/// </summary>
public sealed class RequiredFeaturesTests
{
    public static TheoryData<string, string, string> Kernels() => new()
    {
        { "int i, Span<float> y", "y[i] = 1;", "None" },
        { "int i, Half scale, Span<float> y", "Half h = (Half)y[i] * scale; h++; y[i] = (float)h;", "None" },
        { "int i, Span<float> y", "Span<Half> tile = Group.Shared<Half>(64); tile[0] = (Half)y[i]; Group.Barrier(); y[i] = (float)tile[0];", "None" },
        { "int i, Span<Half> y", "y[i] = -y[i];", "Float16" },
        { "int i, Span<int> y", "long v = y[i]; y[i] = (int)(v * v >> 3);", "Int64" },
        { "int i, ulong mask, Span<int> y", "y[i] = (int)(mask >> i);", "Int64" },
        { "int i, Span<int> y", "y[i] = (int)Square(i);", "Int64" },
        { "int i, Span<int> y", "Span<long> sums = Group.Shared<long>(64); sums[0] = i; Group.Barrier(); y[i] = (int)sums[0];", "Int64" },
        { "int i, Span<Half> y", "y[i] = (Half)(double)(long)y[i];", "Float64 | Int64 | Float16" },
        { "int i, Span<float> y", "y[i] = Wave.Sum(y[i]) + Wave.LaneCount;", "Subgroup" },
        { "int i, Span<int> y", "y[i] = Wave.IsFirstLane && Wave.AnyTrue(y[i] > 0) ? Wave.LaneIndex : 0;", "Subgroup" },
        { "int i, Span<float> y", "y[i] = Wave.ReadLane(y[i], 0);", "Subgroup | SubgroupShuffle" },
        { "int i, Span<double> y", "y[i] = Wave.Max(y[i]);", "Float64 | Subgroup" },
        { "int i, Span<long> y", "y[i] = Wave.Sum(y[i]) + Wave.ReadLane(y[i], 0);", "Int64 | Subgroup | SubgroupShuffle" },
    };

    [Theory]
    [MemberData(nameof(Kernels))]
    public void The_descriptor_declares_what_the_kernel_needs(string parameters, string body, string expected)
    {
        var generated = Generate(parameters, body);
        var features = string.Join(" | ", expected.Split(" | ").Select(f => "global::Tandem.CompilerServices.KernelFeatures." + f));
        Assert.True(generated.Contains(features + ",", StringComparison.Ordinal) || generated.Contains(features + ")", StringComparison.Ordinal),
            $"expected {features} in:\n{generated}");
        var hlsl = GeneratorHarness.ExtractHlsl(generated);
        Assert.Equal(expected.Contains("Float16", StringComparison.Ordinal), hlsl.Contains("min16uint", StringComparison.Ordinal));
    }

    [ShaderToolsTheory]
    [MemberData(nameof(Kernels))]
    public void The_HLSL_of_each_feature_compiles(string parameters, string body, string expected)
    {
        _ = expected;
        var hlsl = GeneratorHarness.ExtractHlsl(Generate(parameters, body));
        ShaderTools.AssertCompiles(hlsl, "A", "features-" + ((uint)StringComparer.Ordinal.GetHashCode(body)).ToString(CultureInfo.InvariantCulture));
    }

    private static string Generate(string parameters, string body)
    {
        var source = "using System;\nusing Tandem;\npublic static partial class K\n{\n    static long Square(int v) => (long)v * v;\n"
            + "    [Kernel(64)]\n    public static void A(" + parameters + ")\n    {\n        " + body + "\n    }\n}\n";
        var (result, diagnostics) = GeneratorHarness.Run(source);
        Assert.DoesNotContain(result.Diagnostics.Concat(diagnostics), d => d.Severity == DiagnosticSeverity.Error);
        return result.Results.SelectMany(r => r.GeneratedSources).Single().SourceText.ToString();
    }
}

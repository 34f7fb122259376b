using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Tandem.Generator.Tests;

/// <summary>User names that HLSL gives another meaning are renamed, so the shader still compiles.</summary>
public sealed class HlslNameTests
{
    [ShaderToolsFact]
    public void Spans_locals_and_scalars_named_like_HLSL_intrinsics_or_generator_macros_compile()
    {
        const string Source = """
            using System;
            using Tandem;

            public static partial class Names
            {
                [Kernel]
                public static void Clash(int i, float pow, ReadOnlySpan<float> abs, Span<float> min, Span<float> max, Span<int> TANDEM_LEFT)
                {
                    float sqrt = abs[i] * pow;
                    min[i] = MathF.Min(sqrt, abs[i]);
                    max[i] = MathF.Max(MathF.Abs(sqrt), MathF.Sqrt(abs[i]));
                    TANDEM_LEFT[i] = (int)MathF.Floor(sqrt);
                }
            }
            """;
        var (result, diagnostics) = GeneratorHarness.Run(Source);
        Assert.DoesNotContain(result.Diagnostics.Concat(diagnostics), d => d.Severity == DiagnosticSeverity.Error);
        var hlsl = GeneratorHarness.ExtractHlsl(result.Results.SelectMany(r => r.GeneratedSources).Single().SourceText.ToString());
        ShaderTools.AssertCompiles(hlsl, "Clash", "names-clash");
        ShaderTools.AssertCompiles(Abi.KernelAbi.ForSoftwareDevice(hlsl), "Clash", "names-clash-software");
    }
}

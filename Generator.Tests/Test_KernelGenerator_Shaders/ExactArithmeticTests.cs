using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Tandem.Abi;
using Xunit;

namespace Tandem.Generator.Tests;

/// <summary>
/// Float arithmetic reaches SPIR-V as C# evaluates it: glslc keeps x * 0, x - x, x + 0 and 0 - x (it folded x * 0 to 0),
/// fuses no product into a sum, and every operation carries NoContraction so no driver fuses either. The variant for
/// software devices computes the same operations on operands the code generator cannot see through.
/// </summary>
public sealed class ExactArithmeticTests
{
    [ShaderToolsTheory]
    [InlineData("y[i] = x[i] * 0f;", @"OpFMul %float %\d+ %float_0\b")]
    [InlineData("y[i] = 0f * x[i];", @"OpFMul %float %float_0 %\d+")]
    [InlineData("y[i] = x[i] - x[i];", @"OpFSub %float")]
    [InlineData("y[i] = x[i] + 0f;", @"OpFAdd %float %\d+ %float_0\b")]
    [InlineData("y[i] = 0f - x[i];", @"OpFSub %float %float_0 %\d+")]
    [InlineData("y[i] = 0f / x[i];", @"OpFDiv %float %float_0 %\d+")]
    [InlineData("y[i] = x[i] * y[i] + x[0];", @"OpFAdd %float")]
    [InlineData("d[i] = d[i] * 0.0;", @"OpFMul %double %\d+ %double_0\b")]
    [InlineData("d[i] = d[i] * d[0] + d[1];", @"OpFAdd %double")]
    [InlineData("v[i] = v[i] * 0f;", @"OpVectorTimesScalar|OpFMul %v3float")]
    public void The_operation_survives_unfused_and_marked_exact(string body, string instruction)
    {
        var hlsl = Generate(body);
        var disassembly = ShaderTools.Disassemble(hlsl, "K", "exact-" + (uint)body.GetHashCode(System.StringComparison.Ordinal));
        Assert.Matches(instruction, disassembly);
        Assert.DoesNotContain(" Fma ", disassembly, System.StringComparison.Ordinal);

        var exact = Regex.Matches(disassembly, @"OpDecorate (%\d+) NoContraction").Select(m => m.Groups[1].Value).ToHashSet();
        var arithmetic = Regex.Matches(disassembly, @"(%\d+) = Op(?:FAdd|FSub|FMul|FDiv|VectorTimesScalar) ").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(arithmetic);
        Assert.All(arithmetic, id => Assert.Contains(id, exact));

        // For llvmpipe each operand is selected on a uniform first.
        var software = ShaderTools.Disassemble(ShaderTools.Compile(KernelAbi.ForSoftwareDevice(hlsl), "K", "exact-software"), "exact-software");
        Assert.Matches(instruction.Replace("%float_0", "%\\d+").Replace("%double_0", "%\\d+"), software);
        Assert.Contains("OpSelect", software, System.StringComparison.Ordinal);
    }

    private static string Generate(string body)
    {
        var source = "using System;\nusing System.Numerics;\nusing Tandem;\npublic static partial class Exact\n{\n"
            + "    [Kernel]\n    public static void K(int i, ReadOnlySpan<float> x, Span<float> y, Span<double> d, Span<Vector3> v)\n    {\n        "
            + body + "\n    }\n}\n";
        var (result, diagnostics) = GeneratorHarness.Run(source);
        Assert.DoesNotContain(result.Diagnostics.Concat(diagnostics), d => d.Severity == DiagnosticSeverity.Error);
        return GeneratorHarness.ExtractHlsl(result.Results.SelectMany(r => r.GeneratedSources).Single().SourceText.ToString());
    }
}

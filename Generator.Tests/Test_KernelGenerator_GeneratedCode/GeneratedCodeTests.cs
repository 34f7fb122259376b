using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Tandem.Generator.Tests;

/// <summary>Generated code compiles in unusual but valid user code.</summary>
public sealed class GeneratedCodeTests
{
    [Theory]
    [InlineData("namespace N; public static partial class K { [Kernel] public static void Cpu(int i, Span<float> y) => y[i] = 1; [Kernel] public static void Descriptor(int i, Span<float> y) => y[i] = 2; [Kernel] public static void Hlsl(int i, Span<float> y) => y[i] = 3; }")]
    [InlineData("public partial struct S { public partial class Inner { [Kernel] internal static void A(int i, float @float, Span<float> @class) => @class[i] = @float; } }")]
    [InlineData("namespace A.B { public partial record R { [Kernel] private static void K(Index3D id, Span<int> output) => output[id.X] = id.Z; public static void Use(Array<int> o) => K((1, 1, 1), o); } }")]
    [InlineData("public static partial class K { [Kernel] public static void NoBuffers(int i, int n) { int x = i * n; } }")]
    // The registration's module initializer must be reachable from the module even when the kernel's type is not.
    [InlineData("public static partial class Outer { private static partial class Inner { [Kernel] private static void K(int i, Span<float> y) => y[i] = 1; } protected partial class P { [Kernel] protected static void K(int i, Span<float> y) => y[i] = 2; } }")]
    public void Compiles_without_errors(string source)
    {
        var (result, diagnostics) = GeneratorHarness.Run("using System;\nusing Tandem;\n" + source);
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.DoesNotContain(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.NotEmpty(result.GeneratedTrees);
    }
}

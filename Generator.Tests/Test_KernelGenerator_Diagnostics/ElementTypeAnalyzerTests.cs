using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Tandem.Generator.Analyzers;
using Xunit;

namespace Tandem.Generator.Tests;

/// <summary>
/// TK0200 (ElementTypeAnalyzer): an array element type Tandem does not support is an error where C# shows it — a
/// written <c>Array&lt;T&gt;</c>, a generic array API called with it (written or inferred) — and nothing is reported
/// for the supported types or for a type parameter (generic code is left to the run-time check).
/// </summary>
public sealed class ElementTypeAnalyzerTests
{
    private const string Usings = "using System;\nusing System.Numerics;\nusing Tandem;\n";

    [Theory]
    [InlineData("Array<[|short|]> a = null!;")]
    [InlineData("Array<[|System.Numerics.Complex|]>? a = null;")]
    [InlineData("Type t = typeof(Array<[|sbyte|]>);")]
    [InlineData("var a = [|Mx.Zeros<ushort>([4])|];")]
    [InlineData("var a = [|Mx.Array(new char[] { 'a' })|];")]
    [InlineData("var a = [|Mx.Full([2], 1m)|];")]
    [InlineData("using var f = Mx.Zeros<float>([2]); var a = [|f.AsType<short>()|];")]
    [InlineData("var a = [|Mx.Zeros<P>([1])|];")]
    public void TK0200_an_unsupported_element_type_is_an_error_at_its_use(string statement)
    {
        Diagnostic diagnostic = Assert.Single(Analyze(Program(statement), out int start, out int end));
        Assert.Equal("TK0200", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(start, diagnostic.Location.SourceSpan.Start);
        Assert.Equal(end, diagnostic.Location.SourceSpan.End);
        Assert.Contains("use float, double, Half, int, uint, long, byte or bool", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Array<float> a = Mx.Zeros<float>([2]); Array<double> b = Mx.Array(new double[] { 1 }); Array<Half> c = Mx.Zeros<Half>([1]);")]
    [InlineData("Array<int> a = Mx.Arange(4); Array<uint> b = Mx.Zeros<uint>([1]); Array<long> c = Mx.Full([1], 2L);")]
    [InlineData("Array<byte> a = Mx.Zeros<byte>([4]); Array<bool> b = Mx.Zeros<bool>([4]); var c = a.AsType<float>();")]
    [InlineData("Array<ulong> a = Mx.Zeros<ulong>([4]); Array<Vector2> b = Mx.Zeros<Vector2>([1]); Array<Vector3> c = Mx.Zeros<Vector3>([1]); Array<Vector4> d = Mx.Zeros<Vector4>([1]);")]
    [InlineData("Array<float> a = Mx.Zeros<float>([2]); var b = Mx.Add(a, a); var s = Mx.Sum(a);")]
    public void Supported_element_types_are_not_reported(string statement) => Assert.Empty(Analyze(Program(statement), out _, out _));

    [Fact]
    public void A_type_parameter_is_left_to_the_run_time_check() => Assert.Empty(Analyze(
        Usings + "public static class G { public static Array<T> Make<T>() where T : unmanaged => Mx.Zeros<T>([2]); public static Array<T> Copy<T>(Array<T> a) where T : unmanaged => Mx.Contiguous(a); }",
        out _, out _));

    [Fact]
    public void Kernels_are_left_to_the_generator() => Assert.Empty(Analyze(
        Usings + "public static partial class K { [Kernel] public static void A(int i, Span<float> y) { Span<short> s = stackalloc short[1]; y[i] = s.Length; } }",
        out _, out _));

    private static string Program(string statement) =>
        Usings + "public struct P { public int X; }\npublic static class C\n{\n    public static void M()\n    {\n        " + statement + "\n    }\n}\n";

    /// <summary>The analyzer's diagnostics on the source (its <c>[| |]</c> mark removed: the expected span, or -1).</summary>
    private static ImmutableArray<Diagnostic> Analyze(string markedSource, out int start, out int end)
    {
        start = markedSource.IndexOf("[|", StringComparison.Ordinal);
        end = markedSource.IndexOf("|]", StringComparison.Ordinal) - 2;
        string source = markedSource.Replace("[|", string.Empty, StringComparison.Ordinal).Replace("|]", string.Empty, StringComparison.Ordinal);
        var compilation = GeneratorHarness.CreateCompilation(source);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        return compilation.WithAnalyzers([new ElementTypeAnalyzer()]).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
    }
}

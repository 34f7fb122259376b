using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace Tandem.Generator.Tests;

/// <summary>One test per diagnostic: the ID, and the location marked <c>[|...|]</c> in the source.</summary>
public sealed class DiagnosticTests
{
    private const string Usings = "using System;\nusing Tandem;\n";

    private static Diagnostic AssertDiagnostic(string id, string markedSource)
    {
        var start = markedSource.IndexOf("[|", StringComparison.Ordinal);
        var end = markedSource.IndexOf("|]", StringComparison.Ordinal) - 2;
        Assert.True(start >= 0 && end >= start, "the test source must mark the expected location with [| |]");
        var source = markedSource.Replace("[|", string.Empty, StringComparison.Ordinal).Replace("|]", string.Empty, StringComparison.Ordinal);

        var (result, _) = GeneratorHarness.Run(source);
        var diagnostics = result.Diagnostics.Where(d => d.Id == id).ToList();
        Assert.True(diagnostics.Count > 0, $"expected {id}; the generator reported: {string.Join("; ", result.Diagnostics)}");
        var expected = TextSpan.FromBounds(start, end);
        Assert.Contains(diagnostics, d => d.Location.SourceSpan == expected);
        return diagnostics.First(d => d.Location.SourceSpan == expected);
    }

    private static string Kernel(string body, string parameters = "int i, ReadOnlySpan<float> x, Span<float> y") =>
        Usings + "public static partial class K\n{\n    [Kernel]\n    public static void A(" + parameters + ")\n    {\n" + body + "\n    }\n}\n";

    [Fact]
    public void TK0001_type_not_partial() => AssertDiagnostic("TK0001",
        Usings + "public static class [|K|] { [Kernel] public static void A(int i, Span<float> y) => y[i] = 1; }");

    [Fact]
    public void TK0001_enclosing_type_not_partial() => AssertDiagnostic("TK0001",
        Usings + "public class [|Outer|] { public static partial class K { [Kernel] public static void A(int i, Span<float> y) => y[i] = 1; } }");

    [Fact]
    public void TK0002_not_static() => AssertDiagnostic("TK0002",
        Usings + "public partial class K { [Kernel] public void [|A|](int i, Span<float> y) => y[i] = 1; }");

    [Fact]
    public void TK0003_wrong_thread_index() => AssertDiagnostic("TK0003",
        Usings + "public static partial class K { [Kernel] public static void A(float [|i|], Span<float> y) => y[0] = i; }");

    [Fact]
    public void TK0003_missing_thread_index() => AssertDiagnostic("TK0003",
        Usings + "public static partial class K { [Kernel] public static void A[|()|] { } }");

    [Fact]
    public void TK0004_unsupported_parameter() => AssertDiagnostic("TK0004",
        Kernel("y[i] = x[i];", "int i, string [|name|], ReadOnlySpan<float> x, Span<float> y"));

    [Fact]
    public void TK0004_bool_span() => AssertDiagnostic("TK0004",
        Kernel("y[i] = 1;", "int i, Span<bool> [|flags|], Span<float> y"));

    [Fact]
    public void TK0005_write_to_readonly_span() => AssertDiagnostic("TK0005", Kernel("[|x[i]|] = 1f;"));

    [Fact]
    public void TK0006_foreach() => AssertDiagnostic("TK0006", Kernel("[|foreach (var v in x) y[i] += v;|]"));

    [Fact]
    public void TK0006_try() => AssertDiagnostic("TK0006", Kernel("[|try { y[i] = 1; } finally { }|]"));

    [Fact]
    public void TK0007_pattern_matching() => AssertDiagnostic("TK0007", Kernel("y[i] = [|x[i] is > 0f|] ? 1f : 0f;"));

    [Fact]
    public void TK0008_unsupported_call() => AssertDiagnostic("TK0008",
        Usings + "public static partial class K { [Kernel] public static void A(int i, Span<float> y) => y[i] = [|MathF.Atan2(y[i], 1f)|]; }");

    /// <summary>Other BitConverter methods, and the double-to-bits ones the GPU cannot express, name the supported ones.</summary>
    [Theory]
    [InlineData("int i, Span<double> d, Span<long> y", "y[i] = [|BitConverter.DoubleToInt64Bits(d[i])|];")]
    [InlineData("int i, Span<double> d, Span<ulong> y", "y[i] = [|BitConverter.DoubleToUInt64Bits(d[i])|];")]
    [InlineData("int i, Span<Half> h, Span<int> y", "y[i] = [|BitConverter.HalfToInt16Bits(h[i])|];")]
    public void TK0008_unsupported_bit_conversion(string parameters, string body)
    {
        var diagnostic = AssertDiagnostic("TK0008", Kernel(body, parameters));
        Assert.Contains("SingleToInt32Bits", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void TK0008_unsupported_vector_method() => AssertDiagnostic("TK0008",
        Usings + "using System.Numerics;\npublic static partial class K { [Kernel] public static void A(int i, Span<Vector3> y) => y[i] = [|Vector3.Reflect(y[i], Vector3.UnitX)|]; }");

    [Fact]
    public void TK0009_unsupported_type() => AssertDiagnostic("TK0009", Kernel("short [|v = 1|]; y[i] = v;"));

    [Fact]
    public void TK0010_generic_kernel() => AssertDiagnostic("TK0010",
        Usings + "public static partial class K { [Kernel] public static void [|A|]<T>(int i, Span<float> y) => y[i] = 1; }");

    [Fact]
    public void TK0011_non_void_kernel() => AssertDiagnostic("TK0011",
        Usings + "public static partial class K { [Kernel] public static [|int|] A(int i, Span<float> y) { y[i] = 1; return 0; } }");

    [Fact]
    public void TK0012_checked_arithmetic() => AssertDiagnostic("TK0012",
        Kernel("int a = (int)x[i]; y[i] = checked([|a + 1|]);"));

    [Fact]
    public void TK0013_invalid_group_size() => AssertDiagnostic("TK0013",
        Usings + "public static partial class K { [[|Kernel(0)|]] public static void A(int i, Span<float> y) => y[i] = 1; }");

    [Fact]
    public void TK0013_group_size_rank_mismatch() => AssertDiagnostic("TK0013",
        Usings + "public static partial class K { [[|Kernel(8, 8)|]] public static void A(int i, Span<float> y) => y[i] = 1; }");

    [Fact]
    public void TK0014_too_many_uniforms()
    {
        var parameters = "int i, " + string.Join(", ", Enumerable.Range(0, 30).Select(n => $"float p{n}")) + ", Span<float> y";
        AssertDiagnostic("TK0014", Usings + "public static partial class K { [Kernel] public static void [|A|](" + parameters + ") => y[i] = p0; }");
    }

    [Fact]
    public void TK0015_loop_increment_needing_statements() => AssertDiagnostic("TK0015",
        Kernel("for (int p = 0; p < x.Length; [|p = p > 0 && x[p] > 0 ? p + 2 : p + 1|]) y[i] += 1;"));

    [Fact]
    public void TK0016_kernel_overloads() => AssertDiagnostic("TK0016",
        Usings + "public static partial class K { [Kernel] public static void [|A|](int i, Span<float> y) => y[i] = 1; [Kernel] public static void A(int i, Span<int> y) => y[i] = 1; }");

    [Fact]
    public void TK0017_double_transcendental_warns()
    {
        var diagnostic = AssertDiagnostic("TK0017",
            Usings + "public static partial class K { [Kernel] public static void A(int i, Span<double> y) => y[i] = [|Math.Exp(y[i])|]; }");
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
    }

    [Fact]
    public void TK0018_span_used_as_a_value() => AssertDiagnostic("TK0018", Kernel("y[i] = [|x.IsEmpty|] ? 1f : 0f;"));

    [Fact]
    public void TK0019_static_field() => AssertDiagnostic("TK0019",
        Usings + "public static partial class K { static float s = 2; [Kernel] public static void A(int i, Span<float> y) => y[i] = [|s|]; }");

    [Fact]
    public void TK0020_reserved_parameter_name() => AssertDiagnostic("TK0020",
        Kernel("y[i] = stream;", "int i, float [|stream|], Span<float> y"));

    [Fact]
    public void TK0021_scalar_kernel_is_reported_with_its_reason()
    {
        var diagnostic = AssertDiagnostic("TK0021",
            Usings + "public static partial class K { [Kernel] public static void [|A|](int i, Span<float> y) { for (int k = 0; k < 3; k++) y[i] += k; } }");
        Assert.Equal(DiagnosticSeverity.Info, diagnostic.Severity);
        Assert.Contains("it loops", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    private static string Helper(string helper, string body, string parameters = "int i, Span<float> y") =>
        Usings + "using System.Threading;\npublic static partial class K\n{\n" + helper + "\n    [Kernel]\n    public static void A(" + parameters + ")\n    {\n" + body + "\n    }\n}\n";

    [Fact]
    public void TK0022_direct_recursion() => AssertDiagnostic("TK0022",
        Helper("static int F(int n) => n <= 1 ? 1 : n * [|F(n - 1)|];", "y[i] = F(i);"));

    [Fact]
    public void TK0022_mutual_recursion() => AssertDiagnostic("TK0022",
        Helper("static int F(int n) => n <= 0 ? 0 : G(n - 1); static int G(int n) => [|F(n)|];", "y[i] = F(i);"));

    [Fact]
    public void TK0022_kernel_calling_itself() => AssertDiagnostic("TK0022",
        Helper(string.Empty, "if (i > 0) [|A(i - 1, y)|];"));

    [Fact]
    public void TK0023_method_without_source() => AssertDiagnostic("TK0023",
        Helper(string.Empty, "y[i] = [|System.Numerics.BitOperations.PopCount((uint)i)|];"));

    [Fact]
    public void TK0023_linq() => AssertDiagnostic("TK0023",
        Helper(string.Empty, "y[i] = [|System.Linq.Enumerable.Count(new[] { 1, 2 })|];"));

    [Fact]
    public void TK0024_instance_method() => AssertDiagnostic("TK0024",
        Usings + "public struct S { public float F(float v) => v; }\npublic static partial class K { [Kernel] public static void A(int i, Span<float> y) => y[i] = [|default(S).F(1f)|]; }");

    [Fact]
    public void TK0024_interface_method() => AssertDiagnostic("TK0024",
        Usings + "public interface IOp { float Apply(float v); }\npublic struct S : IOp { public float Apply(float v) => v; }\n"
        + "public static partial class K { [Kernel] public static void A(int i, Span<float> y) => y[i] = [|((IOp)default(S)).Apply(1f)|]; }");

    [Fact]
    public void TK0024_helper_with_unsupported_parameter() => AssertDiagnostic("TK0024",
        Helper("static float F(decimal v) => (float)v;", "y[i] = F([|i|]);"));

    [Fact]
    public void TK0025_barrier_in_loop_with_break() => AssertDiagnostic("TK0025",
        Helper(string.Empty, "for (int k = 0; k < 4; k++) { if (y[i] > k) break; [|Group.Barrier()|]; }"));

    [Fact]
    public void TK0025_barrier_in_switch() => AssertDiagnostic("TK0025",
        Helper(string.Empty, "switch (i) { case 0: [|Group.Barrier()|]; break; }"));

    [Fact]
    public void TK0025_return_before_barrier() => AssertDiagnostic("TK0025",
        Helper(string.Empty, "if (i >= y.Length) [|return;|]\n Group.Barrier(); y[i] = 1;"));

    [Fact]
    public void TK0025_barrier_in_helper() => AssertDiagnostic("TK0007",
        Helper("static void Sync() { [|Group.Barrier()|]; }", "Sync(); y[i] = 1;"));

    [Fact]
    public void TK0026_shared_length_not_constant() => AssertDiagnostic("TK0026",
        Helper(string.Empty, "Span<float> [|tile = Group.Shared<float>(y.Length)|]; tile[0] = 1; y[i] = tile[0];"));

    [Fact]
    public void TK0026_shared_inside_block() => AssertDiagnostic("TK0026",
        Helper(string.Empty, "if (i > 0) { Span<float> [|tile = Group.Shared<float>(64)|]; tile[0] = 1; y[i] = tile[0]; }"));

    [Fact]
    public void TK0026_shared_too_large() => AssertDiagnostic("TK0026",
        Helper(string.Empty, "Span<double> [|tile = Group.Shared<double>(8192)|]; tile[0] = 1; y[i] = (float)tile[0];"));

    [Fact]
    public void TK0027_atomic_on_float() => AssertDiagnostic("TK0027",
        Helper(string.Empty, "[|Interlocked.Exchange(ref y[i], 1f)|];"));

    [Fact]
    public void TK0027_atomic_on_long() => AssertDiagnostic("TK0027",
        Helper(string.Empty, "[|Interlocked.Add(ref y[i], 1L)|];", "int i, Span<long> y"));

    [Fact]
    public void TK0027_atomic_on_group_shared_ulong() => AssertDiagnostic("TK0027",
        Helper(string.Empty, "Span<ulong> counts = Group.Shared<ulong>(4); [|Interlocked.Increment(ref counts[0])|]; y[i] = (long)counts[0];", "int i, Span<long> y"));

    [Fact]
    public void TK0028_wave_product_of_long() => AssertDiagnostic("TK0028",
        Helper(string.Empty, "y[i] = (long)[|Wave.Product(y[i])|];", "int i, Span<long> y"));

    [Fact]
    public void TK0028_wave_product_of_ulong() => AssertDiagnostic("TK0028",
        Helper(string.Empty, "y[i] = (ulong)[|Wave.Product(y[i])|];", "int i, Span<ulong> y"));

    [Fact]
    public void TK0028_wave_read_lane_of_vector() => AssertDiagnostic("TK0028",
        Helper(string.Empty, "y[i] = [|Wave.ReadLane(y[i], 1)|];", "int i, Span<System.Numerics.Vector4> y"));

    [Fact]
    public void TK0007_wave_in_helper() => AssertDiagnostic("TK0007",
        Helper("static float Total(float v) => [|Wave.Sum(v)|];", "y[i] = Total(y[i]);"));

    [Fact]
    public void TK0007_wave_lane_index_in_helper() => AssertDiagnostic("TK0007",
        Helper("static int Lane() => [|Wave.LaneIndex|];", "y[i] = Lane();"));

    [Fact]
    public void TK0006_switch_on_long() => AssertDiagnostic("TK0006",
        Helper(string.Empty, "switch ([|y[i]|]) { case 5_000_000_000L: y[i] = 1; break; }", "int i, Span<long> y"));

    [Fact]
    public void TK0008_half_function() => AssertDiagnostic("TK0008",
        Helper(string.Empty, "y[i] = [|Half.Sqrt(y[i])|];", "int i, Span<Half> y"));

    [Fact]
    public void TK0007_half_constant_without_a_counterpart() => AssertDiagnostic("TK0007",
        Helper(string.Empty, "y[i] = [|Half.Pi|];", "int i, Span<Half> y"));

    [Fact]
    public void TK0012_checked_long_arithmetic() => AssertDiagnostic("TK0012",
        Helper(string.Empty, "y[i] = checked([|y[i] * 3|]);", "int i, Span<long> y"));

    [Fact]
    public void TK0027_atomic_on_local() => AssertDiagnostic("TK0027",
        Helper(string.Empty, "int local = 0; Interlocked.Add([|ref local|], 1); y[i] = local;"));

    [Fact]
    public void TK0006_goto() => AssertDiagnostic("TK0006", Kernel("[|goto end;|]\n end: y[i] = 1;"));

    [Fact]
    public void TK0006_throw() => AssertDiagnostic("TK0006", Kernel("if (i < 0) [|throw new InvalidOperationException();|]\n y[i] = 1;"));

    [Fact]
    public void TK0006_async() => AssertDiagnostic("TK0006",
        Usings + "public static partial class K { [Kernel] public static [|async|] void A(int i, float s) { await System.Threading.Tasks.Task.Yield(); } }");

    [Fact]
    public void TK0006_unsafe_method() => AssertDiagnostic("TK0006",
        Usings + "public static partial class K { [Kernel] public static [|unsafe|] void A(int i, Span<float> y) { y[i] = 1; } }");

    [Fact]
    public void TK0006_switch_on_float() => AssertDiagnostic("TK0006", Kernel("switch ([|x[i]|]) { case 1f: y[i] = 1; break; }"));

    [Fact]
    public void TK0006_pattern_case() => AssertDiagnostic("TK0006", Kernel("switch (i) { [|case > 3:|] y[i] = 1; break; }"));

    [Fact]
    public void TK0007_lambda() => AssertDiagnostic("TK0007", Kernel("Func<float, float> f = [|v => v|]; y[i] = 1;"));

    [Fact]
    public void TK0007_new_reference_type() => AssertDiagnostic("TK0007", Kernel("var o = [|new object()|]; y[i] = 1;"));

    [Fact]
    public void TK0007_stackalloc() => AssertDiagnostic("TK0007", Kernel("Span<float> [|s = stackalloc float[4]|]; y[i] = s[0];"));

    [Fact]
    public void TK0007_interpolated_string() => AssertDiagnostic("TK0007", Kernel("var s = [|$\"{i}\"|]; y[i] = 1;"));

    [Fact]
    public void TK0007_group_index_as_a_whole() => AssertDiagnostic("TK0007", Kernel("var g = [|Group.ThreadIndex|]; y[i] = g.X;"));

    [Fact]
    public void TK0009_string_local() => AssertDiagnostic("TK0009", Kernel("string [|s = \"a\"|]; y[i] = 1;"));

    [Fact]
    public void Every_descriptor_has_a_test()
    {
        var ids = typeof(KernelGenerator).Assembly.GetType("Tandem.Generator.DiagnosticDescriptors")!
            .GetFields().Select(f => ((DiagnosticDescriptor)f.GetValue(null)!).Id).ToList();
        // The analyzer's diagnostics (not the generator's) are tested beside it.
        var tested = typeof(DiagnosticTests).GetMethods().Concat(typeof(ElementTypeAnalyzerTests).GetMethods()).Select(m => m.Name).Where(n => n.StartsWith("TK", StringComparison.Ordinal)).Select(n => n[..6]).ToHashSet();
        Assert.DoesNotContain(ids, id => !tested.Contains(id));
    }

    [Fact]
    public void Valid_kernels_report_no_errors_or_warnings()
    {
        var (result, diagnostics) = GeneratorHarness.Run(GeneratorHarness.CorpusFiles().Select(GeneratorHarness.Corpus).ToArray());
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        Assert.DoesNotContain(diagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
    }
}

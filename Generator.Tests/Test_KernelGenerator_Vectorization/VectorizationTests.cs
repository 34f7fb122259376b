using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Tandem.Generator.Tests;

/// <summary>
/// Which kernels get a SIMD CPU loop, and for the others the TK0021 reason the user sees: for the whole test corpus
/// (a new corpus kernel must be added to the table, so every kernel's status is a decision), and for small kernels
/// that each probe one rule. A kernel that vectorizes must also compile with its generated SIMD loop.
/// </summary>
public sealed class VectorizationTests
{
    /// <summary>Corpus kernel → null when vectorized, else a fragment of its TK0021 reason.</summary>
    private static readonly Dictionary<string, string?> CorpusExpectations = new(StringComparer.Ordinal)
    {
        ["AbsoluteDifference"] = null,
        ["Activation"] = "it calls Pow on float, which has no exact SIMD form",
        ["AtomicResults"] = "it uses Interlocked atomics",
        ["BitTricks"] = "it loops",
        ["DoubleFromBits"] = null,
        ["ExponentMirror"] = null,
        ["BlackScholes"] = null,
        ["BlockSum"] = "it uses thread groups",
        ["Blur3x3"] = null,
        ["BoxBlur"] = "it loops",
        ["ClaimSlots"] = "it uses Interlocked atomics",
        ["ClampTo"] = null,
        ["CollatzSteps"] = "it loops",
        ["Convolve"] = "it loops",
        ["CopyAbove"] = null,
        ["DoubleAxpby"] = null,
        ["DoubleIdentities"] = null,
        ["DoubleMath"] = "it indexes 'output' with a stride between threads",
        ["DoubleMinMax"] = null,
        ["DoubleMultiplyAdd"] = null,
        ["DoubleRounding"] = "it applies 'Remainder' to per-thread double values, which has no SIMD form",
        ["ExpChain"] = null,
        ["GroupCoordinates"] = "it uses thread groups",
        ["GuardedDifference"] = null,
        ["HalfBlockReverse"] = "it computes with Half",
        ["HalfConversions"] = "it computes with Half",
        ["HalfIdentities"] = "it computes with Half",
        ["HalfOps"] = "it computes with Half",
        ["HalfSquare"] = null,
        ["HeatStep"] = "it assigns inside an expression",
        ["HeatSweep"] = null,
        ["Helpers"] = "it calls the helper method 'LanguageKernels.Accumulate'",
        ["Histogram"] = "it calls the helper method 'LanguageKernels.Bucket'",
        ["Identities"] = null,
        ["IndexRamp"] = null,
        ["IntOps"] = null,
        ["IntegerSemantics"] = "it applies 'Divide' to per-thread int values",
        ["LaggedDifference"] = null,
        ["LaneControl"] = "it calls the helper method 'LaneKernels.Twice'",
        ["LongAxpy"] = null,
        ["LongBlockSum"] = "it uses thread groups",
        ["LongConversions"] = "it indexes 'longs' with a stride between threads",
        ["LongOps"] = "it calls the helper method 'WideTypeKernels.Twice'",
        ["LongQuotient"] = "it applies 'Divide' to per-thread long values",
        ["Mandelbrot"] = "it loops",
        ["MatMul"] = "it loops",
        ["MathHeavy"] = null,
        ["MinMax"] = null,
        ["MultiplyAdd"] = null,
        ["NBodyStep"] = "it uses System.Numerics vectors",
        ["Relu"] = null,
        ["Rounding"] = "it converts double to float per thread",
        ["RowNorms"] = "it loops",
        ["SaturatingAdd"] = null,
        ["Saxpy"] = null,
        ["Saxpy2D"] = null,
        ["ScaleShift"] = null,
        ["SharedHistogram"] = "it uses thread groups",
        ["SideEffects"] = "it assigns inside an expression",
        ["SignSplit"] = null,
        ["SingleBits"] = null,
        ["Smooth3"] = null,
        ["SqrtOfPositive"] = null,
        ["Standardize"] = null,
        ["Stencil"] = null,
        ["StoreThenRead"] = null,
        ["SwitchAndNestedLoops"] = "it uses 'switch'",
        ["Threshold2D"] = null,
        ["TiledMatMul"] = "it uses thread groups",
        ["Transpose"] = "it indexes 'output' with a stride between threads",
        ["UIntOps"] = null,
        ["ULongMix"] = null,
        ["VectorMethods"] = "it uses System.Numerics vectors",
        ["VectorMinMax"] = "it uses System.Numerics vectors",
        ["Volume"] = null,
        ["WaveBlockMax"] = "it uses thread groups",
        ["WaveBlockSum"] = "it uses thread groups",
        ["WaveFacts"] = "it uses subgroup (Wave) operations",
        ["WaveLongFacts"] = "it uses subgroup (Wave) operations",
        ["WideDivision"] = "it indexes 'signed' with a stride between threads",
        ["WindowSum"] = "it loops",
    };

    [Fact]
    public void Corpus_kernels_are_vectorized_or_say_why_not()
    {
        var sources = GeneratorHarness.CorpusFiles().Select(GeneratorHarness.Corpus).ToArray();
        var (result, _) = GeneratorHarness.Run(sources);
        var kernels = result.Results.SelectMany(r => r.GeneratedSources)
            .Select(s => s.HintName.Replace(".g.cs", string.Empty, StringComparison.Ordinal).Split('.').Last())
            .ToList();
        var reasons = Reasons(result);
        var actual = kernels.OrderBy(k => k, StringComparer.Ordinal).ToDictionary(k => k, k => reasons.GetValueOrDefault(k));
        var table = string.Join("\n", actual.Select(p => $"        [\"{p.Key}\"] = {(p.Value is null ? "null" : "\"" + p.Value + "\"")},"));
        Assert.True(actual.Keys.ToHashSet().SetEquals(CorpusExpectations.Keys), "The corpus and the table differ; the corpus now gives:\n" + table);
        foreach (var (kernel, expected) in CorpusExpectations)
        {
            if (expected is null)
            {
                Assert.True(actual[kernel] is null, $"{kernel} should be vectorized but is not: {actual[kernel]}");
            }
            else
            {
                Assert.True(actual[kernel]?.Contains(expected, StringComparison.Ordinal) == true, $"{kernel}: expected a reason with '{expected}', got: {actual[kernel] ?? "vectorized"}");
            }
        }
    }

    private const string Floats = "int i, ReadOnlySpan<float> x, Span<float> y";

    /// <summary>(parameters, body, null when it must vectorize or a fragment of the TK0021 reason).</summary>
    public static TheoryData<string, string, string?> Probes() => new()
    {
        // Masked selects and writes.
        { Floats, "y[i] = x[i] > 0f ? x[i] : 0f;", null },
        { Floats, "if (x[i] > 0f) y[i] = x[i];", null },
        { Floats, "bool big = x[i] > 1f; bool negative = x[i] < 0f; y[i] = big || !negative ? 1f : 0f;", null },
        { Floats, "float t = 0f; if (x[i] > 0f) t = 1f; else if (x[i] < -1f) t = 2f; y[i] = t;", null },
        // Returns under masks: alone, nested (the enclosing mask drops the returned lanes), under a uniform if.
        { Floats, "if (x[i] < 0f) return; y[i] = x[i];", null },
        { Floats, "if (x[i] > 0f) { if (x[i] > 1f) return; y[i] = 1f; } y[i] += 2f;", null },
        { "int i, bool stop, ReadOnlySpan<float> x, Span<float> y", "if (x[i] > 0f) { if (stop) return; y[i] = 1f; }", null },
        { "int i, int n, ReadOnlySpan<float> x, Span<float> y", "if (n <= 0) return; y[i] = x[i];", null },
        // Code after an if whose branches both return is unreachable; C# lets it read a local in its own initializer.
        { Floats, "y[i] = 1f; if (x[i] > 0f) return; else return; float p = i > 0 && x[i - 1] > p ? x[i - 1] : 0f; y[i] = p;", null },
        // Neighbour, offset and broadcast loads.
        { Floats, "y[i] = i > 0 ? x[i - 1] : 0f;", null },
        { Floats, "int j = i - 1; y[i] = j >= 0 ? x[j] : 0f;", null },
        { "int i, int k, ReadOnlySpan<float> x, Span<float> y", "y[i] = x[i + k];", null },
        { Floats, "y[i] = x[i] * x[0];", null },
        { "int i, int n, int d, ReadOnlySpan<float> x, Span<float> y", "y[i] = x[i] + n / d;", null },
        // Tanh, and float Sin and Cos, through the runtime's VectorMath (pinned by Math_calls_take_the_vector_form_...).
        { Floats, "y[i] = MathF.Tanh(x[i]) * 2f;", null },
        { "int i, ReadOnlySpan<double> x, Span<double> y", "y[i] = Math.Tanh(x[i]);", null },
        { Floats, "y[i] = MathF.Sin(x[i]) * MathF.Cos(2f * x[i]);", null },
        { "int i, ReadOnlySpan<double> x, Span<double> y", "y[i] = Math.Sin(x[i]) - Math.Cos(x[i]);", null },
        // .NET's saturating float-to-int conversion, spelled out (AsType's kernel).
        { "int i, ReadOnlySpan<float> x, Span<int> y", "float a = x[i]; y[i] = float.IsNaN(a) ? 0 : a >= 2147483648f ? int.MaxValue : a <= -2147483648f ? int.MinValue : (int)a;", null },
        // Rows along X.
        { "Index2D id, int w, ReadOnlySpan<float> x, Span<float> y", "y[id.Y * w + id.X] = x[id.Y * w + id.X + 1];", null },
        { "Index3D id, int w, int h, Span<float> y", "y[(id.Z * h + id.Y) * w + id.X] = id.X;", null },
        // What stays scalar, and why.
        // Every 2nd or 4th 32-bit element: four comparisons packed into a word, as the byte results of Mx's comparisons.
        { Floats, "y[i] = x[2 * i] - x[2 * i + 1];", null },
        { "int i, ReadOnlySpan<float> x, Span<uint> y", "int j = 4 * i; y[i] = (x[j] > 0f ? 1u : 0u) | ((x[j + 1] > 0f ? 1u : 0u) << 8) | ((x[j + 3] > 0f ? 1u : 0u) << 24);", null },
        { "int i, int n, ReadOnlySpan<int> x, Span<int> y", "int j = 4 * (i + 1); y[i] = j < n ? x[j] : 0;", null },
        { "int i, ReadOnlySpan<int> x, Span<int> y", "int j = 4 * i; y[i] = x[j] + (2 * x[j + 1]) + (3 * x[j + 2]) - x[j + 3];", null },
        { Floats, "y[i] = x[3 * i];", "with a stride other than 1, 2 or 4" },
        { "int i, int k, ReadOnlySpan<float> x, Span<float> y", "y[i] = x[4 * (i + k)];", "times a stride" },
        { "int i, ReadOnlySpan<double> x, Span<double> y", "y[i] = x[2 * i];", "for 32-bit elements only" },
        { Floats, "y[2 * i] = x[i]; y[2 * i + 1] = x[i] > 0f ? 1f : y[2 * i + 1];", null },
        { "int i, ReadOnlySpan<uint> c, ReadOnlySpan<float> x, Span<float> y", "int j = 4 * i; uint w = c[i]; y[j] = (w & 255u) != 0u ? x[j] : 0f; if (j + 3 < x.Length) y[j + 3] = (w >> 24) != 0u ? x[j + 3] : 0f;", null },
        { Floats, "y[2 * i] = x[i]; y[2 * i + 2] = 0f;", "outside the thread's own group" },
        { "Index2D id, int rows, ReadOnlySpan<float> x, Span<float> y", "y[id.X * rows + id.Y] = x[id.Y];", "it indexes 'y' with a stride between threads" },
        { "int i, ReadOnlySpan<int> k, ReadOnlySpan<float> x, Span<float> y", "y[i] = x[k[i]];", "not the thread index plus an offset" },
        { Floats, "int j = i; j = j + 1; y[i] = x[j];", "through 'j', which is assigned more than once" },
        { "int i, int n, int d, ReadOnlySpan<float> x, Span<float> y", "y[i] = x[i + n / d];", "cannot be computed before the loop" },
        { "int i, Span<float> y", "y[i] = i > 0 ? y[i - 1] : 0f;", "it writes 'y' and also accesses it at another index" },
        { Floats, "y[0] = x[i];", "it writes 'y' at an index that is the same for all threads" },
        { "int i, ReadOnlySpan<int> a, Span<int> b", "b[i] = a[i] / 3;", "it applies 'Divide' to per-thread int values" },
        { "int i, float s, ReadOnlySpan<float> x, Span<float> y", "if (x[i] > 0f) s = 2f; y[i] = s;", "assigns the parameter 's' under a per-thread condition" },
        { "int i, int n, int d, ReadOnlySpan<float> x, Span<int> y", "y[i] = x[i] > 0f ? n / d : 0;", "may throw" },
        { "int i, int n, int d, ReadOnlySpan<float> x, Span<int> y", "if (x[i] > 0f) { int q = n % d; y[i] = q; }", "may throw" },
        { "int i, ReadOnlySpan<double> x, Span<double> y", "y[i] = i > 0 ? x[i] : 0.0;", "mixes 32-bit and 64-bit" },
        { Floats, "y[i] = x[i] > 0.5 ? 1f : 0f;", "a float widened to double" },
        { Floats, "float t; y[i] = (t = x[i]) + t;", "assigns inside an expression" },
        { Floats, "switch (i % 2) { case 0: y[i] = 1f; break; default: y[i] = x[i]; break; }", "it uses 'switch'" },
        { Floats, "for (int k = 0; k < 2; k++) y[i] += x[i];", "it loops" },
    };

    [Theory]
    [MemberData(nameof(Probes))]
    public void Probe_is_vectorized_or_says_why_not(string parameters, string body, string? expected)
    {
        var source = "using System;\nusing Tandem;\npublic static partial class K\n{\n    [Kernel]\n    public static void A(" + parameters + ")\n    {\n        " + body + "\n    }\n}\n";
        var (result, compilation) = GeneratorHarness.Run(source);
        Assert.Empty(compilation.Where(d => d.Severity == DiagnosticSeverity.Error));
        var reason = Reasons(result).GetValueOrDefault("A");
        var generated = result.Results.SelectMany(r => r.GeneratedSources).Single().SourceText.ToString();
        if (expected is null)
        {
            Assert.True(reason is null, "expected a SIMD loop, got TK0021: " + reason);
            Assert.True(generated.Contains("Vector256.StoreUnsafe(", StringComparison.Ordinal) || generated.Contains("Vector256.GetElement(", StringComparison.Ordinal), "no vector store");
        }
        else
        {
            Assert.True(reason?.Contains(expected, StringComparison.Ordinal) == true, $"expected a reason with '{expected}', got: {reason ?? "vectorized"}");
            Assert.Equal(DiagnosticSeverity.Info, result.Diagnostics.Single(d => d.Id == "TK0021").Severity);
            Assert.DoesNotContain("Vector256", generated, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// System.Runtime.Intrinsics has no tanh and computes a float's exp, sine and cosine in double (half the speed or
    /// less): those calls go to the runtime's VectorMath; a double's exp, sine and cosine stay .NET's.
    /// </summary>
    [Theory]
    [InlineData("float", "MathF.Exp", "global::Tandem.CompilerServices.VectorMath.Exp(")]
    [InlineData("double", "Math.Exp", "global::System.Runtime.Intrinsics.Vector256.Exp(")]
    [InlineData("float", "MathF.Tanh", "global::Tandem.CompilerServices.VectorMath.Tanh(")]
    [InlineData("double", "Math.Tanh", "global::Tandem.CompilerServices.VectorMath.Tanh(")]
    [InlineData("float", "MathF.Sin", "global::Tandem.CompilerServices.VectorMath.Sin(")]
    [InlineData("float", "MathF.Cos", "global::Tandem.CompilerServices.VectorMath.Cos(")]
    [InlineData("double", "Math.Sin", "global::System.Runtime.Intrinsics.Vector256.Sin(")]
    [InlineData("double", "Math.Cos", "global::System.Runtime.Intrinsics.Vector256.Cos(")]
    public void Math_calls_take_the_vector_form_that_keeps_their_precision(string type, string call, string emitted)
    {
        var source = "using System;\nusing Tandem;\npublic static partial class K\n{\n    [Kernel]\n    public static void A(int i, ReadOnlySpan<" + type + "> x, Span<" + type + "> y) => y[i] = " + call + "(x[i]);\n}\n";
        var (result, compilation) = GeneratorHarness.Run(source);
        Assert.Empty(compilation.Where(d => d.Severity == DiagnosticSeverity.Error));
        var generated = result.Results.SelectMany(r => r.GeneratedSources).Single().SourceText.ToString();
        Assert.Contains(emitted, generated, StringComparison.Ordinal);
    }

    /// <summary>
    /// Each width .NET accelerates runs in turn, widest first, from where the wider loop stopped: 512-bit vectors take
    /// the bulk where they are accelerated, and the 256- and 128-bit loops the rest, not only where 512 is not.
    /// </summary>
    [Fact]
    public void The_loops_of_each_width_run_in_turn_widest_first()
    {
        var source = "using System;\nusing Tandem;\npublic static partial class K\n{\n    [Kernel]\n    public static void A(int i, ReadOnlySpan<float> x, Span<float> y) => y[i] = x[i] * 2f;\n}\n";
        var (result, compilation) = GeneratorHarness.Run(source);
        Assert.Empty(compilation.Where(d => d.Severity == DiagnosticSeverity.Error));
        var generated = result.Results.SelectMany(r => r.GeneratedSources).Single().SourceText.ToString();
        int[] guards = [.. new[] { 512, 256, 128 }.Select(width => generated.IndexOf($"if (global::System.Runtime.Intrinsics.Vector{width}.IsHardwareAccelerated)", StringComparison.Ordinal))];
        Assert.All(guards, guard => Assert.True(guard >= 0, "a width has no loop"));
        Assert.True(guards[0] < guards[1] && guards[1] < guards[2], "the widths are not widest first");
        Assert.DoesNotContain("else if (global::System.Runtime.Intrinsics.Vector", generated, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("int i, ReadOnlySpan<float> x, Span<float> y", "int j = 4 * i; float a = x[j]; if (j + 3 < x.Length) { a += x[j + 3]; } y[i] = a;", false)]
    [InlineData("int i, ReadOnlySpan<float> x, Span<float> y", "y[i] = i + 2 < x.Length ? x[i + 2] : 0f;", false)]
    [InlineData("int i, ReadOnlySpan<float> x, Span<float> y", "y[i] = i + 3 < x.Length ? x[i + 2] : 0f;", true)]
    public void A_guard_that_the_range_check_proves_costs_no_mask(string parameters, string body, bool masked)
    {
        var source = "using System;\nusing Tandem;\npublic static partial class K\n{\n    [Kernel]\n    public static void A(" + parameters + ")\n    {\n        " + body + "\n    }\n}\n";
        var (result, compilation) = GeneratorHarness.Run(source);
        Assert.Empty(compilation.Where(d => d.Severity == DiagnosticSeverity.Error));
        var generated = result.Results.SelectMany(r => r.GeneratedSources).Single().SourceText.ToString();
        Assert.Contains("Vector256", generated, StringComparison.Ordinal);
        Assert.Equal(masked, generated.Contains("Vector256.LessThan(", StringComparison.Ordinal));
    }

    /// <summary>Kernel name → the reason of its TK0021 (the message's second argument).</summary>
    private static Dictionary<string, string> Reasons(GeneratorDriverRunResult result) =>
        result.Diagnostics.Where(d => d.Id == "TK0021").ToDictionary(
            d => d.GetMessage(CultureInfo.InvariantCulture).Split('\'')[1],
            d => d.GetMessage(CultureInfo.InvariantCulture).Split(new[] { "runs as a scalar loop: " }, StringSplitOptions.None)[1]);
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using Xunit.Abstractions;

namespace Tandem.Generator.Tests.Fuzzing;

/// <summary>
/// Random kernels (<see cref="RandomSimdKernel"/>) are compiled with their generated code and run two ways on the
/// same inputs: by direct calls of the user's method (the reference) and through the launcher on a CPU stream,
/// whose CPU version runs the SIMD loop where the generator vectorized the kernel. The results must be equal bit for
/// bit, a launch must fail exactly when the direct calls throw, and every vector load and store must stay inside the
/// span it was made from (<see cref="SimdProbe"/> checks each one before it touches memory).
/// </summary>
public sealed class SimdDifferentialTests(ITestOutputHelper output)
{
    private const int SeedBase = 3_000_000;
    private static readonly int[] Extents = [0, 1, 5, 8, 9, 16, 23, 40, 100];
    private static readonly (int W, int H)[] Shapes = [(1, 1), (5, 3), (8, 2), (9, 4), (20, 3), (33, 2)];

    [Fact]
    public void Random_kernels_give_the_direct_calls_results_and_stay_in_bounds()
    {
        var failures = new List<string>();
        var (inputs, vectorized, simdRuns) = (0, 0, 0);
        var started = DateTime.UtcNow;
        for (int n = 0; Continue(n, started) && failures.Count < 3; n++)
        {
            int seed = FuzzSoak.ReplaySeed ?? SeedBase + n;
            var random = new Random(seed);
            string source = new RandomSimdKernel(random, twoDimensional: seed % 3 == 0).Build();
            inputs++;
            try
            {
                var (isVectorized, ranSimd) = Check(source, seed);
                vectorized += isVectorized ? 1 : 0;
                simdRuns += ranSimd ? 1 : 0;
            }
            catch (Exception exception) when (exception is Xunit.Sdk.XunitException or InvalidOperationException)
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"seed {seed} (TANDEM_FUZZ_SEED={seed} replays it): {exception.Message}\n--- source ---\n{source}"));
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{inputs} kernels, {vectorized} vectorized, {simdRuns} ran vector code, {failures.Count} failures"));
        Assert.True(failures.Count == 0, string.Join("\n==========\n", failures));
        Assert.True(inputs == 1 || simdRuns > inputs / 3, $"only {simdRuns} of {inputs} random kernels ran the SIMD loop: the fuzzer no longer reaches it");
    }

    private static bool Continue(int n, DateTime started) =>
        FuzzSoak.ReplaySeed is not null ? n == 0
        : FuzzSoak.IsOn ? (DateTime.UtcNow - started).TotalMinutes < FuzzSoak.Minutes
        : n < 60;

    /// <summary>Runs one kernel at every extent; returns whether it vectorized and whether vector code ran.</summary>
    private static (bool Vectorized, bool RanSimd) Check(string source, int seed)
    {
        var compilation = GeneratorHarness.CreateCompilation(source);
        GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var generated, out var diagnostics);
        if (diagnostics.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error) is { } refused)
        {
            throw new InvalidOperationException("the generator refused the kernel: " + refused);
        }

        bool vectorized = !diagnostics.Any(d => d.Id == "TK0021");
        var trees = generated.SyntaxTrees.Select(t => t.FilePath.EndsWith(".g.cs", StringComparison.Ordinal)
            ? CSharpSyntaxTree.ParseText(Instrument(t.ToString()), (CSharpParseOptions)t.Options, t.FilePath)
            : t);
        var instrumented = compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(trees)
            .AddReferences(MetadataReference.CreateFromFile(typeof(SimdProbe).Assembly.Location));
        using var image = new MemoryStream();
        var emitted = instrumented.Emit(image);
        if (!emitted.Success)
        {
            throw new InvalidOperationException("the kernel and its generated code do not compile: " + string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(3)));
        }

        var context = new AssemblyLoadContext("simd-fuzz", isCollectible: true);
        try
        {
            image.Position = 0;
            var driver = context.LoadFromStream(image).GetType("Driver")!;
            bool ranSimd = false;
            var random = new Random(seed);
            var shapes = source.Contains("Index2D id", StringComparison.Ordinal) ? Shapes : Extents.Select(e => (e, 1)).ToArray();
            foreach (var (w, h) in shapes)
            {
                ranSimd |= Run(driver, random, w, h);
            }

            return (vectorized, ranSimd);
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>Swaps the SIMD loop's unchecked memory operations for <see cref="SimdProbe"/>'s checked ones.</summary>
    internal static string Instrument(string generated)
    {
        const string Probe = "global::Tandem.Generator.Tests.Fuzzing.SimdProbe.";
        return new StringBuilder(generated)
            .Replace("global::System.Runtime.InteropServices.MemoryMarshal.GetReference(", Probe + "Track(")
            .Replace("global::System.Runtime.Intrinsics.Vector256.LoadUnsafe(", Probe + "Load256(")
            .Replace("global::System.Runtime.Intrinsics.Vector128.LoadUnsafe(", Probe + "Load128(")
            .Replace("global::System.Runtime.Intrinsics.Vector256.StoreUnsafe(", Probe + "Store256(")
            .Replace("global::System.Runtime.Intrinsics.Vector128.StoreUnsafe(", Probe + "Store128(")
            .Replace("global::System.Runtime.CompilerServices.Unsafe.Add(", Probe + "Element(")
            .ToString();
    }

    private static bool Run(Type driver, Random random, int w, int h)
    {
        int n = w * h;
        // Now and then x and y are the same array: then a lane may read what another lane writes, and only the
        // scalar loop keeps the direct calls' order.
        bool alias = random.Next(4) == 0;
        float s = random.Next(4) == 0 ? float.NaN : (random.NextSingle() * 4) - 2;
        int k = random.Next(-12, 13);
        float[] special = [float.NaN, -0f, 0f, float.PositiveInfinity, float.NegativeInfinity, 3e9f, -3e9f, 1e-40f];
        var x = Enumerable.Range(0, n + (alias ? 0 : random.Next(3))).Select(_ => random.Next(6) == 0 ? special[random.Next(special.Length)] : (random.NextSingle() * 8) - 4).ToArray();
        var m = Enumerable.Range(0, n).Select(_ => random.Next(5) == 0 ? random.Next(int.MinValue, int.MaxValue) : random.Next(-9, 10)).ToArray();
        var y = alias ? x : Enumerable.Range(0, n).Select(_ => (random.NextSingle() * 8) - 4).ToArray();
        var z = Enumerable.Range(0, n).Select(_ => random.Next(-9, 10)).ToArray();

        var (expectedY, expectedZ) = ((float[])y.Clone(), (int[])z.Clone());
        Exception? referenceFailure = null;
        try
        {
            driver.GetMethod("Reference")!.Invoke(null, [w, h, n, s, k, alias ? expectedY : x, m, expectedY, expectedZ]);
        }
        catch (TargetInvocationException exception)
        {
            referenceFailure = exception.InnerException;
        }

        SimdProbe.Reset();
        var (ya, za) = (Mx.Array(y), Mx.Array(z));
        Exception? launchFailure = null;
        float[] actualY = [];
        int[] actualZ = [];
        try
        {
            driver.GetMethod("Launch")!.Invoke(null, [w, h, n, s, k, alias ? ya : Mx.Array(x), Mx.Array(m), ya, za]);
            (actualY, actualZ) = (ya.ToArray(), za.ToArray());
        }
        catch (Exception exception) when (exception is TargetInvocationException or KernelExecutionException)
        {
            launchFailure = exception;
        }

        string at = string.Create(CultureInfo.InvariantCulture, $"extent {w}x{h}, s = {s:R}, k = {k}{(alias ? ", x and y the same array" : string.Empty)}");
        if (SimdProbe.Violations.Count > 0)
        {
            throw new Xunit.Sdk.XunitException($"{at}: the SIMD loop accessed memory out of range: {SimdProbe.Violations[0]}");
        }

        if ((referenceFailure is null) != (launchFailure is null))
        {
            throw new Xunit.Sdk.XunitException($"{at}: direct calls {(referenceFailure is null ? "succeeded" : "threw " + referenceFailure.GetType().Name)}, the launch {(launchFailure is null ? "succeeded" : "failed: " + launchFailure)}");
        }

        if (referenceFailure is null)
        {
            for (int i = 0; i < n; i++)
            {
                if (!SameFloat(expectedY[i], actualY[i]) || expectedZ[i] != actualZ[i])
                {
                    throw new Xunit.Sdk.XunitException(string.Create(CultureInfo.InvariantCulture,
                        $"{at}: element {i}: y = {actualY[i]:R}, z = {actualZ[i]}; the direct calls give y = {expectedY[i]:R}, z = {expectedZ[i]}"));
                }
            }
        }

        return SimdProbe.VectorAccesses > 0;
    }

    /// <summary>
    /// Bit for bit, signed zeros included; but any NaN equals any NaN: which operand's NaN payload an IEEE operation
    /// returns is not specified, and the JIT may swap the operands of + and * in scalar and vector code alike.
    /// </summary>
    private static bool SameFloat(float expected, float actual) =>
        float.IsNaN(expected) ? float.IsNaN(actual) : BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(actual);
}

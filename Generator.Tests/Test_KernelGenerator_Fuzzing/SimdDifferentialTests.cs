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
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Tandem.Generator.Tests.Fuzzing;

/// <summary>
/// Random kernels (<see cref="RandomSimdKernel"/>) are compiled with their generated code and run two ways on the
/// same inputs, which include NaN, infinities, signed zeros, subnormals and huge values: by direct calls of the user's
/// method (the reference) and through the launcher. On the CPU, whose version runs the SIMD loop where the generator
/// vectorized the kernel, the results must be equal bit for bit, a launch must fail exactly when the direct calls
/// throw, and every vector load and store must stay inside the span it was made from (<see cref="SimdProbe"/> checks
/// each one before it touches memory).
/// </summary>
public sealed partial class SimdDifferentialTests(ITestOutputHelper output)
{
    private const int SeedBase = 3_000_000;
    private static readonly int[] Extents = [0, 1, 5, 8, 9, 16, 23, 40, 100];
    private static readonly (int W, int H)[] Shapes = [(1, 1), (5, 3), (8, 2), (9, 4), (20, 3), (33, 2)];

    [Fact]
    public void Random_kernels_give_the_direct_calls_results_and_stay_in_bounds()
    {
        var run = Fuzz(Mx.Cpu, ciKernels: 60);
        Assert.True(run.Kernels == 1 || run.SimdRuns > run.Kernels / 3, $"only {run.SimdRuns} of {run.Kernels} random kernels ran the SIMD loop: the fuzzer no longer reaches it");
    }

    private FuzzRun Fuzz(Device device, int ciKernels)
    {
        var failures = new List<string>();
        var run = new FuzzRun();
        var started = DateTime.UtcNow;
        for (int n = 0; Continue(n, started, ciKernels) && failures.Count < 3; n++)
        {
            int seed = FuzzSoak.ReplaySeed ?? SeedBase + n;
            var random = new Random(seed);
            string source = new RandomSimdKernel(random, twoDimensional: seed % 3 == 0).Build();
            run.Kernels++;
            try
            {
                Check(source, seed, device, run);
            }
            catch (Exception exception) when (exception is Xunit.Sdk.XunitException or InvalidOperationException)
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"seed {seed} (TANDEM_FUZZ_SEED={seed} replays it): {exception.Message}\n--- source ---\n{source}"));
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{device}: {run.Kernels} kernels, {run.Vectorized} vectorized, {run.SimdRuns} ran vector code, {run.Compared} runs compared, {failures.Count} failures"));
        Assert.True(failures.Count == 0, string.Join("\n==========\n", failures));
        return run;
    }

    private static bool Continue(int n, DateTime started, int ciKernels) =>
        FuzzSoak.ReplaySeed is not null ? n == 0
        : FuzzSoak.IsOn ? (DateTime.UtcNow - started).TotalMinutes < FuzzSoak.Minutes
        : n < ciKernels;

    /// <summary>Runs one kernel at every extent on <paramref name="device"/>, counting into <paramref name="run"/>.</summary>
    private static void Check(string source, int seed, Device device, FuzzRun run)
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
                var (compared, simd) = Run(driver, random, w, h, device);
                run.Compared += compared ? 1 : 0;
                ranSimd |= simd;
            }

            run.Vectorized += vectorized ? 1 : 0;
            run.SimdRuns += ranSimd ? 1 : 0;
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
        string instrumented = new StringBuilder(generated)
            .Replace("global::System.Runtime.InteropServices.MemoryMarshal.GetReference(", Probe + "Track(")
            .Replace("global::System.Runtime.Intrinsics.Vector512.LoadUnsafe(", Probe + "Load512(")
            .Replace("global::System.Runtime.Intrinsics.Vector256.LoadUnsafe(", Probe + "Load256(")
            .Replace("global::System.Runtime.Intrinsics.Vector128.LoadUnsafe(", Probe + "Load128(")
            .Replace("global::System.Runtime.Intrinsics.Vector512.StoreUnsafe(", Probe + "Store512(")
            .Replace("global::System.Runtime.Intrinsics.Vector256.StoreUnsafe(", Probe + "Store256(")
            .Replace("global::System.Runtime.Intrinsics.Vector128.StoreUnsafe(", Probe + "Store128(")
            .Replace("global::System.Runtime.CompilerServices.Unsafe.Add(", Probe + "Element(")
            .ToString();
        // A vector width added to the generator without a probe here would run unchecked: fail instead.
        if (instrumented.Contains("LoadUnsafe(", StringComparison.Ordinal) || instrumented.Contains("StoreUnsafe(", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The generated SIMD loop has a load or store that SimdProbe does not check.");
        }

        return instrumented;
    }

    /// <summary>
    /// Runs the kernel on one extent; returns whether the results were compared and whether vector code ran.
    /// </summary>
    private static (bool Compared, bool RanSimd) Run(Type driver, Random random, int w, int h, Device device)
    {
        int n = w * h;
        // Now and then x and y are the same array: then a lane may read what another lane writes, and only the
        // scalar loop keeps the direct calls' order (the GPU keeps none: the inputs are drawn alike, not run).
        bool alias = random.Next(4) == 0;
        float s = random.Next(4) == 0 ? Special(random) : (random.NextSingle() * 4) - 2;
        int k = random.Next(-12, 13);
        var x = Enumerable.Range(0, n + (alias ? 0 : random.Next(3))).Select(_ => Value(random)).ToArray();
        var m = Enumerable.Range(0, n).Select(_ => random.Next(5) == 0 ? random.Next(int.MinValue, int.MaxValue) : random.Next(-9, 10)).ToArray();
        var y = alias ? x : Enumerable.Range(0, n).Select(_ => Value(random)).ToArray();
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

        bool onGpu = device.Type == DeviceType.Gpu;
        if (onGpu && (alias || referenceFailure is not null))
        {
            return (false, false);
        }

        SimdProbe.Reset();
        var (ya, za) = (Mx.Array(y), Mx.Array(z));
        Exception? launchFailure = null;
        float[] actualY = [];
        int[] actualZ = [];
        try
        {
            driver.GetMethod("Launch")!.Invoke(null, [w, h, n, s, k, alias ? ya : Mx.Array(x), Mx.Array(m), ya, za, (StreamOrDevice)device]);
            (actualY, actualZ) = (ya.ToArray(), za.ToArray());
        }
        catch (Exception exception) when (exception is TargetInvocationException or KernelExecutionException)
        {
            launchFailure = exception;
        }

        string at = string.Create(CultureInfo.InvariantCulture, $"{device.Type} extent {w}x{h}, s = {s:R}, k = {k}{(alias ? ", x and y the same array" : string.Empty)}");
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
                // Bit for bit, signed zeros included; any NaN for NaN (IEEE does not say which operand's payload an
                // operation returns, and the JIT may swap the operands of + and *).
                if (Numerics.Mismatch(expectedY[i], actualY[i], 0, 0f) is { } why || expectedZ[i] != actualZ[i])
                {
                    throw new Xunit.Sdk.XunitException(string.Create(CultureInfo.InvariantCulture,
                        $"{at}: element {i}: y = {actualY[i]:R}, z = {actualZ[i]}; the direct calls give y = {expectedY[i]:R}, z = {expectedZ[i]}"));
                }
            }
        }

        return (referenceFailure is null, SimdProbe.VectorAccesses > 0);
    }

    /// <summary>An input value: one in five is special (NaN, an infinity, a signed zero, a subnormal, a huge value).</summary>
    private static float Value(Random random) => random.Next(5) == 0 ? Special(random) : (random.NextSingle() * 8) - 4;

    private static float Special(Random random) => Specials[random.Next(Specials.Length)];

    private static readonly float[] Specials =
    [
        float.NaN, -0f, 0f, float.PositiveInfinity, float.NegativeInfinity, 3e9f, -3e9f, float.MaxValue, 1e-40f, -1e-40f,
        float.Epsilon, -float.Epsilon, 1.1754942E-38f,
    ];

    private sealed class FuzzRun
    {
        public int Kernels { get; set; }

        public int Vectorized { get; set; }

        public int SimdRuns { get; set; }

        public int Compared { get; set; }
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using Xunit;
using Xunit.Abstractions;

namespace Tandem.Generator.Tests.Fuzzing;

/// <summary>
/// Feeds the generator mutants of the valid corpus and random kernels, with fixed seeds (input n uses seed base + n):
/// it must never throw or hang, must either translate or refuse with a TK diagnostic, and its HLSL must compile
/// (glslc + spirv-val). A failure prints the seed (TANDEM_FUZZ_SEED replays it) and the source.
/// </summary>
public sealed class GeneratorFuzzTests(ITestOutputHelper output)
{
    private const int MutantSeedBase = 1_000_000;
    private const int RandomKernelSeedBase = 2_000_000;

    [Fact]
    public void Mutated_corpus_kernels_never_crash_or_hang_the_generator_and_are_translated_or_refused()
    {
        FuzzRun run = Fuzz(MutantSeedBase, ciInputs: 1500, ciShaders: 100, random =>
            KernelMutator.Mutate(KernelCorpus.Kernels[random.Next(KernelCorpus.Kernels.Count)], random));
        run.AssertClean();
        Assert.True(run.Inputs == 1 || run.InputsCompiling > run.Inputs / 20,
            $"Only {run.InputsCompiling} of {run.Inputs} mutants compile: the mutator no longer reaches the translator.");
    }

    [Fact]
    public void Random_kernels_in_the_documented_language_translate_and_their_HLSL_compiles()
    {
        FuzzRun run = Fuzz(RandomKernelSeedBase, ciInputs: 400, ciShaders: 100, random => new RandomKernelSource(random).Build());
        run.AssertClean();
        Assert.True(run.Refused == 0, $"{run.Refused} random kernels in the documented language were refused:\n{run.FirstRefusal}");
        Assert.True(run.Inputs == 1 || run.ShadersCompiled > 0, "No shader was compiled.");
    }

    private FuzzRun Fuzz(int seedBase, int ciInputs, int ciShaders, Func<Random, string> makeInput)
    {
        var run = new FuzzRun();
        var stopwatch = Stopwatch.StartNew();
        var shaders = new Dictionary<(string Hlsl, string EntryPoint), (int Seed, string Source)>();
        for (int n = 0; Continue(n, ciInputs, stopwatch) && run.Failures.Count < 5; n++)
        {
            int seed = FuzzSoak.ReplaySeed ?? seedBase + n;
            string source = MakeInput(makeInput, seed);
            GeneratorCheck check = GeneratorCheck.Run(source);
            run.Inputs++;
            run.InputsCompiling += check.InputCompiles ? 1 : 0;
            if (check.Refused && run.Refused++ == 0)
            {
                run.FirstRefusal = Describe(seed, "refused", source);
            }

            if (check.Failure is not null)
            {
                run.Failures.Add(Describe(seed, check.Failure, source));
            }

            foreach ((string entryPoint, string hlsl) in check.Shaders)
            {
                shaders.TryAdd((hlsl, entryPoint), (seed, source));
            }
        }

        TimeSpan generating = stopwatch.Elapsed;
        // A soak compiles shaders for as long as it generated them (glslc takes ~30 ms each, far longer than a generator run).
        foreach (((string hlsl, string entryPoint), (int seed, string source)) in shaders.Take(FuzzSoak.IsOn ? int.MaxValue : ciShaders))
        {
            if (FuzzSoak.IsOn && stopwatch.Elapsed > 2 * generating)
            {
                break;
            }

            try
            {
                ShaderCompiler.AssertCompiles(hlsl, entryPoint, string.Create(CultureInfo.InvariantCulture, $"fuzz-{seed}-{entryPoint}"));
                run.ShadersCompiled++;
            }
            catch (Xunit.Sdk.XunitException rejected) when (run.Failures.Count < 5)
            {
                run.Failures.Add(Describe(seed, rejected.Message, source));
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seeds {FuzzSoak.ReplaySeed ?? seedBase}..{(FuzzSoak.ReplaySeed ?? seedBase) + run.Inputs - 1}: {run.Inputs} inputs in {generating.TotalSeconds:0.0} s, {run.InputsCompiling} without C# errors, "
            + $"{run.Refused} refused with TK errors, {shaders.Count} distinct shaders, {run.ShadersCompiled} compiled by glslc in "
            + $"{(stopwatch.Elapsed - generating).TotalSeconds:0.0} s, {run.Failures.Count} failures"));
        return run;
    }

    /// <summary>A bug in the mutator itself must still name the seed that shows it.</summary>
    private static string MakeInput(Func<Random, string> makeInput, int seed)
    {
        try
        {
            return makeInput(new Random(seed));
        }
        catch (Exception exception)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Making the input of seed {seed} failed."), exception);
        }
    }

    private static bool Continue(int n, int ciInputs, Stopwatch stopwatch) =>
        FuzzSoak.ReplaySeed is not null ? n == 0
        : FuzzSoak.IsOn ? stopwatch.Elapsed.TotalMinutes < FuzzSoak.Minutes
        : n < ciInputs;

    private static string Describe(int seed, string what, string source) =>
        string.Create(CultureInfo.InvariantCulture, $"seed {seed} (TANDEM_FUZZ_SEED={seed} replays it): {what}\n--- source ---\n{source}");

    private sealed class FuzzRun
    {
        public int Inputs { get; set; }

        public int InputsCompiling { get; set; }

        public int Refused { get; set; }

        public string? FirstRefusal { get; set; }

        public int ShadersCompiled { get; set; }

        public List<string> Failures { get; } = [];


        public void AssertClean()
        {
            if (Failures.Count > 0)
            {
                var message = new StringBuilder();
                message.Append(CultureInfo.InvariantCulture, $"{Failures.Count} fuzzed inputs broke the generator's contract:\n");
                foreach (string failure in Failures)
                {
                    message.Append("\n==========\n").Append(failure);
                }

                throw new Xunit.Sdk.XunitException(message.ToString());
            }
        }
    }
}

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
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

    // Each kind of input is generated once; one test checks the generator's contract, the other compiles the shaders.
    private static readonly Lazy<FuzzRun> Mutants = new(() => Fuzz(MutantSeedBase, ciInputs: 1500, random =>
        KernelMutator.Mutate(KernelCorpus.Kernels[random.Next(KernelCorpus.Kernels.Count)], random)));

    private static readonly Lazy<FuzzRun> RandomKernels = new(() => Fuzz(RandomKernelSeedBase, ciInputs: 400, random => new RandomKernelSource(random).Build()));

    [Fact]
    public void Mutated_corpus_kernels_never_crash_or_hang_the_generator_and_are_translated_or_refused()
    {
        FuzzRun run = Mutants.Value;
        output.WriteLine(run.Summary);
        run.AssertClean();
        Assert.True(run.Inputs == 1 || run.InputsCompiling > run.Inputs / 20,
            $"Only {run.InputsCompiling} of {run.Inputs} mutants compile: the mutator no longer reaches the translator.");
    }

    [ShaderToolsFact]
    public void Mutated_corpus_kernels_give_HLSL_that_compiles() => CompileShaders(Mutants.Value);

    [Fact]
    public void Random_kernels_in_the_documented_language_translate()
    {
        FuzzRun run = RandomKernels.Value;
        output.WriteLine(run.Summary);
        run.AssertClean();
        Assert.True(run.Refused == 0, $"{run.Refused} random kernels in the documented language were refused:\n{run.FirstRefusal}");
    }

    [ShaderToolsFact]
    public void Random_kernels_in_the_documented_language_give_HLSL_that_compiles()
    {
        FuzzRun run = RandomKernels.Value;
        CompileShaders(run);
        Assert.True(run.Inputs == 1 || run.ShadersCompiled > 0, "No shader was compiled.");
    }

    private static FuzzRun Fuzz(int seedBase, int ciInputs, Func<Random, string> makeInput)
    {
        var run = new FuzzRun();
        var stopwatch = Stopwatch.StartNew();
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
                run.Shaders.TryAdd((hlsl, entryPoint), (seed, source));
            }
        }

        run.Generating = stopwatch.Elapsed;
        run.Summary = string.Create(CultureInfo.InvariantCulture,
            $"seeds {FuzzSoak.ReplaySeed ?? seedBase}..{(FuzzSoak.ReplaySeed ?? seedBase) + run.Inputs - 1}: {run.Inputs} inputs in {run.Generating.TotalSeconds:0.0} s, "
            + $"{run.InputsCompiling} without C# errors, {run.Refused} refused with TK errors, {run.Shaders.Count} distinct shaders, {run.Failures.Count} failures");
        return run;
    }

    private void CompileShaders(FuzzRun run)
    {
        // CI compiles every distinct shader, one glslc per core; a soak compiles for as long as it generated (glslc
        // takes ~30 ms a shader, far longer than a generator run).
        var stopwatch = Stopwatch.StartNew();
        var rejections = new ConcurrentQueue<string>();
        int compiled = 0;
        Parallel.ForEach(run.Shaders, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, (shader, loop) =>
        {
            var ((hlsl, entryPoint), (seed, source)) = (shader.Key, shader.Value);
            if ((FuzzSoak.IsOn && stopwatch.Elapsed > run.Generating) || rejections.Count >= 5)
            {
                loop.Stop();
                return;
            }

            try
            {
                ShaderTools.AssertCompiles(hlsl, entryPoint, string.Create(CultureInfo.InvariantCulture, $"fuzz-{seed}-{entryPoint}"));
                Interlocked.Increment(ref compiled);
            }
            catch (Xunit.Sdk.XunitException rejected)
            {
                rejections.Enqueue(Describe(seed, rejected.Message, source));
            }
        });
        run.ShadersCompiled = compiled;

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{run.Summary}; {run.ShadersCompiled} shaders compiled by glslc in {stopwatch.Elapsed.TotalSeconds:0.0} s, {rejections.Count} rejected"));
        FuzzRun.AssertNoFailures(rejections.Take(5).ToList());
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

        /// <summary>The distinct shaders the inputs gave, with the first input that gave each.</summary>
        public Dictionary<(string Hlsl, string EntryPoint), (int Seed, string Source)> Shaders { get; } = [];

        public TimeSpan Generating { get; set; }

        public string Summary { get; set; } = string.Empty;

        public void AssertClean() => AssertNoFailures(Failures);

        public static void AssertNoFailures(List<string> failures)
        {
            if (failures.Count > 0)
            {
                var message = new StringBuilder();
                message.Append(CultureInfo.InvariantCulture, $"{failures.Count} fuzzed inputs broke the generator's contract:\n");
                foreach (string failure in failures)
                {
                    message.Append("\n==========\n").Append(failure);
                }

                throw new Xunit.Sdk.XunitException(message.ToString());
            }
        }
    }
}

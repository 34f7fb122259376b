using System.Diagnostics;
using System.Linq;
using Xunit;
using Xunit.Abstractions;

namespace Tandem.Generator.Tests.Performance;

/// <summary>
/// The generator's cost per kernel: the runtime's built-in ops are kernels too (hundreds of them), and every build of
/// a project with kernels pays it.
/// </summary>
public sealed class GeneratorSpeedTests(ITestOutputHelper output)
{
    /// <summary>A bound far above the measured cost (docs/PERFORMANCE.md), that only a gross regression crosses.</summary>
    private const double MaxMillisecondsPerKernel = 250;

    [Fact]
    public void Generating_the_corpus_takes_little_time_per_kernel()
    {
        var compilation = GeneratorHarness.CreateCompilation(GeneratorHarness.CorpusFiles().Select(GeneratorHarness.Corpus).ToArray());
        var kernels = GeneratorHarness.CreateDriver().RunGenerators(compilation).GetRunResult().GeneratedTrees.Length;
        Assert.True(kernels >= 50, $"only {kernels} kernels");

        // The best of several full (not incremental) runs, after the warm-up above: what a build pays, without the noise.
        var best = double.MaxValue;
        for (var run = 0; run < 5; run++)
        {
            var clock = Stopwatch.StartNew();
            GeneratorHarness.CreateDriver().RunGenerators(compilation);
            best = System.Math.Min(best, clock.Elapsed.TotalMilliseconds);
        }

        var perKernel = best / kernels;
        output.WriteLine($"RESULT generator {kernels} kernels: {best:F0} ms, {perKernel:F2} ms per kernel");
        Assert.True(perKernel < MaxMillisecondsPerKernel, $"{perKernel:F1} ms per kernel");
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using CsCheck;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Tandem.Runtime.Tests.Reliability;

/// <summary>
/// Random programs over shared arrays on several streams (CPU, and GPU when present), issued from several threads, must
/// observe exactly what a sequential run of the same program observes: a missed read-after-write, write-after-read or
/// write-after-write dependency, or a buffer freed too early, shows as a wrong integer.
/// </summary>
public sealed class RandomScheduleTests(ITestOutputHelper output)
{
    /// <summary>Programs in a CI run; each has up to 40 steps. A soak runs for TANDEM_SOAK minutes instead.</summary>
    private const int CiPrograms = 2000;

    /// <summary>
    /// A CI run starts no new program after this long, so a loaded machine runs fewer programs instead of failing
    /// the deadline (which is there to catch a hang); it must still run <see cref="MinimumPrograms"/>.
    /// </summary>
    private static readonly TimeSpan CiBudget = TimeSpan.FromSeconds(60);

    private const int MinimumPrograms = 20;

    /// <summary>False once the test should start no new program: asked to stop, or out of its CI budget.</summary>
    private static bool MayStart(CancellationToken stop, Stopwatch elapsed) =>
        !stop.IsCancellationRequested && (Soak.IsOn || elapsed.Elapsed < CiBudget);

    [Fact]
    public void Random_programs_observe_what_a_sequential_run_observes()
    {
        IReadOnlyList<DeviceStream> streams = StreamPool.Streams;
        int programs = 0;
        var elapsed = Stopwatch.StartNew();
        Bounded.Run(stop => ScheduleGen.Program(streams.Count).Sample(
            program =>
            {
                if (!MayStart(stop, elapsed))
                {
                    return;
                }

                Interlocked.Increment(ref programs);
                List<Observation> expected = ReferenceModel.Run(program);
                List<Observation> actual = TandemRunner.Run(program, streams);
                if (StepSemantics.FirstDifference(expected, actual) is { } difference)
                {
                    throw new Xunit.Sdk.XunitException($"The program observed a value a sequential run does not: {difference}");
                }
            },
            writeLine: output.WriteLine,
            iter: Soak.IsOn ? -1 : CiPrograms,
            time: Soak.IsOn ? (int)(Soak.Minutes * 60) : -1,
            threads: 1,
            print: program => program.ToString()), Soak.Deadline(TimeSpan.FromSeconds(60)));

        Assert.True(programs >= MinimumPrograms, $"Only {programs} programs ran within {CiBudget.TotalSeconds} s.");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{programs} programs (with shrinking) on {streams.Count} streams: {string.Join(", ", streams)}"));
    }

    /// <summary>Programs with failing launches in a CI run.</summary>
    private const int CiProgramsWithFaults = 600;

    [Fact]
    public void Random_programs_with_failing_launches_observe_what_the_semantics_predict()
    {
        IReadOnlyList<DeviceStream> streams = StreamPool.Streams;
        int programs = 0;
        var elapsed = Stopwatch.StartNew();
        long faultsBefore = FaultInjection.FaultsInjected;
        try
        {
            Bounded.Run(stop => ScheduleGen.ProgramWithFaults(streams.Count).Sample(
                program =>
                {
                    if (!MayStart(stop, elapsed))
                    {
                        return;
                    }

                    Interlocked.Increment(ref programs);
                    List<Observation> expected = ReferenceModel.Run(program);
                    List<Observation> actual = TandemRunner.Run(program, streams);
                    if (StepSemantics.FirstDifference(expected, actual) is { } difference)
                    {
                        throw new Xunit.Sdk.XunitException($"The program observed what the semantics (docs/ARCHITECTURE.md) do not predict: {difference}");
                    }
                },
                writeLine: output.WriteLine,
                iter: Soak.IsOn ? -1 : CiProgramsWithFaults,
                time: Soak.IsOn ? (int)(Soak.Minutes * 60) : -1,
                threads: 1,
                print: program => program.ToString()), Soak.Deadline(TimeSpan.FromSeconds(60)));
        }
        finally
        {
            FaultInjection.Reset();
        }

        Assert.True(programs >= MinimumPrograms, $"Only {programs} programs ran within {CiBudget.TotalSeconds} s.");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{programs} programs (with shrinking), {FaultInjection.FaultsInjected - faultsBefore} launches made to fail, on {streams.Count} streams: {string.Join(", ", streams)}"));
    }

    [Fact]
    public void The_model_catches_a_wrong_observation()
    {
        // The comparison itself must be able to fail: a program whose model and real run differ by design.
        var program = new ScheduleProgram([[1, 2, 3], [4, 5, 6]], 1, 1,
            [new Step(StepKind.Copy, 0, 1, 0, 0, 0, 0), new Step(StepKind.Observe, 0, 0, 0, 0, 0, 0)]);
        List<Observation> expected = ReferenceModel.Run(program);
        Assert.Equal(new[] { 4, 5, 6 }, expected[0].Values);
        List<Observation> actual = Bounded.Run(() => TandemRunner.Run(program, StreamPool.Streams));
        Assert.Null(StepSemantics.FirstDifference(expected, actual));

        actual[0] = actual[0] with { Values = [1, 2, 3] };
        Assert.Contains("step 1: a0", StepSemantics.FirstDifference(expected, actual), StringComparison.Ordinal);
    }
}

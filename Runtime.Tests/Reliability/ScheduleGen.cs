using System;
using CsCheck;

namespace Tandem.Runtime.Tests.Reliability;

/// <summary>CsCheck generators of random programs; CsCheck shrinks a failing one towards fewer, smaller steps and arrays.</summary>
internal static class ScheduleGen
{
    /// <summary>Mostly short arrays (below and around a SIMD vector), sometimes long ones that a CPU launch splits across
    /// cores and Sum splits into chunks.</summary>
    private static readonly Gen<int[]> s_initialArray =
        Gen.Frequency((9, Gen.Int[1, 40]), (1, Gen.Int[4000, 9000]))
            .SelectMany(length => Gen.Int[-50, 50].Array[length]);

    /// <summary>A step with raw indices, reduced to the program's counts by <see cref="Program(int, Gen{Step})"/>.</summary>
    private static readonly Gen<Step> s_rawStep = Gen.Select(
        Gen.Enum<StepKind>(), Gen.Int[0, 7], Gen.Int[0, 7], Gen.Int[0, 7], Gen.Int[-3, 3], Gen.Int[0, 7], Gen.Int[0, 3],
        (kind, target, source, other, scalar, stream, thread) => new Step(kind, target, source, other, scalar, stream, thread));

    /// <summary>A step as <see cref="s_rawStep"/>, made to fail one time in eight.</summary>
    private static readonly Gen<Step> s_rawStepThatMayFail = Gen.Select(s_rawStep, Gen.Int[0, 7], (step, dice) => step with { Fails = dice == 0 });

    public static Gen<ScheduleProgram> Program(int availableStreams) => Program(availableStreams, s_rawStep);

    /// <summary>Programs where some launches are made to fail.</summary>
    public static Gen<ScheduleProgram> ProgramWithFaults(int availableStreams) => Program(availableStreams, s_rawStepThatMayFail);

    private static Gen<ScheduleProgram> Program(int availableStreams, Gen<Step> rawStep) => Gen.Select(
        s_initialArray.Array[2, 5], Gen.Int[1, availableStreams], Gen.Int[1, 3], rawStep.Array[1, 40],
        (arrays, streams, threads, steps) => new ScheduleProgram(arrays, streams, threads, Array.ConvertAll(steps, step => step with
        {
            Target = step.Target % arrays.Length,
            Source = step.Source % arrays.Length,
            Other = step.Other % arrays.Length,
            Stream = step.Stream % streams,
            Thread = step.Thread % threads,
        })));
}

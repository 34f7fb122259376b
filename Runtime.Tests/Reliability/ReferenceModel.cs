using System;
using System.Collections.Generic;
using System.Linq;

namespace Tandem.Runtime.Tests.Reliability;

/// <summary>
/// Runs a <see cref="ScheduleProgram"/> in plain C#, one step after the other: the expected observations. Failures
/// follow the semantics of docs/ARCHITECTURE.md: a launch that is made to fail, or that reads or updates an array whose
/// last writer failed, does not run (one that only writes the array does) and its output counts as failed; reading a failed array throws the original failure; a synchronization
/// throws the first failure of its stream(s) that no synchronization or read reported yet; every failure is reported
/// once.
/// </summary>
internal static class ReferenceModel
{
    public static List<Observation> Run(ScheduleProgram program)
    {
        int[][] arrays = program.InitialArrays.Select(a => (int[])a.Clone()).ToArray();
        var state = new FailureState(arrays.Length);
        var observations = new List<Observation>();
        for (int index = 0; index < program.Steps.Length; index++)
        {
            Step step = program.Steps[index];
            int[] source = arrays[step.Source];
            switch (step.Kind)
            {
                case StepKind.MultiplyAddInPlace:
                    int[] target = arrays[step.Target];
                    state.Launch(step, index, [step.Source, step.Target], step.Target, () =>
                    {
                        for (int i = 0; i < Math.Min(target.Length, source.Length); i++)
                        {
                            target[i] = unchecked((target[i] * step.Scalar) + source[i]);
                        }
                    });
                    break;
                case StepKind.Copy or StepKind.SlowCopy:
                    // A copy only writes its destination: it runs whatever happened to the destination's last writer.
                    state.Launch(step, index, [step.Source], step.Target,
                        () => Array.Copy(source, arrays[step.Target], Math.Min(source.Length, arrays[step.Target].Length)));
                    break;
                case StepKind.Add or StepKind.Subtract or StepKind.Multiply:
                    int[] other = arrays[step.Other];
                    bool sameLength = other.Length == source.Length;
                    int[] result = sameLength
                        ? source.Select((value, i) => StepSemantics.Apply(step.Kind, value, other[i])).ToArray()
                        : source.Select(value => StepSemantics.Apply(step.Kind, value, step.Scalar)).ToArray();
                    NewArray(arrays, state, step, index, sameLength ? [step.Source, step.Other] : [step.Source], result);
                    break;
                case StepKind.Full:
                    NewArray(arrays, state, step, index, [], Enumerable.Repeat(step.Scalar, program.InitialArrays[step.Other].Length).ToArray());
                    break;
                case StepKind.Sum:
                    NewArray(arrays, state, step, index, [step.Source], [source.Aggregate(0, (sum, value) => unchecked(sum + value))]);
                    break;
                case StepKind.Observe:
                    observations.Add(state.Read(index, step.Source, source));
                    break;
                case StepKind.SynchronizeStream:
                    observations.Add(new Observation(index, Observation.StreamSync, [], state.Synchronize([step.Stream])));
                    break;
                case StepKind.SynchronizeAll:
                    int? all = state.Synchronize(Enumerable.Range(0, program.StreamCount));
                    observations.Add(new Observation(index, Observation.AllSync, [], all is null ? null : Observation.SomeStep));
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(program), step.Kind, "Unknown step.");
            }
        }

        for (int i = 0; i < arrays.Length; i++)
        {
            observations.Add(state.Read(-1, i, arrays[i]));
        }

        int? last = state.Synchronize(Enumerable.Range(0, program.StreamCount));
        observations.Add(new Observation(-1, Observation.AllSync, [], last is null ? null : Observation.SomeStep));
        return observations;
    }

    /// <summary>
    /// An op that makes a new array: it holds <paramref name="result"/>, or zeros when the op failed or did not run (new
    /// memory is zeroed), which a later op that only writes part of it leaves in place.
    /// </summary>
    private static void NewArray(int[][] arrays, FailureState state, Step step, int index, int[] uses, int[] result)
    {
        arrays[step.Target] = new int[result.Length];
        state.Launch(step, index, uses, step.Target, () => arrays[step.Target] = result);
    }

    /// <summary>Which arrays hold the output of a failed op, and which failures were reported and taken.</summary>
    private sealed class FailureState(int arrayCount)
    {
        private readonly Failure?[] _writers = new Failure?[arrayCount];
        private readonly List<Failure> _failures = [];

        /// <summary>
        /// A launch reading <paramref name="uses"/> (in the kernel's parameter order) and writing
        /// <paramref name="output"/>: skipped when an input's writer failed (the first such input is the cause), made to
        /// fail when the step says so, else run.
        /// </summary>
        public void Launch(Step step, int index, int[] uses, int output, Action run)
        {
            Failure? failedInput = uses.Distinct().Select(use => _writers[use]).FirstOrDefault(writer => writer is not null);
            Failure? failure = failedInput is not null ? new Failure(step.Stream, failedInput.OriginStep, failedInput)
                : step.Fails ? new Failure(step.Stream, index, null)
                : null;
            if (failure is null)
            {
                run();
            }
            else
            {
                _failures.Add(failure);
            }

            _writers[output] = failure;
        }

        /// <summary>ToArray: the values, or the failure of the array's last writer (always, reported or not).</summary>
        public Observation Read(int index, int array, int[] values)
        {
            if (_writers[array] is { } failed)
            {
                failed.MarkReported();
                return new Observation(index, array, [], failed.OriginStep);
            }

            return new Observation(index, array, (int[])values.Clone());
        }

        /// <summary>The origin of the first failure of <paramref name="streams"/> no one reported yet; all of them are taken.</summary>
        public int? Synchronize(IEnumerable<int> streams)
        {
            var which = streams.ToHashSet();
            int? first = null;
            foreach (Failure failure in _failures.Where(f => which.Contains(f.Stream) && !f.Taken))
            {
                if (first is null && !failure.Reported)
                {
                    first = failure.OriginStep;
                }

                failure.MarkReported();
                failure.Taken = true;
            }

            return first;
        }
    }

    /// <summary>A failed (or skipped) op on <paramref name="Stream"/>, going back to the failure made at <paramref name="OriginStep"/>.</summary>
    private sealed record Failure(int Stream, int OriginStep, Failure? Cause)
    {
        public bool Reported { get; private set; }

        public bool Taken { get; set; }

        /// <summary>Reporting a failure reports the ones it follows from too.</summary>
        public void MarkReported()
        {
            for (Failure? failure = this; failure is not null; failure = failure.Cause)
            {
                failure.Reported = true;
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;

namespace Tandem.Runtime.Tests.Reliability;

/// <summary>Runs a <see cref="ScheduleProgram"/> in plain C#, one step after the other: the expected observations.</summary>
internal static class ReferenceModel
{
    public static List<Observation> Run(ScheduleProgram program)
    {
        int[][] arrays = program.InitialArrays.Select(a => (int[])a.Clone()).ToArray();
        var observations = new List<Observation>();
        for (int index = 0; index < program.Steps.Length; index++)
        {
            Step step = program.Steps[index];
            int[] source = arrays[step.Source];
            switch (step.Kind)
            {
                case StepKind.MultiplyAddInPlace:
                    int[] target = arrays[step.Target];
                    for (int i = 0; i < Math.Min(target.Length, source.Length); i++)
                    {
                        target[i] = unchecked((target[i] * step.Scalar) + source[i]);
                    }

                    break;
                case StepKind.Copy or StepKind.SlowCopy:
                    Array.Copy(source, arrays[step.Target], Math.Min(source.Length, arrays[step.Target].Length));
                    break;
                case StepKind.Add or StepKind.Subtract or StepKind.Multiply:
                    int[] other = arrays[step.Other];
                    arrays[step.Target] = other.Length == source.Length
                        ? source.Select((value, i) => StepSemantics.Apply(step.Kind, value, other[i])).ToArray()
                        : source.Select(value => StepSemantics.Apply(step.Kind, value, step.Scalar)).ToArray();
                    break;
                case StepKind.Full:
                    arrays[step.Target] = Enumerable.Repeat(step.Scalar, program.InitialArrays[step.Other].Length).ToArray();
                    break;
                case StepKind.Sum:
                    arrays[step.Target] = [source.Aggregate(0, (sum, value) => unchecked(sum + value))];
                    break;
                case StepKind.Observe:
                    observations.Add(new Observation(index, step.Source, (int[])source.Clone()));
                    break;
                case StepKind.SynchronizeStream or StepKind.SynchronizeAll:
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(program), step.Kind, "Unknown step.");
            }
        }

        for (int i = 0; i < arrays.Length; i++)
        {
            observations.Add(new Observation(-1, i, arrays[i]));
        }

        return observations;
    }
}

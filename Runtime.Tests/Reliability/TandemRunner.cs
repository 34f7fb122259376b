using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Tandem.CompilerServices;
using Tandem.Runtime.Tests.Infrastructure;

namespace Tandem.Runtime.Tests.Reliability;

/// <summary>Runs a <see cref="ScheduleProgram"/> on Tandem: each step on its stream, issued from its thread.</summary>
internal static class TandemRunner
{
    /// <summary>Generous: llvmpipe runs GPU steps on the CPU, and the machine may be loaded.</summary>
    private static readonly TimeSpan s_stepLimit = TimeSpan.FromSeconds(30);

    private static readonly KernelDescriptor s_slowCopy = TestKernel.Describe("Reliability.SlowCopy", 1,
        TestBuffer.Read("source"), TestBuffer.WriteOnly("destination"));

    public static List<Observation> Run(ScheduleProgram program, IReadOnlyList<DeviceStream> streams)
    {
        var observations = new List<Observation>();
        var faults = new FaultPlan(program);
        Array<int>[] arrays = program.InitialArrays.Select(Mx.Array).ToArray();
        using var threads = new IssuingThreads(program.ThreadCount);
        try
        {
            for (int index = 0; index < program.Steps.Length; index++)
            {
                Step step = program.Steps[index];
                int stepIndex = index;
                threads.Run(step.Thread, () =>
                {
                    faults.BeforeIssue(stepIndex, streams[step.Stream]);
                    Issue(step, stepIndex, program, arrays, streams[step.Stream], observations, faults);
                }, s_stepLimit, string.Create(CultureInfo.InvariantCulture, $"Step {index} ({step})"));
            }

            for (int i = 0; i < arrays.Length; i++)
            {
                int array = i;
                threads.Run(0, () => observations.Add(Read(-1, array, arrays[array], faults)), s_stepLimit,
                    string.Create(CultureInfo.InvariantCulture, $"The final read of a{i}"));
            }

            // Takes every failure not reported yet, so the next program starts clean.
            threads.Run(0, () => observations.Add(SynchronizeAll(-1, faults)), s_stepLimit, "The final Mx.Synchronize");
        }
        finally
        {
            faults.Dispose();
            foreach (Array<int> array in arrays)
            {
                array.Dispose();
            }
        }

        return observations;
    }

    /// <summary>ToArray, or the injected failure it threw.</summary>
    private static Observation Read(int step, int index, Array<int> array, FaultPlan faults)
    {
        try
        {
            return new Observation(step, index, array.ToArray());
        }
        catch (KernelExecutionException failure)
        {
            return new Observation(step, index, [], faults.StepThatFailed(failure));
        }
    }

    private static Observation SynchronizeAll(int step, FaultPlan faults)
    {
        try
        {
            Mx.Synchronize();
            return new Observation(step, Observation.AllSync, []);
        }
        catch (KernelExecutionException failure)
        {
            _ = faults.StepThatFailed(failure); // an unexpected (not injected) failure still fails the test
            return new Observation(step, Observation.AllSync, [], Observation.SomeStep);
        }
    }

    private static void Issue(Step step, int index, ScheduleProgram program, Array<int>[] arrays, DeviceStream stream, List<Observation> observations,
        FaultPlan faults)
    {
        Array<int> source = arrays[step.Source];
        Array<int> target = arrays[step.Target];
        switch (step.Kind)
        {
            case StepKind.MultiplyAddInPlace:
                ReliabilityKernels.MultiplyAddInPlace(Math.Min(target.Length, source.Length), step.Scalar, source, target, stream);
                break;
            case StepKind.Copy:
                ReliabilityKernels.CopyInts(Math.Min(target.Length, source.Length), source, target, stream);
                break;
            case StepKind.SlowCopy when stream.Device.Type == DeviceType.Cpu:
                SlowCopy(source, target, stream);
                break;
            case StepKind.SlowCopy:
                ReliabilityKernels.CopyInts(Math.Min(target.Length, source.Length), source, target, stream);
                break;
            case StepKind.Add or StepKind.Subtract or StepKind.Multiply:
                Replace(arrays, step.Target, Binary(step, source, arrays[step.Other], stream));
                break;
            case StepKind.Full:
                Replace(arrays, step.Target, Mx.Full([program.InitialArrays[step.Other].Length], step.Scalar, stream));
                break;
            case StepKind.Sum:
                Replace(arrays, step.Target, SumAsVector(source, stream));
                break;
            case StepKind.Observe:
                observations.Add(Read(index, step.Source, source, faults));
                break;
            case StepKind.SynchronizeStream:
                try
                {
                    stream.Synchronize();
                    observations.Add(new Observation(index, Observation.StreamSync, []));
                }
                catch (KernelExecutionException failure)
                {
                    observations.Add(new Observation(index, Observation.StreamSync, [], faults.StepThatFailed(failure)));
                }

                break;
            case StepKind.SynchronizeAll:
                observations.Add(SynchronizeAll(index, faults));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(step), step.Kind, "Unknown step.");
        }
    }

    private static Array<int> Binary(Step step, Array<int> source, Array<int> other, DeviceStream stream)
    {
        bool sameLength = other.Length == source.Length;
        return step.Kind switch
        {
            StepKind.Add => sameLength ? Mx.Add(source, other, stream) : Mx.Add(source, step.Scalar, stream),
            StepKind.Subtract => sameLength ? Mx.Subtract(source, other, stream) : Mx.Subtract(source, step.Scalar, stream),
            _ => sameLength ? Mx.Multiply(source, other, stream) : Mx.Multiply(source, step.Scalar, stream),
        };
    }

    /// <summary>Mx.Sum has shape []; the programs keep every array one-dimensional (binary ops need equal shapes), so the
    /// sum is copied into a [1] array and the temporary disposed while the copy may still be queued.</summary>
    private static Array<int> SumAsVector(Array<int> source, DeviceStream stream)
    {
        using Array<int> sum = Mx.Sum(source, stream);
        Array<int> vector = Mx.Zeros<int>([1], stream);
        ReliabilityKernels.CopyInts(1, sum, vector, stream);
        return vector;
    }

    /// <summary>Puts the op's result in the slot and disposes the old array at once, while work may still read it.</summary>
    private static void Replace(Array<int>[] arrays, int slot, Array<int> result)
    {
        Array<int> old = arrays[slot];
        arrays[slot] = result;
        old.Dispose();
    }

    /// <summary>A hand-made CPU kernel that sleeps 1 ms before copying: a missed dependency then shows as a wrong value.</summary>
    private static void SlowCopy(Array<int> source, Array<int> destination, DeviceStream stream)
        => TestKernel.Launch(s_slowCopy, Math.Min(source.Length, destination.Length), [source, destination], (begin, end) =>
        {
            Thread.Sleep(1);
            KernelLauncher.GetReadOnlySpan(source)[begin..end].CopyTo(KernelLauncher.GetSpan(destination)[begin..end]);
        }, stream);
}

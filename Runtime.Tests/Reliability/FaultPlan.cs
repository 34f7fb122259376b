using System;
using System.Collections.Concurrent;
using System.Linq;
using Tandem.Runtime.Tests.Infrastructure;

namespace Tandem.Runtime.Tests.Reliability;

/// <summary>
/// Makes the first launch of each step marked <see cref="Step.Fails"/> fail while a program runs on Tandem, and maps a
/// failure a read or synchronization throws back to the step where it was made. Steps are issued one at a time, so the
/// next sequence number of the step's stream is its first launch.
/// </summary>
internal sealed class FaultPlan : IDisposable
{
    private readonly ScheduleProgram _program;
    private readonly ConcurrentDictionary<(DeviceStream Stream, ulong Sequence), int> _steps = new();
    private readonly bool _armed;

    public FaultPlan(ScheduleProgram program)
    {
        _program = program;
        _armed = program.Steps.Any(step => step.Fails && StepSemantics.Launches(step.Kind));
        if (_armed)
        {
            FaultInjection.FailLaunches(op => _steps.ContainsKey((op.Stream, op.Value)));
        }
    }

    /// <summary>Called right before step <paramref name="index"/> is issued on <paramref name="stream"/>.</summary>
    public void BeforeIssue(int index, DeviceStream stream)
    {
        Step step = _program.Steps[index];
        if (step.Fails && StepSemantics.Launches(step.Kind))
        {
            _steps[(stream, stream.Executor.LastSubmitted + 1)] = index;
        }
    }

    /// <summary>The step whose injected fault <paramref name="failure"/> goes back to.</summary>
    /// <exception cref="Xunit.Sdk.XunitException">The failure was not injected: a real one, which fails the test.</exception>
    public int StepThatFailed(KernelExecutionException failure)
    {
        Exception original = failure;
        while (original is KernelExecutionException && original.InnerException is { } inner)
        {
            original = inner;
        }

        return original is InjectedFaultException { Stream: { } stream } injected && _steps.TryGetValue((stream, injected.Sequence), out int step)
            ? step
            : throw new Xunit.Sdk.XunitException($"A failure no step was made to have: {failure}");
    }

    public void Dispose()
    {
        if (_armed)
        {
            FaultInjection.Reset();
        }
    }
}

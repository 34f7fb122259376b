using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Tandem.Runtime.Tests.Reliability;

/// <summary>What one step of a random program does. Each has the same meaning in <see cref="ReferenceModel"/> and
/// <see cref="TandemRunner"/>.</summary>
internal enum StepKind
{
    /// <summary>target[i] = target[i] * scalar + source[i] for i below both lengths (the generated kernel).</summary>
    MultiplyAddInPlace,

    /// <summary>target[i] = source[i] for i below both lengths (the generated kernel).</summary>
    Copy,

    /// <summary>Like <see cref="Copy"/>, but a hand-made CPU kernel that sleeps first, to widen races.</summary>
    SlowCopy,

    /// <summary>target = Mx.Add(source, other), or Mx.Add(source, scalar) when their lengths differ.</summary>
    Add,

    /// <summary>target = Mx.Subtract(source, other), or with the scalar.</summary>
    Subtract,

    /// <summary>target = Mx.Multiply(source, other), or with the scalar.</summary>
    Multiply,

    /// <summary>target = Mx.Full([length of the initial array number 'other'], scalar).</summary>
    Full,

    /// <summary>target = Mx.Sum(source) (shape [], one element).</summary>
    Sum,

    /// <summary>source.ToArray(), compared with the model.</summary>
    Observe,

    /// <summary>The step's stream synchronizes.</summary>
    SynchronizeStream,

    /// <summary>Mx.Synchronize().</summary>
    SynchronizeAll,
}

/// <summary>
/// One step; indices are already reduced to the program's array, stream and thread counts. <paramref name="Fails"/>:
/// the step's first kernel launch is made to fail (fault injection), unless it does not run anyway because an input
/// failed.
/// </summary>
internal sealed record Step(StepKind Kind, int Target, int Source, int Other, int Scalar, int Stream, int Thread, bool Fails = false)
{
    public override string ToString() => Describe() + (Fails && StepSemantics.Launches(Kind) ? "  <- made to fail" : "");

    private string Describe() => Kind switch
    {
        StepKind.Observe => $"t{Thread}: observe a{Source}",
        StepKind.SynchronizeStream => $"t{Thread}: s{Stream}.Synchronize()",
        StepKind.SynchronizeAll => $"t{Thread}: Mx.Synchronize()",
        StepKind.Full => $"t{Thread}: a{Target} = Full(len a{Other}@start, {Scalar}) on s{Stream}",
        StepKind.Sum => $"t{Thread}: a{Target} = Sum(a{Source}) on s{Stream}",
        _ => $"t{Thread}: {Kind}(target a{Target}, source a{Source}, other a{Other}, scalar {Scalar}) on s{Stream}",
    };
}

/// <summary>
/// A random program: initial arrays (integer data), the number of streams and issuing threads it uses, and its steps.
/// Steps are issued in order, each from its thread: the issue order is the program order, so one sequential model gives
/// the expected value of every observation.
/// </summary>
internal sealed record ScheduleProgram(int[][] InitialArrays, int StreamCount, int ThreadCount, Step[] Steps)
{
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{InitialArrays.Length} arrays, {StreamCount} streams, {ThreadCount} threads\n");
        for (int i = 0; i < InitialArrays.Length; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"  a{i} = [{string.Join(", ", InitialArrays[i].Take(12))}{(InitialArrays[i].Length > 12 ? ", …" : "")}] (length {InitialArrays[i].Length})\n");
        }

        for (int i = 0; i < Steps.Length; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {i,3}  {Steps[i]}\n");
        }

        return text.ToString();
    }
}

/// <summary>
/// What a program saw at step <paramref name="Step"/> (-1: the end): the values of array <paramref name="Array"/>, or,
/// when the read or synchronization threw, the step whose injected failure the exception goes back to
/// (<paramref name="FailedStep"/>). Synchronizations are observations too (<see cref="StreamSync"/>,
/// <see cref="AllSync"/> in place of an array): that they threw, and from which failure.
/// </summary>
internal sealed record Observation(int Step, int Array, int[] Values, int? FailedStep = null)
{
    /// <summary>The "array" of a stream's Synchronize.</summary>
    public const int StreamSync = -2;

    /// <summary>The "array" of Mx.Synchronize; which stream's failure it throws is not compared, only that it threw.</summary>
    public const int AllSync = -3;

    /// <summary>The <see cref="FailedStep"/> of an Mx.Synchronize that threw.</summary>
    public const int SomeStep = -1;

    public bool SameAs(Observation other) =>
        Step == other.Step && Array == other.Array && FailedStep == other.FailedStep && Values.SequenceEqual(other.Values);

    public override string ToString()
    {
        string where = Step < 0 ? "final" : "step " + Step.ToString(CultureInfo.InvariantCulture);
        string what = Array switch
        {
            StreamSync => "stream Synchronize",
            AllSync => "Mx.Synchronize",
            _ => $"a{Array}",
        };
        string outcome = FailedStep switch
        {
            null when Array < 0 => "returned",
            null => $"[{string.Join(", ", Values.Take(16))}{(Values.Length > 16 ? ", …" : "")}] (length {Values.Length})",
            SomeStep => "threw",
            _ => $"threw the failure made at step {FailedStep}",
        };
        return $"{where}: {what} {outcome}";
    }
}

/// <summary>Helpers shared by the model and the runner, so both read a step the same way.</summary>
internal static class StepSemantics
{
    public static bool IsBinary(StepKind kind) => kind is StepKind.Add or StepKind.Subtract or StepKind.Multiply;

    /// <summary>True for steps that launch kernels (and so can be made to fail).</summary>
    public static bool Launches(StepKind kind) => kind is not (StepKind.Observe or StepKind.SynchronizeStream or StepKind.SynchronizeAll);

    public static int Apply(StepKind kind, int left, int right) => kind switch
    {
        StepKind.Add => unchecked(left + right),
        StepKind.Subtract => unchecked(left - right),
        StepKind.Multiply => unchecked(left * right),
        _ => throw new System.ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The first observation that differs, described; null when all agree.</summary>
    public static string? FirstDifference(IReadOnlyList<Observation> expected, IReadOnlyList<Observation> actual)
    {
        for (int i = 0; i < System.Math.Max(expected.Count, actual.Count); i++)
        {
            Observation? want = i < expected.Count ? expected[i] : null;
            Observation? got = i < actual.Count ? actual[i] : null;
            if (want is null || got is null || !want.SameAs(got))
            {
                return $"observation {i}: expected {want?.ToString() ?? "none"}, got {got?.ToString() ?? "none"}";
            }
        }

        return null;
    }
}

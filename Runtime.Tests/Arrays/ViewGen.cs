using System;
using System.Collections.Generic;
using System.Linq;
using CsCheck;

namespace Tandem.Runtime.Tests.Arrays;

/// <summary>The kinds of view op a random chain applies.</summary>
internal enum ViewStepKind
{
    Transpose,
    SwapAxes,
    Select,
    Reshape,
    ExpandDims,
    Squeeze,
    BroadcastTo,
    Flatten,
}

/// <summary>One view op with raw random numbers, fitted to the shape it meets when the chain runs.</summary>
internal sealed record ViewStep(ViewStepKind Kind, int A, int B, int C)
{
    public override string ToString() => $"{Kind}({A}, {B}, {C})";
}

/// <summary>A base array of counting numbers and a chain of view ops to apply to it.</summary>
internal sealed record ViewChain(int[] Shape, ViewStep[] Steps)
{
    public override string ToString() => $"[{string.Join(", ", Shape)}] then {string.Join(", ", Steps.Select(s => s.ToString()))}";
}

/// <summary>
/// CsCheck generators of random views: chains of view ops on small arrays (rank 0 to 4, sizes 0 to 5), applied to a
/// Tandem array and to a <see cref="ReferenceArray"/> side by side. CsCheck shrinks a failing chain to a short one.
/// </summary>
internal static class ViewGen
{
    /// <summary>The most elements a chain lets a broadcast reach.</summary>
    private const int MaxLength = 2048;

    public static readonly Gen<int[]> Shape =
        Gen.Int[0, 4].SelectMany(rank => Gen.Frequency((1, Gen.Int[0, 1]), (6, Gen.Int[1, 5])).Array[rank]);

    public static readonly Gen<ViewStep> Step =
        Gen.Select(Gen.Enum<ViewStepKind>(), Gen.Int[0, 1000], Gen.Int[0, 1000], Gen.Int[0, 1000], (kind, a, b, c) => new ViewStep(kind, a, b, c));

    public static readonly Gen<ViewChain> Chain = Gen.Select(Shape, Step.Array[0, 6], (shape, steps) => new ViewChain(shape, steps));

    /// <summary>Applies <paramref name="step"/> to both arrays; the caller disposes the view it gets back.</summary>
    public static (Array<float> View, ReferenceArray Reference) Apply(ViewStep step, Array<float> view, ReferenceArray reference)
    {
        int rank = reference.Shape.Length;
        var random = new Random(step.A);
        switch (step.Kind)
        {
            case ViewStepKind.Transpose when rank > 0:
                if (step.B % 3 == 0)
                {
                    return (view.T, reference.Permute(Enumerable.Range(0, rank).Reverse().ToArray()));
                }

                int[] axes = Enumerable.Range(0, rank).OrderBy(_ => random.Next()).ToArray();
                int[] fromEnd = axes.Select(a => step.C % 2 == 0 ? a : a - rank).ToArray();
                return (Mx.Transpose(view, fromEnd), reference.Permute(axes));

            case ViewStepKind.SwapAxes when rank > 0:
            {
                int first = step.B % rank, second = step.C % rank;
                int[] swapped = Enumerable.Range(0, rank).Select(a => a == first ? second : a == second ? first : a).ToArray();
                return (Mx.SwapAxes(view, first, second - rank), reference.Permute(swapped));
            }

            case ViewStepKind.Select when rank > 0:
                return Select(random, step.B % rank + 1, view, reference);

            case ViewStepKind.Reshape:
            {
                int[] shape = Factor(random, ReferenceArray.Length(reference.Shape));
                int[] spelled = (int[])shape.Clone();
                if (shape.Length > 0 && step.B % 2 == 0 && shape.All(s => s > 0))
                {
                    spelled[step.C % shape.Length] = -1;
                }

                return (view.Reshape(spelled), reference.Reshape(shape));
            }

            case ViewStepKind.ExpandDims:
            {
                int axis = step.B % (rank + 1);
                int[] shape = [.. reference.Shape[..axis], 1, .. reference.Shape[axis..]];
                return (Mx.ExpandDims(view, step.C % 2 == 0 ? axis : axis - rank - 1), reference.Reshape(shape));
            }

            case ViewStepKind.Squeeze:
                return (Mx.Squeeze(view), reference.Reshape(reference.Shape.Where(s => s != 1).ToArray()));

            case ViewStepKind.BroadcastTo:
            {
                int lead = 1 + (step.B % 3);
                int[] shape = [lead, .. reference.Shape.Select(s => s == 1 ? 1 + (step.C % 3) : s)];
                if (ReferenceArray.Length(shape) > MaxLength)
                {
                    return (view.Reshape(reference.Shape), reference);
                }

                return (Mx.BroadcastTo(view, shape), reference.BroadcastTo(shape));
            }

            case ViewStepKind.Flatten:
                return (Mx.Flatten(view), reference.Reshape([ReferenceArray.Length(reference.Shape)]));

            default:
                // A step that does not fit the shape (an axis op on a scalar) leaves the view as it is.
                return (view.Reshape(reference.Shape), reference);
        }
    }

    /// <summary>Runs a whole chain from its base; every intermediate view is disposed, the last one is returned.</summary>
    public static (Array<float> View, ReferenceArray Reference) Run(ViewChain chain)
    {
        ReferenceArray reference = ReferenceArray.Counting(chain.Shape);
        Array<float> view = Mx.Array(reference.Data.Select(v => (float)v).ToArray(), chain.Shape);
        var made = new List<Array<float>> { view };
        try
        {
            foreach (ViewStep step in chain.Steps)
            {
                (view, reference) = Apply(step, view, reference);
                made.Add(view);
            }
        }
        finally
        {
            foreach (Array<float> array in made.Take(made.Count - 1))
            {
                array.Dispose();
            }
        }

        return (view, reference);
    }

    private static (Array<float>, ReferenceArray) Select(Random random, int count, Array<float> view, ReferenceArray reference)
    {
        var indices = new ArrayIndex[count];
        var picks = new (int Start, int Length, bool Keep)[reference.Shape.Length];
        for (int axis = 0; axis < picks.Length; axis++)
        {
            int size = reference.Shape[axis];
            if (axis >= count)
            {
                picks[axis] = (0, size, true);
                continue;
            }

            int choice = size == 0 ? 3 + random.Next(2) : random.Next(6);
            int position = size == 0 ? 0 : random.Next(size);
            int start = random.Next(size + 1);
            int end = start + random.Next(size - start + 1);
            (indices[axis], picks[axis]) = choice switch
            {
                0 => ((ArrayIndex)position, (position, 1, false)),
                1 => ((ArrayIndex)(position - size), (position, 1, false)),
                2 => ((ArrayIndex)(^(size - position)), (position, 1, false)),
                3 => ((ArrayIndex)(start..end), (start, end - start, true)),
                4 => ((ArrayIndex)(^(size - start)..), (start, size - start, true)),
                _ => ((ArrayIndex)(..end), (0, end, true)),
            };
        }

        return (view[indices], reference.Select(picks));
    }

    /// <summary>A random shape of 0 to 3 axes holding <paramref name="length"/> elements.</summary>
    private static int[] Factor(Random random, int length)
    {
        if (length == 1 && random.Next(2) == 0)
        {
            return [];
        }

        var shape = new List<int>();
        int rest = length;
        int axes = random.Next(1, 4);
        for (int i = 0; i < axes - 1 && rest > 1; i++)
        {
            int[] divisors = Enumerable.Range(1, rest).Where(d => rest % d == 0).ToArray();
            int size = divisors[random.Next(divisors.Length)];
            shape.Add(size);
            rest /= size;
        }

        shape.Add(rest);
        return [.. shape];
    }
}

using System;
using System.Collections.Generic;
using System.Linq;

namespace Tandem.Runtime.Tests.Ops.Reductions;

/// <summary>A reduction to test: a shape, the axes (null: all of them, through the overload without axes), keepDims.</summary>
internal sealed record ReductionCase(int[] Shape, int[]? Axes, bool KeepDims)
{
    public int Length => Shape.Aggregate(1, (product, size) => product * size);

    /// <summary>The reduction through the overload the case names: none (all axes), one axis, or a list.</summary>
    public TResult Run<T, TResult>(Func<Array<T>, StreamOrDevice, TResult> all, Func<Array<T>, int, bool, StreamOrDevice, TResult> one,
        Func<Array<T>, int[], bool, StreamOrDevice, TResult> several, Array<T> a, StreamOrDevice stream)
        where T : unmanaged
        => Axes switch
        {
            null => all(a, stream),
            [int axis] => one(a, axis, KeepDims, stream),
            int[] axes => several(a, axes, KeepDims, stream),
        };

    public override string ToString()
        => $"[{string.Join(", ", Shape)}] axes {(Axes is null ? "all" : "[" + string.Join(", ", Axes) + "]")}{(KeepDims ? " keepDims" : string.Empty)}";

    /// <summary>
    /// Shapes of rank 0 to 4 with empty axes, axes of 1 and odd sizes, and runs long enough to be cut into segments
    /// (a second pass) and read four at a time with a ragged head and tail; for each, every axis (positive and
    /// negative), all axes, none, neighbouring and non-neighbouring pairs, with and without keepDims.
    /// </summary>
    public static IEnumerable<ReductionCase> All(bool large = true)
    {
        int[][] shapes =
        [
            [], [0], [1], [7], [300], [3, 0], [0, 4], [5, 3], [1, 9], [4, 1, 3], [2, 3, 4], [3, 2, 5, 2], [33, 65],
        ];
        int[][] largeShapes = [[200_003], [3, 70_001], [70_001, 3], [2, 4, 8200]];
        foreach (int[] shape in large ? shapes.Concat(largeShapes) : shapes)
        {
            foreach (int[]? axes in AxesOf(shape.Length))
            {
                yield return new ReductionCase(shape, axes, false);
                if (axes is not null && shape.Length > 0)
                {
                    yield return new ReductionCase(shape, axes, true);
                }
            }
        }
    }

    private static IEnumerable<int[]?> AxesOf(int rank)
    {
        yield return null;
        yield return [];
        for (int axis = 0; axis < rank; axis++)
        {
            yield return [axis % 2 == 0 ? axis : axis - rank];
        }

        if (rank >= 2)
        {
            yield return [rank - 1, -rank];
        }

        if (rank >= 3)
        {
            yield return [0, 1];
            yield return [-1, 0, 1];
        }
    }
}

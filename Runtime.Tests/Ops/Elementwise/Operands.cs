using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using Tandem.Runtime.Tests.Arrays;

namespace Tandem.Runtime.Tests.Ops.Elementwise;

/// <summary>How an operand is laid out in memory: what decides the kernel an op picks.</summary>
public enum OperandLayout
{
    /// <summary>A new row-major array.</summary>
    Contiguous,

    /// <summary>The transpose of a row-major array of the reversed shape.</summary>
    Transposed,

    /// <summary>The inner part of a larger array (every axis two longer): strided, with an offset.</summary>
    Sliced,

    /// <summary>Row-major, but starting one element into its buffer (off a GPU's binding alignment).</summary>
    Offset,
}

/// <summary>Operands for the element-wise tests: arrays of any layout, with their values as doubles.</summary>
internal static class Operands
{
    /// <summary>Pairs of shapes that broadcast, edge cases first: scalars, empty axes, 1s on either side, ranks 0 to 4.</summary>
    public static readonly (int[] A, int[] B)[] BroadcastPairs =
    [
        ([], []),
        ([], [5]),
        ([3, 4], []),
        ([0], [0]),
        ([0, 3], [3]),
        ([1], [7]),
        ([7], [1]),
        ([3, 1], [1, 4]),
        ([4, 3], [3]),
        ([2, 3, 4], [3, 1]),
        ([2, 1, 3, 1], [1, 4, 1, 5]),
        ([5, 1, 3], [2, 1]),
        ([33, 17], [33, 17]),
    ];

    /// <summary>Shapes for one operand: scalars, empty, odd sizes, ranks 0 to 4.</summary>
    public static readonly int[][] Shapes = [[], [0], [1], [7], [3, 5], [2, 0, 3], [2, 3, 4], [2, 1, 3, 2], [33, 17]];

    /// <summary>Layout pairs the binary tests combine.</summary>
    public static readonly (OperandLayout A, OperandLayout B)[] LayoutPairs =
    [
        (OperandLayout.Contiguous, OperandLayout.Contiguous),
        (OperandLayout.Transposed, OperandLayout.Contiguous),
        (OperandLayout.Contiguous, OperandLayout.Sliced),
        (OperandLayout.Offset, OperandLayout.Offset),
        (OperandLayout.Sliced, OperandLayout.Transposed),
    ];

    /// <summary>
    /// Each broadcast pair with two of the layout pairs, rotating through them: every pair of shapes and every pair of
    /// layouts is met without running their whole product.
    /// </summary>
    public static IEnumerable<(int[] A, int[] B, OperandLayout LayoutA, OperandLayout LayoutB)> BroadcastCases()
    {
        for (int i = 0; i < BroadcastPairs.Length; i++)
        {
            foreach ((OperandLayout a, OperandLayout b) in new[] { LayoutPairs[i % LayoutPairs.Length], LayoutPairs[(i + 2) % LayoutPairs.Length] })
            {
                yield return (BroadcastPairs[i].A, BroadcastPairs[i].B, a, b);
            }
        }
    }

    /// <summary>Each single-operand shape in two layouts, rotating through all of them.</summary>
    public static IEnumerable<(int[] Shape, OperandLayout Layout)> SingleCases()
    {
        OperandLayout[] layouts = Enum.GetValues<OperandLayout>();
        for (int i = 0; i < Shapes.Length; i++)
        {
            yield return (Shapes[i], layouts[i % layouts.Length]);
            yield return (Shapes[i], layouts[(i + 1) % layouts.Length]);
        }
    }

    /// <summary>
    /// An array of <paramref name="shape"/> laid out as <paramref name="layout"/>, holding <paramref name="values"/>
    /// (drawn for each element; exactly representable in <typeparamref name="T"/>), and its values in row-major order.
    /// </summary>
    public static (Array<T> Array, ReferenceArray Values) Make<T>(int[] shape, OperandLayout layout, Func<double> values)
        where T : unmanaged, INumber<T>
    {
        int rank = shape.Length;
        int length = ReferenceArray.Length(shape);
        switch (layout)
        {
            case OperandLayout.Transposed when rank > 1:
            {
                int[] reversed = shape.Reverse().ToArray();
                ReferenceArray stored = Random(reversed, values);
                using Array<T> source = Store<T>(stored);
                return (source.T, stored.Permute(Enumerable.Range(0, rank).Reverse().ToArray()));
            }

            case OperandLayout.Sliced when rank > 0:
            {
                int[] larger = shape.Select(s => s + 2).ToArray();
                ReferenceArray stored = Random(larger, values);
                using Array<T> source = Store<T>(stored);
                ArrayIndex[] indices = shape.Select(s => (ArrayIndex)(1..(s + 1))).ToArray();
                return (source[indices], stored.Select(shape.Select(s => (1, s, true)).ToArray()));
            }

            case OperandLayout.Offset:
            {
                ReferenceArray stored = Random([length + 1], values);
                using Array<T> source = Store<T>(stored);
                using Array<T> tail = source[1..];
                return (tail.Reshape(shape), new ReferenceArray(stored.Data[1..], shape));
            }

            default:
            {
                ReferenceArray stored = Random(shape, values);
                return (Store<T>(stored), stored);
            }
        }
    }

    /// <summary>A row-major array holding <paramref name="values"/>.</summary>
    public static Array<T> Store<T>(ReferenceArray values) where T : unmanaged, INumber<T>
        => Mx.Array(ElementValues.Round<T>(values.Data), values.Shape);

    public static ReferenceArray Random(int[] shape, Func<double> values)
        => new(Enumerable.Range(0, ReferenceArray.Length(shape)).Select(_ => values()).ToArray(), shape);

    /// <summary>The shape two shapes broadcast to (they are known to).</summary>
    public static int[] Broadcast(int[] a, int[] b)
    {
        int rank = Math.Max(a.Length, b.Length);
        return Enumerable.Range(0, rank).Select(axis =>
        {
            int x = axis - (rank - a.Length) is var i && i >= 0 ? a[i] : 1;
            int y = axis - (rank - b.Length) is var j && j >= 0 ? b[j] : 1;
            return x == 1 ? y : x;
        }).ToArray();
    }
}

using System;

namespace Tandem.Ops.Reduction;

/// <summary>Which axes a reduction folds, and the shape of its result.</summary>
internal sealed class ReductionAxes
{
    private ReductionAxes(bool[] reduced, int[] resultShape, int length, int outputs)
    {
        Reduced = reduced;
        ResultShape = resultShape;
        Length = length;
        Outputs = outputs;
    }

    /// <summary>True for each reduced axis of the input.</summary>
    public bool[] Reduced { get; }

    /// <summary>The result's shape: the kept axes, and size 1 in place of each reduced one when keeping dimensions.</summary>
    public int[] ResultShape { get; }

    /// <summary>The elements each output reduces (1 when no axis is reduced, 0 when a reduced axis is empty).</summary>
    public int Length { get; }

    /// <summary>The number of outputs.</summary>
    public int Outputs { get; }

    /// <summary>
    /// The reduction of <paramref name="shape"/> over <paramref name="axes"/> (null: every axis; negative axes count from
    /// the end).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An axis is outside the array.</exception>
    /// <exception cref="ArgumentException">An axis appears twice.</exception>
    public static ReductionAxes Of(ReadOnlySpan<int> shape, ReadOnlySpan<int> axes, bool all, bool keepDims, string op)
    {
        var reduced = new bool[shape.Length];
        if (all)
        {
            Array.Fill(reduced, true);
        }
        else
        {
            foreach (int axis in Axes.NormalizeDistinct(axes, shape.Length, op))
            {
                reduced[axis] = true;
            }
        }

        int kept = 0;
        long length = 1;
        long outputs = 1;
        for (int axis = 0; axis < shape.Length; axis++)
        {
            kept += reduced[axis] ? 0 : 1;
            length *= reduced[axis] ? shape[axis] : 1;
            outputs *= reduced[axis] ? 1 : shape[axis];
        }

        var resultShape = new int[keepDims ? shape.Length : kept];
        int next = 0;
        for (int axis = 0; axis < shape.Length; axis++)
        {
            if (keepDims || !reduced[axis])
            {
                resultShape[next++] = reduced[axis] ? 1 : shape[axis];
            }
        }

        // Each is at most the input's length (or the product of the other axes' sizes when an axis is empty), which an
        // array's shape keeps within int.
        return new ReductionAxes(reduced, resultShape, checked((int)length), checked((int)outputs));
    }

    /// <summary>The input's axes with the kept ones first and the reduced ones last, each group in order.</summary>
    public int[] KeptThenReduced()
    {
        var order = new int[Reduced.Length];
        int next = 0;
        for (int pass = 0; pass < 2; pass++)
        {
            for (int axis = 0; axis < Reduced.Length; axis++)
            {
                if (Reduced[axis] == (pass == 1))
                {
                    order[next++] = axis;
                }
            }
        }

        return order;
    }
}

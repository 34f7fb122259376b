using System;

namespace Tandem.Ops.Reduction;

/// <summary>
/// A reduction as the kernels see it: outputs <c>(o, i)</c> on an <see cref="Outer"/> × <see cref="Inner"/> grid
/// (the kept axes, merged; output <c>o * Inner + i</c> in row-major order), each reducing a run of
/// <see cref="Length"/> elements at <c>Offset + o * OuterStride + i * InnerStride + r * Step</c> (the reduced axes,
/// merged). Offsets and strides count elements.
/// </summary>
internal readonly record struct ReductionGeometry(int Outer, int Inner, int Length, int OuterStride, int InnerStride, int Step, int Offset)
{
    /// <summary>The number of outputs.</summary>
    public int Outputs => Outer * Inner;

    /// <summary>
    /// The geometry of reducing <paramref name="layout"/> over the axes marked in <paramref name="reduced"/>, or null
    /// when the axes do not merge that far (more than two kept or one reduced axis remain after merging): then the
    /// caller reduces a row-major copy with the reduced axes last (<see cref="OfRows"/>).
    /// </summary>
    public static ReductionGeometry? TryCreate(ArrayLayout layout, ReadOnlySpan<bool> reduced)
    {
        StridedGrid kept = Merge(layout, reduced, keep: true);
        StridedGrid run = Merge(layout, reduced, keep: false);
        if (kept.Shape.Length > 2 || run.Shape.Length > 1)
        {
            return null;
        }

        int length = run.Shape.Length == 1 ? run.Shape[0] : 1;
        int step = run.Shape.Length == 1 ? run.Strides[0][0] : 0;
        return kept.Shape.Length switch
        {
            0 => new ReductionGeometry(1, 1, length, 0, 0, step, layout.Offset),
            1 => new ReductionGeometry(1, kept.Shape[0], length, 0, kept.Strides[0][0], step, layout.Offset),
            _ => new ReductionGeometry(kept.Shape[0], kept.Shape[1], length, kept.Strides[0][0], kept.Strides[0][1], step, layout.Offset),
        };
    }

    /// <summary><paramref name="rows"/> contiguous runs of <paramref name="length"/> elements, one after the other.</summary>
    public static ReductionGeometry OfRows(int rows, int length, int offset)
        => new(1, rows, length, 0, length, 1, offset);

    /// <summary>Where the run of output <paramref name="output"/> (row-major) starts.</summary>
    public long RunStart(int output) => Offset + ((long)(output / Inner) * OuterStride) + ((long)(output % Inner) * InnerStride);

    /// <summary>The same reduction read through a binding whose first element is <paramref name="offset"/> in it.</summary>
    public ReductionGeometry At(int offset) => this with { Offset = offset };

    private static StridedGrid Merge(ArrayLayout layout, ReadOnlySpan<bool> reduced, bool keep)
    {
        int count = 0;
        for (int axis = 0; axis < layout.Rank; axis++)
        {
            count += reduced[axis] != keep ? 1 : 0;
        }

        var shape = new int[count];
        var strides = new int[count];
        int next = 0;
        for (int axis = 0; axis < layout.Rank; axis++)
        {
            if (reduced[axis] != keep)
            {
                shape[next] = layout.Shape[axis];
                strides[next++] = layout.Strides[axis];
            }
        }

        return StridedGrid.Of(shape, ArrayLayout.Of(shape, strides, 0));
    }
}

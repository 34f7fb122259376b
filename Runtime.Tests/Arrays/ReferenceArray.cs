using System;
using System.Linq;

namespace Tandem.Runtime.Tests.Arrays;

/// <summary>
/// A plain row-major array of doubles with the view ops written the obvious way (one loop over the result's
/// positions): the reference the view and element-wise tests compare against.
/// </summary>
internal sealed record ReferenceArray(double[] Data, int[] Shape)
{
    public static ReferenceArray Counting(int[] shape) => new(Enumerable.Range(0, Length(shape)).Select(i => (double)i).ToArray(), shape);

    public static int Length(int[] shape) => shape.Aggregate(1, (product, size) => product * size);

    /// <summary>The position of each element of <paramref name="shape"/>, in row-major order.</summary>
    public static int[][] Positions(int[] shape)
    {
        var positions = new int[Length(shape)][];
        var position = new int[shape.Length];
        for (int i = 0; i < positions.Length; i++)
        {
            positions[i] = (int[])position.Clone();
            for (int axis = shape.Length - 1; axis >= 0; axis--)
            {
                if (++position[axis] < shape[axis])
                {
                    break;
                }

                position[axis] = 0;
            }
        }

        return positions;
    }

    public double At(int[] position)
    {
        int flat = 0;
        for (int axis = 0; axis < Shape.Length; axis++)
        {
            flat = (flat * Shape[axis]) + position[axis];
        }

        return Data[flat];
    }

    /// <summary>A new array of <paramref name="shape"/> whose element at each position is <paramref name="valueAt"/>.</summary>
    public static ReferenceArray Build(int[] shape, Func<int[], double> valueAt)
        => new(Positions(shape).Select(valueAt).ToArray(), shape);

    public ReferenceArray Permute(int[] axes)
        => Build(axes.Select(a => Shape[a]).ToArray(), position =>
        {
            var source = new int[Shape.Length];
            for (int i = 0; i < axes.Length; i++)
            {
                source[axes[i]] = position[i];
            }

            return At(source);
        });

    /// <summary>Per axis: a fixed position (the axis goes) or a start and length (the axis stays).</summary>
    public ReferenceArray Select((int Start, int Length, bool Keep)[] picks)
    {
        int[] shape = picks.Where(p => p.Keep).Select(p => p.Length).ToArray();
        return Build(shape, position =>
        {
            var source = new int[Shape.Length];
            int kept = 0;
            for (int axis = 0; axis < Shape.Length; axis++)
            {
                source[axis] = picks[axis].Start + (picks[axis].Keep ? position[kept++] : 0);
            }

            return At(source);
        });
    }

    public ReferenceArray Reshape(int[] shape) => new(Data, shape);

    public ReferenceArray BroadcastTo(int[] shape)
        => Build(shape, position =>
        {
            int lead = shape.Length - Shape.Length;
            var source = new int[Shape.Length];
            for (int axis = 0; axis < Shape.Length; axis++)
            {
                source[axis] = Shape[axis] == 1 ? 0 : position[lead + axis];
            }

            return At(source);
        });

    public ReferenceArray Map(Func<double, double> f) => new(Data.Select(f).ToArray(), Shape);
}

using System;

namespace Tandem.Ops;

/// <summary>NumPy's broadcasting rules, with errors that name the op and every shape.</summary>
internal static class Broadcasting
{
    /// <summary>
    /// The shape the arrays broadcast to: axes aligned from the end, each the same size or 1 (which stretches).
    /// </summary>
    /// <exception cref="ArgumentException">Two sizes along one axis differ and neither is 1.</exception>
    public static int[] Shape(string op, params ReadOnlySpan<UnifiedArray> arrays)
    {
        int rank = 0;
        foreach (UnifiedArray array in arrays)
        {
            rank = Math.Max(rank, array.Rank);
        }

        var shape = new int[rank];
        shape.AsSpan().Fill(1);
        foreach (UnifiedArray array in arrays)
        {
            ReadOnlySpan<int> own = array.ShapeSpan;
            for (int axis = 0; axis < own.Length; axis++)
            {
                int target = rank - own.Length + axis;
                int size = own[axis];
                if (size == shape[target] || size == 1)
                {
                    continue;
                }

                if (shape[target] != 1)
                {
                    throw new ArgumentException(Mismatch(op, arrays, axis - own.Length), nameof(arrays));
                }

                shape[target] = size;
            }
        }

        return shape;
    }

    /// <summary>The message for shapes that do not broadcast, naming the op and each shape.</summary>
    private static string Mismatch(string op, ReadOnlySpan<UnifiedArray> arrays, int axisFromEnd)
    {
        var shapes = new string[arrays.Length];
        for (int i = 0; i < arrays.Length; i++)
        {
            shapes[i] = UnifiedArray.FormatShape(arrays[i].ShapeSpan);
        }

        return $"Mx.{op}: the shapes {string.Join(" and ", shapes)} do not broadcast (axis {axisFromEnd} differs, and neither size is 1). "
            + "Broadcasting aligns axes from the end; each pair must be equal or one of them 1.";
    }
}

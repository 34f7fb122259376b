using System;

namespace Tandem.Ops;

/// <summary>Checks of shape arguments shared by the ops.</summary>
internal static class ShapeArguments
{
    /// <summary>
    /// <paramref name="shape"/> with its one -1 (if any) replaced by the size that makes it hold <paramref name="length"/>
    /// elements.
    /// </summary>
    /// <exception cref="ArgumentException">Several -1, another negative size, or a different number of elements.</exception>
    public static int[] Infer(ReadOnlySpan<int> shape, int length, ReadOnlySpan<int> from, string op)
    {
        int[] result = shape.ToArray();
        int inferred = -1;
        long known = 1;
        for (int axis = 0; axis < result.Length; axis++)
        {
            if (result[axis] == -1 && inferred < 0)
            {
                inferred = axis;
            }
            else if (result[axis] < 0)
            {
                throw new ArgumentException(
                    $"Mx.{op}: shape {UnifiedArray.FormatShape(shape)} may have one -1 (inferred) and otherwise sizes of 0 or more.", nameof(shape));
            }
            else
            {
                known *= result[axis];
            }
        }

        if (inferred >= 0)
        {
            if (known == 0 || length % known != 0)
            {
                throw Mismatch(shape, from, op);
            }

            result[inferred] = (int)(length / known);
        }
        else if (known != length)
        {
            throw Mismatch(shape, from, op);
        }

        return result;
    }

    private static ArgumentException Mismatch(ReadOnlySpan<int> shape, ReadOnlySpan<int> from, string op) => new(
        $"Mx.{op}: cannot reshape an array of shape {UnifiedArray.FormatShape(from)} to {UnifiedArray.FormatShape(shape)}: the element counts differ.",
        nameof(shape));
}

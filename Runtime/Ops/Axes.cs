using System;
using System.Globalization;

namespace Tandem.Ops;

/// <summary>Axis arguments as every op takes them: a negative axis counts from the end, as in NumPy and MLX.</summary>
internal static class Axes
{
    /// <summary>
    /// <paramref name="axis"/> as a position in 0..rank-1 (or 0..rank when <paramref name="inserting"/>: a new axis may
    /// also go after the last).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The axis is outside the array.</exception>
    public static int Normalize(int axis, int rank, string op, bool inserting = false)
    {
        int count = inserting ? rank + 1 : rank;
        int normalized = axis < 0 ? axis + count : axis;
        if (normalized < 0 || normalized >= count)
        {
            throw new ArgumentOutOfRangeException(nameof(axis), axis, string.Create(CultureInfo.InvariantCulture,
                $"Mx.{op}: axis {axis} is outside an array of {rank} axes (use 0..{count - 1}, or -{count}..-1 from the end)."));
        }

        return normalized;
    }

    /// <summary>Each of <paramref name="axes"/> normalized; throws when one repeats.</summary>
    /// <exception cref="ArgumentException">An axis appears twice.</exception>
    public static int[] NormalizeDistinct(ReadOnlySpan<int> axes, int rank, string op, bool inserting = false)
    {
        var normalized = new int[axes.Length];
        for (int i = 0; i < axes.Length; i++)
        {
            normalized[i] = Normalize(axes[i], rank, op, inserting);
            if (Array.IndexOf(normalized, normalized[i], 0, i) >= 0)
            {
                throw new ArgumentException(
                    $"Mx.{op}: axis {axes[i]} appears twice in {UnifiedArray.FormatShape(axes)}.", nameof(axes));
            }
        }

        return normalized;
    }
}

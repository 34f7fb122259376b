using System;
using System.Collections.Generic;

namespace Tandem.Ops;

/// <summary>The shape arithmetic of <c>Concatenate</c>, <c>Stack</c> and <c>Split</c>, with messages naming every shape.</summary>
internal static class Joining
{
    /// <summary>Throws unless there is at least one array and each is usable; returns the first.</summary>
    public static Array<T> RequireArrays<T>(IReadOnlyList<Array<T>>? arrays, string op) where T : unmanaged
    {
        if (arrays is null)
        {
            throw new ArgumentNullException(nameof(arrays), $"Mx.{op}: 'arrays' is null.");
        }

        if (arrays.Count == 0)
        {
            throw new ArgumentException($"Mx.{op}: pass at least one array.", nameof(arrays));
        }

        for (int i = 0; i < arrays.Count; i++)
        {
            OpArguments.RequireUsable(arrays[i], op, $"arrays[{i}]");
        }

        return arrays[0];
    }

    /// <summary>
    /// The shape of the arrays joined along <paramref name="axis"/>: each has the first's rank and sizes except along
    /// <paramref name="axis"/> (or, when <paramref name="sameShape"/>, everywhere).
    /// </summary>
    /// <exception cref="ArgumentException">The shapes do not fit together.</exception>
    public static int[] JoinedShape<T>(IReadOnlyList<Array<T>> arrays, int axis, bool sameShape, string op) where T : unmanaged
    {
        ReadOnlySpan<int> first = arrays[0].ShapeSpan;
        int[] shape = first.ToArray();
        long joined = 0;
        foreach (Array<T> array in arrays)
        {
            ReadOnlySpan<int> own = array.ShapeSpan;
            bool fits = own.Length == first.Length;
            for (int i = 0; fits && i < own.Length; i++)
            {
                fits = own[i] == first[i] || (i == axis && !sameShape);
            }

            if (!fits)
            {
                throw new ArgumentException(Mismatch(arrays, axis, sameShape, op), nameof(arrays));
            }

            joined += own.Length == 0 ? 0 : own[axis];
        }

        if (shape.Length > 0)
        {
            shape[axis] = checked((int)Math.Min(joined, int.MaxValue));
        }

        // Checks the element count.
        _ = ArrayLayout.RowMajor(shape);
        return shape;
    }

    /// <summary>The slice of <paramref name="layout"/> from <paramref name="start"/> along <paramref name="axis"/>, <paramref name="length"/> long.</summary>
    public static ArrayLayout Slice(ArrayLayout layout, int axis, int start, int length)
    {
        int[] shape = (int[])layout.Shape.Clone();
        shape[axis] = length;
        int offset = length == 0 ? layout.Offset : checked(layout.Offset + (start * layout.Strides[axis]));
        return ArrayLayout.Of(shape, (int[])layout.Strides.Clone(), offset);
    }

    /// <summary>
    /// The boundaries NumPy's <c>split</c> cuts at, for an axis of <paramref name="size"/>: each index counts from the
    /// end when negative and is clamped to the axis, as Python slices are; piece <c>i</c> runs from boundary <c>i - 1</c>
    /// to boundary <c>i</c>, empty when they are out of order.
    /// </summary>
    public static (int Start, int Length)[] Pieces(ReadOnlySpan<int> indices, int size)
    {
        var pieces = new (int Start, int Length)[indices.Length + 1];
        int start = 0;
        for (int i = 0; i <= indices.Length; i++)
        {
            int end = i < indices.Length ? Clamp(indices[i], size) : size;
            pieces[i] = (start, Math.Max(end - start, 0));
            start = end;
        }

        return pieces;
    }

    private static int Clamp(int index, int size) => Math.Clamp(index < 0 ? index + size : index, 0, size);

    private static string Mismatch<T>(IReadOnlyList<Array<T>> arrays, int axis, bool sameShape, string op) where T : unmanaged
    {
        var shapes = new string[arrays.Count];
        for (int i = 0; i < shapes.Length; i++)
        {
            shapes[i] = UnifiedArray.FormatShape(arrays[i].ShapeSpan);
        }

        string rule = sameShape ? "every array must have the same shape" : $"every array must have the same rank and the same sizes except along axis {axis}";
        return $"Mx.{op}: the shapes {string.Join(", ", shapes)} do not fit together: {rule}.";
    }
}

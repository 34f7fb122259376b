using System;
using System.Collections.Generic;
using Tandem.Memory;
using Tandem.Ops;

namespace Tandem;

public static partial class Mx
{
    /// <summary>
    /// The arrays joined along an existing axis, like NumPy's and MLX's <c>concatenate</c>: a new row-major array. Any
    /// element type; inputs may be views.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="arrays">One or more arrays of one rank (at least 1), equal in size along every axis but <paramref name="axis"/>.</param>
    /// <param name="axis">The axis to join along; negative counts from the end.</param>
    /// <param name="stream">Where the copies run.</param>
    /// <returns>The joined array; its size along <paramref name="axis"/> is the sum of the inputs'.</returns>
    /// <exception cref="ArgumentException">No arrays, arrays of rank 0, or shapes that do not fit together (the message names them all).</exception>
    public static Array<T> Concatenate<T>(IReadOnlyList<Array<T>> arrays, int axis = 0, StreamOrDevice stream = default) where T : unmanaged
    {
        Array<T> first = Joining.RequireArrays(arrays, "Concatenate");
        if (first.Rank == 0)
        {
            throw new ArgumentException("Mx.Concatenate: arrays of shape [] have no axis to join along; use Mx.Stack.", nameof(arrays));
        }

        int along = Axes.Normalize(axis, first.Rank, "Concatenate");
        int[] shape = Joining.JoinedShape(arrays, along, sameShape: false, "Concatenate");
        if (ByteElements.IsByte<T>())
        {
            return ByteElements.ThroughWords(arrays, wide => Concatenate(wide, along, stream), stream);
        }

        var result = new Array<T>(shape, BufferContents.Undefined); // the copies cover it
        try
        {
            int start = 0;
            foreach (Array<T> array in arrays)
            {
                int length = array.ShapeSpan[along];
                using Array<T> slice = result.View(Joining.Slice(result.Layout, along, start, length));
                Copy.Into(array, slice, stream);
                start += length;
            }

            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The arrays joined along a new axis, like NumPy's and MLX's <c>stack</c>: a new row-major array. Any element type;
    /// inputs may be views.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="arrays">One or more arrays of one shape.</param>
    /// <param name="axis">Where the new axis goes in the result: 0..Rank, or negative from the end (-1 appends).</param>
    /// <param name="stream">Where the copies run.</param>
    /// <returns>The stacked array, of the inputs' shape with an axis of size <c>arrays.Count</c> inserted at <paramref name="axis"/>.</returns>
    /// <exception cref="ArgumentException">No arrays, or arrays of different shapes (the message names them all).</exception>
    public static Array<T> Stack<T>(IReadOnlyList<Array<T>> arrays, int axis = 0, StreamOrDevice stream = default) where T : unmanaged
    {
        Array<T> first = Joining.RequireArrays(arrays, "Stack");
        int along = Axes.Normalize(axis, first.Rank, "Stack", inserting: true);
        _ = Joining.JoinedShape(arrays, 0, sameShape: true, "Stack");
        var expanded = new Array<T>[arrays.Count];
        try
        {
            for (int i = 0; i < expanded.Length; i++)
            {
                expanded[i] = arrays[i].View(arrays[i].Layout.InsertAxis(along));
            }

            return Concatenate(expanded, along, stream);
        }
        finally
        {
            foreach (Array<T>? view in expanded)
            {
                view?.Dispose();
            }
        }
    }

    /// <summary>
    /// <paramref name="a"/> cut into <paramref name="sections"/> equal parts along <paramref name="axis"/>, like NumPy's
    /// and MLX's <c>split</c> with a count. The parts are views sharing <paramref name="a"/>'s memory (no copy).
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="a">The array (rank at least 1).</param>
    /// <param name="sections">How many parts; it must divide the axis' size.</param>
    /// <param name="axis">The axis to cut; negative counts from the end.</param>
    /// <param name="stream">Unused: views queue no work (the parameter keeps every op's signature).</param>
    /// <returns>The parts, in order.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sections"/> is less than 1.</exception>
    /// <exception cref="ArgumentException">The axis' size is not a multiple of <paramref name="sections"/>.</exception>
    public static Array<T>[] Split<T>(Array<T> a, int sections, int axis = 0, StreamOrDevice stream = default) where T : unmanaged
    {
        int along = SplitAxis(a, axis);
        if (sections < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(sections), sections, "Mx.Split: split into at least one section.");
        }

        int size = a.ShapeSpan[along];
        if (size % sections != 0)
        {
            throw new ArgumentException(
                $"Mx.Split: axis {axis} of shape {UnifiedArray.FormatShape(a.ShapeSpan)} has size {size}, which {sections} equal sections do not divide; "
                + "pass the split indices instead.", nameof(sections));
        }

        var indices = new int[sections - 1];
        for (int i = 0; i < indices.Length; i++)
        {
            indices[i] = (i + 1) * (size / sections);
        }

        return SplitAt(a, indices, along, stream);
    }

    /// <summary>
    /// <paramref name="a"/> cut along <paramref name="axis"/> before each of <paramref name="indices"/>, like NumPy's and
    /// MLX's <c>split</c> with indices: <c>[2, 5]</c> gives <c>a[..2]</c>, <c>a[2..5]</c> and <c>a[5..]</c> along the
    /// axis. Indices count from the end when negative and are clamped to the axis, as in NumPy; out-of-order indices give
    /// empty parts. The parts are views sharing <paramref name="a"/>'s memory (no copy).
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="a">The array (rank at least 1).</param>
    /// <param name="indices">Where the parts after the first start.</param>
    /// <param name="axis">The axis to cut; negative counts from the end.</param>
    /// <param name="stream">Unused: views queue no work (the parameter keeps every op's signature).</param>
    /// <returns>The <c>indices.Length + 1</c> parts, in order.</returns>
    public static Array<T>[] Split<T>(Array<T> a, ReadOnlySpan<int> indices, int axis = 0, StreamOrDevice stream = default) where T : unmanaged
        => SplitAt(a, indices, SplitAxis(a, axis), stream);

    private static int SplitAxis<T>(Array<T> a, int axis) where T : unmanaged
    {
        OpArguments.RequireUsable(a, "Split", nameof(a));
        if (a.Rank == 0)
        {
            throw new ArgumentException("Mx.Split: an array of shape [] has no axis to split.", nameof(a));
        }

        return Axes.Normalize(axis, a.Rank, "Split");
    }

    private static Array<T>[] SplitAt<T>(Array<T> a, ReadOnlySpan<int> indices, int along, StreamOrDevice stream) where T : unmanaged
    {
        _ = stream;
        (int Start, int Length)[] pieces = Joining.Pieces(indices, a.ShapeSpan[along]);
        var parts = new Array<T>[pieces.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            parts[i] = a.View(Joining.Slice(a.Layout, along, pieces[i].Start, pieces[i].Length));
        }

        return parts;
    }
}

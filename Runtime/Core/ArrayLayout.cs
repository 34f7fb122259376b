using System;

namespace Tandem;

/// <summary>
/// Where an array's elements sit in its buffer: a shape, a stride per axis and the offset of the first element, all in
/// elements, as in NumPy (strides are never negative: C# ranges have no step). Immutable; every view op makes a new
/// layout over the same buffer.
/// </summary>
internal sealed class ArrayLayout
{
    private ArrayLayout(int[] shape, int[] strides, int offset)
    {
        Shape = shape;
        Strides = strides;
        Offset = offset;
        Length = CheckedLength(shape);
        IsRowContiguous = ComputeRowContiguous(shape, strides, Length);
    }

    /// <summary>The size of each axis.</summary>
    public int[] Shape { get; }

    /// <summary>The distance between neighbours along each axis, in elements; 0 along a broadcast axis.</summary>
    public int[] Strides { get; }

    /// <summary>The first element's index in the buffer.</summary>
    public int Offset { get; }

    /// <summary>The number of elements: the product of <see cref="Shape"/>.</summary>
    public int Length { get; }

    /// <summary>The number of axes.</summary>
    public int Rank => Shape.Length;

    /// <summary>True when the elements follow one another in row-major order, so one span holds them all.</summary>
    public bool IsRowContiguous { get; }

    /// <summary>
    /// True when the elements fill the buffer's elements <see cref="Offset"/> to <see cref="Offset"/> +
    /// <see cref="Length"/> exactly, in some order of the axes: the strides are a row-major layout's for a permutation
    /// of the axes (axes of size 1 aside, whose strides address nothing). Row-contiguous layouts are dense, and so is
    /// every transpose or permutation of one; slices and broadcasts are not. An element-wise op on operands that share
    /// one dense layout runs over their flat element ranges (<see cref="FlatRange"/>) and gives its result that layout.
    /// </summary>
    public bool IsDense => IsRowContiguous || (Length > 0 && ComputeDense());

    /// <summary>
    /// How many buffer elements, from <see cref="Offset"/> on, the elements reach: one past the last element's index
    /// (0 for an empty array).
    /// </summary>
    public int Extent
    {
        get
        {
            if (Length == 0)
            {
                return 0;
            }

            long last = 0;
            for (int axis = 0; axis < Rank; axis++)
            {
                last += (long)(Shape[axis] - 1) * Strides[axis];
            }

            return checked((int)(last + 1));
        }
    }

    /// <summary>A row-major layout of a new buffer.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An axis is negative, or there are too many elements.</exception>
    public static ArrayLayout RowMajor(ReadOnlySpan<int> shape, int offset = 0)
    {
        int[] copy = shape.ToArray();
        CheckedLength(copy);
        return new ArrayLayout(copy, RowMajorStrides(copy), offset);
    }

    /// <summary>The strides of a row-major array of <paramref name="shape"/>.</summary>
    public static int[] RowMajorStrides(ReadOnlySpan<int> shape)
    {
        var strides = new int[shape.Length];
        int stride = 1;
        for (int axis = shape.Length - 1; axis >= 0; axis--)
        {
            strides[axis] = stride;
            stride *= Math.Max(shape[axis], 1);
        }

        return strides;
    }

    /// <summary>
    /// A layout of a new buffer with this one's shape and strides (the first element at index 0): the layout of an
    /// element-wise result that keeps its operands' dense layout (only for a <see cref="IsDense"/> layout).
    /// </summary>
    public ArrayLayout Rebased() => new((int[])Shape.Clone(), (int[])Strides.Clone(), 0);

    /// <summary>
    /// A dense layout's elements as one row-major run: a 1-D layout of <see cref="Length"/> elements from
    /// <see cref="Offset"/>, the same buffer elements in buffer order (only for a <see cref="IsDense"/> layout).
    /// </summary>
    public ArrayLayout FlatRange() => new([Length], [1], Offset);

    /// <summary>
    /// True when <paramref name="other"/> addresses its elements exactly as this layout does, from its own offset:
    /// the same shape, and the same strides along every axis longer than 1.
    /// </summary>
    public bool SameStrides(ArrayLayout other)
    {
        if (!Shape.AsSpan().SequenceEqual(other.Shape))
        {
            return false;
        }

        for (int axis = 0; axis < Rank; axis++)
        {
            if (Shape[axis] != 1 && Strides[axis] != other.Strides[axis])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A layout from parts already checked by the caller (a view op).</summary>
    public static ArrayLayout Of(int[] shape, int[] strides, int offset) => new(shape, strides, offset);

    /// <summary>The same elements with the axes in the order <paramref name="axes"/> names.</summary>
    public ArrayLayout Permute(ReadOnlySpan<int> axes)
    {
        var shape = new int[Rank];
        var strides = new int[Rank];
        for (int i = 0; i < Rank; i++)
        {
            shape[i] = Shape[axes[i]];
            strides[i] = Strides[axes[i]];
        }

        return new ArrayLayout(shape, strides, Offset);
    }

    /// <summary>
    /// The same elements as <paramref name="shape"/> (same length, checked by the caller) without moving any, or null
    /// when the strides do not allow it and a copy is needed. NumPy's rule: each group of old axes that merges into or
    /// splits from a group of new axes must be contiguous within itself.
    /// </summary>
    public ArrayLayout? TryReshape(int[] shape)
    {
        if (Length <= 1)
        {
            // No two elements to keep apart: any strides address them.
            return new ArrayLayout(shape, RowMajorStrides(shape), Offset);
        }

        // Axes of size 1 carry no information; drop them from the old layout.
        int kept = 0;
        Span<int> oldShape = stackalloc int[Rank];
        Span<int> oldStrides = stackalloc int[Rank];
        for (int axis = 0; axis < Rank; axis++)
        {
            if (Shape[axis] != 1)
            {
                oldShape[kept] = Shape[axis];
                oldStrides[kept++] = Strides[axis];
            }
        }

        var strides = new int[shape.Length];
        int oldFirst = 0, oldEnd = 1, newFirst = 0, newEnd = 1;
        while (newFirst < shape.Length && oldFirst < kept)
        {
            long newSize = shape[newFirst];
            long oldSize = oldShape[oldFirst];
            while (newSize != oldSize)
            {
                if (newSize < oldSize)
                {
                    newSize *= shape[newEnd++];
                }
                else
                {
                    oldSize *= oldShape[oldEnd++];
                }
            }

            for (int axis = oldFirst; axis < oldEnd - 1; axis++)
            {
                if (oldStrides[axis] != oldShape[axis + 1] * oldStrides[axis + 1])
                {
                    return null;
                }
            }

            strides[newEnd - 1] = oldStrides[oldEnd - 1];
            for (int axis = newEnd - 1; axis > newFirst; axis--)
            {
                strides[axis - 1] = strides[axis] * shape[axis];
            }

            newFirst = newEnd++;
            oldFirst = oldEnd++;
        }

        // Trailing new axes of size 1: any stride works; 1 keeps the layout row-contiguous where it was.
        for (int axis = newFirst; axis < shape.Length; axis++)
        {
            strides[axis] = 1;
        }

        return new ArrayLayout(shape, strides, Offset);
    }

    /// <summary>A new axis of size 1 before axis <paramref name="axis"/> (0..Rank, checked by the caller).</summary>
    public ArrayLayout InsertAxis(int axis)
    {
        int[] shape = [.. Shape[..axis], 1, .. Shape[axis..]];
        int stride = axis < Rank ? Strides[axis] * Shape[axis] : 1;
        int[] strides = [.. Strides[..axis], stride, .. Strides[axis..]];
        return new ArrayLayout(shape, strides, Offset);
    }

    /// <summary>The layout without the axes <paramref name="drop"/> marks (each of size 1, checked by the caller).</summary>
    public ArrayLayout RemoveAxes(ReadOnlySpan<bool> drop)
    {
        int kept = 0;
        foreach (bool dropped in drop)
        {
            kept += dropped ? 0 : 1;
        }

        var shape = new int[kept];
        var strides = new int[kept];
        kept = 0;
        for (int axis = 0; axis < Rank; axis++)
        {
            if (!drop[axis])
            {
                shape[kept] = Shape[axis];
                strides[kept++] = Strides[axis];
            }
        }

        return new ArrayLayout(shape, strides, Offset);
    }

    /// <summary>
    /// The elements repeated to <paramref name="shape"/> by NumPy's rules (axes aligned from the end; an axis of 1
    /// stretches, with stride 0), or null when the shapes do not broadcast.
    /// </summary>
    public ArrayLayout? TryBroadcastTo(int[] shape)
    {
        if (shape.Length < Rank)
        {
            return null;
        }

        var strides = new int[shape.Length];
        int lead = shape.Length - Rank;
        for (int axis = 0; axis < Rank; axis++)
        {
            int size = Shape[axis];
            if (size == shape[lead + axis])
            {
                strides[lead + axis] = size == 1 ? 0 : Strides[axis];
            }
            else if (size == 1)
            {
                strides[lead + axis] = 0;
            }
            else
            {
                return null;
            }
        }

        return new ArrayLayout((int[])shape.Clone(), strides, Offset);
    }

    /// <summary>
    /// The view <paramref name="indices"/> select: one entry per leading axis (the axes after them are taken whole);
    /// an integer drops its axis, a range keeps it.
    /// </summary>
    /// <exception cref="ArgumentException">More indices than axes.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An index or range is outside its axis.</exception>
    public ArrayLayout Select(ReadOnlySpan<ArrayIndex> indices)
    {
        if (indices.Length > Rank)
        {
            throw new ArgumentException(
                $"An array of shape {UnifiedArray.FormatShape(Shape)} has {Rank} axes; {indices.Length} indices were given.", nameof(indices));
        }

        long offset = Offset;
        int kept = 0;
        var shape = new int[Rank];
        var strides = new int[Rank];
        for (int axis = 0; axis < Rank; axis++)
        {
            if (axis >= indices.Length)
            {
                shape[kept] = Shape[axis];
                strides[kept++] = Strides[axis];
                continue;
            }

            (int start, int length, bool keepAxis) = indices[axis].Resolve(axis, Shape[axis], Shape);
            if (length > 0)
            {
                offset += (long)start * Strides[axis];
            }

            if (keepAxis)
            {
                shape[kept] = length;
                strides[kept++] = Strides[axis];
            }
        }

        return new ArrayLayout(shape[..kept], strides[..kept], checked((int)offset));
    }

    /// <summary>Copies the elements from <paramref name="buffer"/> (the whole buffer) to <paramref name="destination"/>, in row-major order.</summary>
    public void Gather<T>(ReadOnlySpan<T> buffer, Span<T> destination)
    {
        if (Length == 0)
        {
            return;
        }

        if (IsRowContiguous)
        {
            buffer.Slice(Offset, Length).CopyTo(destination);
            return;
        }

        if (Rank == 2 && Strides[0] > 0 && Strides[0] < Strides[1])
        {
            GatherTransposed(buffer, destination);
            return;
        }

        // Walk the outer axes like an odometer; the innermost axis is one strided run per step.
        int inner = Rank - 1;
        int run = Shape[inner];
        int innerStride = Strides[inner];
        Span<int> position = stackalloc int[Rank];
        int source = Offset;
        for (int written = 0; written < Length; written += run)
        {
            Span<T> row = destination.Slice(written, run);
            for (int i = 0, at = source; i < run; i++, at += innerStride)
            {
                row[i] = buffer[at];
            }

            for (int axis = inner - 1; axis >= 0; axis--)
            {
                source += Strides[axis];
                if (++position[axis] < Shape[axis])
                {
                    break;
                }

                source -= Strides[axis] * Shape[axis];
                position[axis] = 0;
            }
        }
    }

    private static int CheckedLength(ReadOnlySpan<int> shape)
    {
        long length = 1;
        foreach (int axis in shape)
        {
            if (axis < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(shape), $"Shape {UnifiedArray.FormatShape(shape)} has a negative axis.");
            }

            length *= axis;
            if (length > Array.MaxLength)
            {
                throw new ArgumentOutOfRangeException(nameof(shape),
                    $"Shape {UnifiedArray.FormatShape(shape)} has more than {Array.MaxLength} elements.");
            }
        }

        return (int)length;
    }

    /// <summary>
    /// <see cref="Gather{T}"/> of a 2-D layout whose rows lie closer together than the elements of a row (a transpose):
    /// in square tiles, so that the source lines a tile's rows step across are still in the cache when the next rows
    /// read their neighbours, instead of one cache line fetched per element (ToArray of a 4096 x 4096 float
    /// transpose: about 50 ms instead of 100 on a 2-core VM).
    /// </summary>
    private void GatherTransposed<T>(ReadOnlySpan<T> buffer, Span<T> destination)
    {
        const int Tile = 16;
        int rows = Shape[0];
        int columns = Shape[1];
        for (int firstRow = 0; firstRow < rows; firstRow += Tile)
        {
            int endRow = Math.Min(firstRow + Tile, rows);
            for (int firstColumn = 0; firstColumn < columns; firstColumn += Tile)
            {
                int width = Math.Min(Tile, columns - firstColumn);
                for (int row = firstRow; row < endRow; row++)
                {
                    Span<T> run = destination.Slice((row * columns) + firstColumn, width);
                    int source = Offset + (row * Strides[0]) + (firstColumn * Strides[1]);
                    for (int i = 0; i < run.Length; i++, source += Strides[1])
                    {
                        run[i] = buffer[source];
                    }
                }
            }
        }
    }

    private bool ComputeDense()
    {
        // The axes longer than 1, ordered by stride (a rank is small: insertion sort), must each step over exactly the
        // elements of the ones inside them: a row-major layout in that order.
        Span<int> sizes = stackalloc int[Rank];
        Span<int> strides = stackalloc int[Rank];
        int kept = 0;
        for (int axis = 0; axis < Rank; axis++)
        {
            if (Shape[axis] == 1)
            {
                continue;
            }

            int at = kept++;
            while (at > 0 && strides[at - 1] > Strides[axis])
            {
                sizes[at] = sizes[at - 1];
                strides[at] = strides[at - 1];
                at--;
            }

            sizes[at] = Shape[axis];
            strides[at] = Strides[axis];
        }

        long expected = 1;
        for (int i = 0; i < kept; i++)
        {
            if (strides[i] != expected)
            {
                return false;
            }

            expected *= sizes[i];
        }

        return true;
    }

    private static bool ComputeRowContiguous(int[] shape, int[] strides, int length)
    {
        if (length == 0)
        {
            return true;
        }

        long expected = 1;
        for (int axis = shape.Length - 1; axis >= 0; axis--)
        {
            if (shape[axis] != 1 && strides[axis] != expected)
            {
                return false;
            }

            expected *= shape[axis];
        }

        return true;
    }
}

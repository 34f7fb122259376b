using System;
using Tandem.CompilerServices;
using Tandem.Ops;

namespace Tandem;

public static partial class Mx
{
    /// <summary>The transpose: all axes reversed (a view sharing <paramref name="a"/>'s memory).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="a">The array.</param>
    /// <param name="stream">Unused: a view queues no work (the parameter keeps every op's signature).</param>
    /// <returns>The view.</returns>
    public static Array<T> Transpose<T>(Array<T> a, StreamOrDevice stream = default) where T : unmanaged
    {
        OpArguments.RequireUsable(a, "Transpose", nameof(a));
        _ = stream;
        var axes = new int[a.Rank];
        for (int i = 0; i < axes.Length; i++)
        {
            axes[i] = axes.Length - 1 - i;
        }

        return a.View(a.Layout.Permute(axes));
    }

    /// <summary>The axes of <paramref name="a"/> in the order <paramref name="axes"/> names (a view).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="a">The array.</param>
    /// <param name="axes">A permutation of the axes; negative values count from the end.</param>
    /// <param name="stream">Unused: a view queues no work.</param>
    /// <returns>The view: axis <c>i</c> of the result is axis <c>axes[i]</c> of <paramref name="a"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="axes"/> is not a permutation of the axes.</exception>
    public static Array<T> Transpose<T>(Array<T> a, ReadOnlySpan<int> axes, StreamOrDevice stream = default) where T : unmanaged
    {
        OpArguments.RequireUsable(a, "Transpose", nameof(a));
        _ = stream;
        if (axes.Length != a.Rank)
        {
            throw new ArgumentException(
                $"Mx.Transpose: {UnifiedArray.FormatShape(axes)} names {axes.Length} axes, but the array of shape {UnifiedArray.FormatShape(a.ShapeSpan)} has {a.Rank}.",
                nameof(axes));
        }

        return a.View(a.Layout.Permute(Axes.NormalizeDistinct(axes, a.Rank, "Transpose")));
    }

    /// <summary>Swaps two axes (a view), like NumPy's and MLX's <c>swapaxes</c>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="a">The array.</param>
    /// <param name="i">One axis; negative counts from the end.</param>
    /// <param name="j">The other axis.</param>
    /// <param name="stream">Unused: a view queues no work.</param>
    /// <returns>The view.</returns>
    public static Array<T> SwapAxes<T>(Array<T> a, int i, int j, StreamOrDevice stream = default) where T : unmanaged
    {
        OpArguments.RequireUsable(a, "SwapAxes", nameof(a));
        _ = stream;
        int first = Axes.Normalize(i, a.Rank, "SwapAxes");
        int second = Axes.Normalize(j, a.Rank, "SwapAxes");
        var axes = new int[a.Rank];
        for (int axis = 0; axis < axes.Length; axis++)
        {
            axes[axis] = axis == first ? second : axis == second ? first : axis;
        }

        return a.View(a.Layout.Permute(axes));
    }

    /// <summary>
    /// The elements of <paramref name="a"/> in another shape, in row-major order: a view when the strides allow (always
    /// for a contiguous array), else a copy queued on <paramref name="stream"/>.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="a">The array.</param>
    /// <param name="shape">The new shape; one axis may be -1, inferred from the others.</param>
    /// <param name="stream">Where the copy runs, when one is needed.</param>
    /// <returns>The reshaped array.</returns>
    /// <exception cref="ArgumentException">The shape holds a different number of elements, or has several -1.</exception>
    public static Array<T> Reshape<T>(Array<T> a, ReadOnlySpan<int> shape, StreamOrDevice stream = default) where T : unmanaged
    {
        OpArguments.RequireUsable(a, "Reshape", nameof(a));
        int[] target = ShapeArguments.Infer(shape, a.Length, a.ShapeSpan, "Reshape");
        if (a.Layout.TryReshape(target) is { } view)
        {
            return a.View(view);
        }

        using Array<T> copy = Copy.Contiguous(a, stream);
        return copy.View(ArrayLayout.RowMajor(target));
    }

    /// <summary>
    /// The elements in one axis, or the axes <paramref name="startAxis"/> to <paramref name="endAxis"/> merged into one:
    /// <c>Reshape</c> with the merged size (a view when the strides allow, else a copy), as MLX's <c>flatten</c>.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="a">The array.</param>
    /// <param name="startAxis">The first axis to merge; negative counts from the end.</param>
    /// <param name="endAxis">The last axis to merge (included); negative counts from the end.</param>
    /// <param name="stream">Where the copy runs, when one is needed.</param>
    /// <returns>The flattened array; a scalar becomes shape <c>[1]</c>.</returns>
    public static Array<T> Flatten<T>(Array<T> a, int startAxis = 0, int endAxis = -1, StreamOrDevice stream = default) where T : unmanaged
    {
        OpArguments.RequireUsable(a, "Flatten", nameof(a));
        if (a.Rank == 0)
        {
            return Reshape(a, [1], stream);
        }

        int start = Axes.Normalize(startAxis, a.Rank, "Flatten");
        int end = Axes.Normalize(endAxis, a.Rank, "Flatten");
        if (start > end)
        {
            throw new ArgumentException($"Mx.Flatten: the start axis {startAxis} comes after the end axis {endAxis}.", nameof(startAxis));
        }

        ReadOnlySpan<int> shape = a.ShapeSpan;
        int merged = 1;
        foreach (int size in shape[start..(end + 1)])
        {
            merged *= size;
        }

        int[] target = [.. shape[..start], merged, .. shape[(end + 1)..]];
        return Reshape(a, target, stream);
    }

    /// <summary>A new axis of size 1 at <paramref name="axis"/> (a view), like NumPy's <c>expand_dims</c>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="a">The array.</param>
    /// <param name="axis">Where the new axis goes in the result: 0..Rank, or negative from the end (-1 appends).</param>
    /// <param name="stream">Unused: a view queues no work.</param>
    /// <returns>The view.</returns>
    public static Array<T> ExpandDims<T>(Array<T> a, int axis, StreamOrDevice stream = default) where T : unmanaged
    {
        OpArguments.RequireUsable(a, "ExpandDims", nameof(a));
        _ = stream;
        return a.View(a.Layout.InsertAxis(Axes.Normalize(axis, a.Rank, "ExpandDims", inserting: true)));
    }

    /// <summary>Every axis of size 1 removed (a view).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="a">The array.</param>
    /// <param name="stream">Unused: a view queues no work.</param>
    /// <returns>The view.</returns>
    public static Array<T> Squeeze<T>(Array<T> a, StreamOrDevice stream = default) where T : unmanaged
    {
        OpArguments.RequireUsable(a, "Squeeze", nameof(a));
        _ = stream;
        Span<bool> drop = stackalloc bool[a.Rank];
        for (int i = 0; i < drop.Length; i++)
        {
            drop[i] = a.ShapeSpan[i] == 1;
        }

        return a.View(a.Layout.RemoveAxes(drop));
    }

    /// <summary>Axis <paramref name="axis"/>, of size 1, removed (a view).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="a">The array.</param>
    /// <param name="axis">The axis; negative counts from the end.</param>
    /// <param name="stream">Unused: a view queues no work.</param>
    /// <returns>The view.</returns>
    /// <exception cref="ArgumentException">The axis has a size other than 1.</exception>
    public static Array<T> Squeeze<T>(Array<T> a, int axis, StreamOrDevice stream = default) where T : unmanaged
    {
        OpArguments.RequireUsable(a, "Squeeze", nameof(a));
        _ = stream;
        int normalized = Axes.Normalize(axis, a.Rank, "Squeeze");
        if (a.ShapeSpan[normalized] != 1)
        {
            throw new ArgumentException(
                $"Mx.Squeeze: axis {axis} of shape {UnifiedArray.FormatShape(a.ShapeSpan)} has size {a.ShapeSpan[normalized]}; only axes of size 1 can be removed.",
                nameof(axis));
        }

        Span<bool> drop = stackalloc bool[a.Rank];
        drop[normalized] = true;
        return a.View(a.Layout.RemoveAxes(drop));
    }

    /// <summary>
    /// <paramref name="a"/> repeated to <paramref name="shape"/> by NumPy's broadcasting rules (a view: the repeated
    /// axes have stride 0, so no memory is used).
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="a">The array.</param>
    /// <param name="shape">The shape: <paramref name="a"/>'s axes aligned with its last ones, each equal or stretched from 1.</param>
    /// <param name="stream">Unused: a view queues no work.</param>
    /// <returns>The view.</returns>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static Array<T> BroadcastTo<T>(Array<T> a, ReadOnlySpan<int> shape, StreamOrDevice stream = default) where T : unmanaged
    {
        OpArguments.RequireUsable(a, "BroadcastTo", nameof(a));
        _ = stream;
        int[] target = shape.ToArray();
        _ = ArrayLayout.RowMajor(target);
        return a.Layout.TryBroadcastTo(target) is { } view
            ? a.View(view)
            : throw new ArgumentException(
                $"Mx.BroadcastTo: shape {UnifiedArray.FormatShape(a.ShapeSpan)} does not broadcast to {UnifiedArray.FormatShape(target)} "
                + "(aligned from the end, each axis must be equal or 1).", nameof(shape));
    }

    /// <summary>
    /// <paramref name="a"/> as a row-major array that kernels on <paramref name="stream"/> bind in place: a view of
    /// <paramref name="a"/> when it already is one, else a copy queued on <paramref name="stream"/> (also for a
    /// contiguous view that starts where that device cannot bind a buffer: a GPU binds at multiples of 16 to 64 bytes).
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="a">The array.</param>
    /// <param name="stream">Where the copy runs, and whose device decides whether one is needed.</param>
    /// <returns>The array; dispose it like any other.</returns>
    public static Array<T> Contiguous<T>(Array<T> a, StreamOrDevice stream = default) where T : unmanaged
    {
        OpArguments.RequireUsable(a, "Contiguous", nameof(a));
        DeviceStream target = stream.Resolve();
        return ViewBinding.CanBindInPlace(a, target.Executor.BufferOffsetAlignment) ? a.View(a.Layout) : Copy.Contiguous(a, target);
    }
}

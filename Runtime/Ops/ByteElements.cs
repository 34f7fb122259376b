using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Tandem.Memory;
using Tandem.Ops.Kernels;

namespace Tandem.Ops;

/// <summary>
/// The 1-byte element types (byte, bool) in element-wise ops. Kernels have no 1-byte spans yet, so the operands are
/// widened to one uint per element (<see cref="Widen{T}"/>) and the op runs its uint kernels; a byte result is packed
/// back four elements to a word (<see cref="Pack{T}"/>): its low bytes, so byte arithmetic wraps around as C#'s
/// unchecked conversion to byte does. A bool result (comparisons, logical ops) goes to <see cref="Predicates"/>, whose
/// kernels write its words directly.
/// </summary>
internal static class ByteElements
{
    /// <summary>True for the element types stored in one byte.</summary>
    public static bool IsByte<T>() where T : unmanaged => Unsafe.SizeOf<T>() == 1;

    /// <summary>True when an op's operand or result type is a 1-byte type: the op runs through this class.</summary>
    public static bool Involved<T, TResult>() where T : unmanaged where TResult : unmanaged => IsByte<T>() || IsByte<TResult>();

    /// <summary>A binary op on arrays of which the operands or the result (or both) have 1-byte elements.</summary>
    public static Array<TResult> Binary<T, TResult>(BinaryOp op, Array<T> a, Array<T> b, StreamOrDevice stream)
        where T : unmanaged where TResult : unmanaged
    {
        if (typeof(TResult) == typeof(bool))
        {
            DeviceStream target = stream.Resolve();
            if (!IsByte<T>())
            {
                return (Array<TResult>)(object)Predicates.Binary(op, a, b, target);
            }

            if (Predicates.Words(op, a, b, target) is { } byWords)
            {
                return (Array<TResult>)(object)byWords;
            }

            using Array<uint> wideA = Widen(a, target);
            using Array<uint> wideB = Widen(b, target);
            return (Array<TResult>)(object)Predicates.Binary(op, wideA, wideB, target);
        }

        if (!IsByte<T>())
        {
            using Array<uint> computed = Elementwise.Binary<T, uint>(op, a, b, stream);
            return Pack<TResult>(computed, stream);
        }

        return ThroughWords<T, TResult>([a, b], words => Elementwise.Binary<uint, uint>(op, words[0], words[1], stream), stream);
    }

    /// <inheritdoc cref="Binary{T, TResult}(BinaryOp, Array{T}, Array{T}, StreamOrDevice)"/>
    public static Array<TResult> Binary<T, TResult>(BinaryOp op, Array<T> a, T b, StreamOrDevice stream)
        where T : unmanaged where TResult : unmanaged
    {
        if (typeof(TResult) == typeof(bool))
        {
            DeviceStream target = stream.Resolve();
            if (!IsByte<T>())
            {
                return (Array<TResult>)(object)Predicates.Binary(op, a, b, target);
            }

            using Array<uint> wide = Widen(a, target);
            return (Array<TResult>)(object)Predicates.Binary(op, wide, Word(b), target);
        }

        if (!IsByte<T>())
        {
            using Array<uint> computed = Elementwise.Binary<T, uint>(op, a, b, stream);
            return Pack<TResult>(computed, stream);
        }

        return ThroughWords<T, TResult>([a], words => Elementwise.Binary<uint, uint>(op, words[0], Word(b), stream), stream);
    }

    /// <inheritdoc cref="Binary{T, TResult}(BinaryOp, Array{T}, Array{T}, StreamOrDevice)"/>
    public static Array<TResult> Binary<T, TResult>(BinaryOp op, T a, Array<T> b, StreamOrDevice stream)
        where T : unmanaged where TResult : unmanaged
    {
        if (typeof(TResult) == typeof(bool))
        {
            DeviceStream target = stream.Resolve();
            if (!IsByte<T>())
            {
                return (Array<TResult>)(object)Predicates.Binary(op, a, b, target);
            }

            using Array<uint> wide = Widen(b, target);
            return (Array<TResult>)(object)Predicates.Binary(op, Word(a), wide, target);
        }

        if (!IsByte<T>())
        {
            using Array<uint> computed = Elementwise.Binary<T, uint>(op, a, b, stream);
            return Pack<TResult>(computed, stream);
        }

        return ThroughWords<T, TResult>([b], words => Elementwise.Binary<uint, uint>(op, Word(a), words[0], stream), stream);
    }

    /// <summary>A unary op (or a conversion table) whose operand or result (or both) has 1-byte elements.</summary>
    public static Array<TResult> Unary<T, TResult>(UnaryOp op, Array<T> a, StreamOrDevice stream)
        where T : unmanaged where TResult : unmanaged
    {
        if (typeof(TResult) == typeof(bool))
        {
            DeviceStream target = stream.Resolve();
            if (!IsByte<T>())
            {
                return (Array<TResult>)(object)Predicates.Unary(op, a, target);
            }

            if (Predicates.Words(op, a, target) is { } byWords)
            {
                return (Array<TResult>)(object)byWords;
            }

            using Array<uint> wide = Widen(a, target);
            return (Array<TResult>)(object)Predicates.Unary(op, wide, target);
        }

        if (!IsByte<T>())
        {
            using Array<uint> computed = Elementwise.Unary<T, uint>(op, a, stream);
            return Pack<TResult>(computed, stream);
        }

        return ThroughWords<T, TResult>([a], words => Elementwise.Unary<uint, uint>(op, words[0], stream), stream);
    }

    /// <summary>
    /// <c>AsType</c> from or to a 1-byte type (not the same type): a 1-byte source widens to uint (exact: 0 to 255, or
    /// 0 and 1), then converts as uint; a 1-byte target is written one per uint and packed.
    /// </summary>
    public static Array<TResult> AsType<T, TResult>(Array<T> a, StreamOrDevice stream) where T : unmanaged where TResult : unmanaged
    {
        if (IsByte<T>())
        {
            using Array<uint> x = Widen(a, stream);
            return typeof(TResult) == typeof(uint) ? (Array<TResult>)(object)x.View(x.Layout) : Elementwise.AsType<uint, TResult>(x, stream);
        }

        if (typeof(T) == typeof(uint) && typeof(TResult) == typeof(byte))
        {
            // A uint's low byte is its conversion to byte: nothing to compute.
            return Pack<TResult>((Array<uint>)(object)a, stream);
        }

        return Unary<T, TResult>(typeof(TResult) == typeof(bool) ? ElementwiseOps.AsTypeToBool : ElementwiseOps.AsTypeToByte, a, stream);
    }

    /// <summary>
    /// <paramref name="op"/> (a copying op: joining, gathering) run on <paramref name="arrays"/> widened to one uint per
    /// element, its result packed back to 1-byte elements: the copying kernels move 2-, 4- and 8-byte elements only.
    /// </summary>
    public static Array<T> ThroughWords<T>(IReadOnlyList<Array<T>> arrays, Func<Array<uint>[], Array<uint>> op, StreamOrDevice stream)
        where T : unmanaged => ThroughWords<T, T>(arrays, op, stream);

    /// <summary>
    /// <paramref name="op"/> run on <paramref name="arrays"/> widened to one uint per element; its result packed to
    /// <typeparamref name="TResult"/>'s 1-byte elements.
    /// </summary>
    private static Array<TResult> ThroughWords<T, TResult>(IReadOnlyList<Array<T>> arrays, Func<Array<uint>[], Array<uint>> op, StreamOrDevice stream)
        where T : unmanaged where TResult : unmanaged
    {
        var wide = new Array<uint>[arrays.Count];
        try
        {
            for (int i = 0; i < wide.Length; i++)
            {
                wide[i] = Widen(arrays[i], stream);
            }

            using Array<uint> result = op(wide);
            return Pack<TResult>(result, stream);
        }
        finally
        {
            foreach (Array<uint>? array in wide)
            {
                array?.Dispose();
            }
        }
    }

    /// <summary>A new row-major array of <paramref name="a"/>'s 1-byte elements, one uint each.</summary>
    public static Array<uint> Widen<T>(Array<T> a, StreamOrDevice stream) where T : unmanaged
    {
        var result = new Array<uint>(a.ShapeSpan, BufferContents.Undefined);
        return Fill.Launched(result, () =>
        {
            using KernelOperand<uint> words = KernelOperand<uint>.CoverBytes(a);
            if (a.IsRowContiguous)
            {
                CopyKernels.Widen8Contiguous(result.Length, words.Offset, words.Binding, result, stream);
                return;
            }

            StridedGrid grid = StridedGrid.Of(a.ShapeSpan, a.Layout, result.Layout);
            using Array<int> layout = Mx.Array(Copy.AnyRankLayout(grid, words.Offset, 0));
            CopyKernels.Widen8(result.Length, layout, words.Binding, result, stream);
        });
    }

    /// <summary>A new 1-byte array of <paramref name="wide"/>'s shape holding the low byte of each of its elements.</summary>
    /// <param name="wide">The uints (a view is copied by the launch, as for any read-only kernel parameter).</param>
    /// <param name="stream">Where the packing runs.</param>
    public static Array<T> Pack<T>(Array<uint> wide, StreamOrDevice stream) where T : unmanaged
    {
        if (!IsByte<T>())
        {
            throw new InvalidOperationException($"Packing bytes into {ArrayFormatter.DtypeName(typeof(T))} elements: only 1-byte types are packed.");
        }

        (Array<T> result, Array<uint> words) = Padded.Bytes<T>(wide.ShapeSpan);
        using (words)
        {
            return Fill.Launched(result, () => CopyKernels.Pack8(words.Length, wide.Length, wide, words, stream));
        }
    }

    /// <summary>A 1-byte scalar as the uint its kernels take (a bool as 0 or 1).</summary>
    private static uint Word<T>(T value) where T : unmanaged
        => typeof(T) == typeof(bool) ? (Unsafe.As<T, bool>(ref value) ? 1u : 0u) : Unsafe.As<T, byte>(ref value);
}

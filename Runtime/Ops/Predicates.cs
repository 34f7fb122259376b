using System;

namespace Tandem.Ops;

/// <summary>
/// The element-wise ops with a bool result: comparisons, the logical ops, <c>IsNaN</c> and <c>AsType</c> to bool. Their
/// contiguous kernels (array-array, array-scalar, scalar-array and unary) write the result's 32-bit words directly,
/// four elements per thread (one pass, no uint per element to pack), where <see cref="OperandLayout"/> says the
/// contiguous kernels run (the result keeping a shared dense layout, as other element-wise results do). Other layouts
/// (views, broadcasting) of a binary op run its packed strided kernel, which also writes a word of four row-major
/// elements per thread, each read through the operands' strides (beyond three merged axes: the contiguous kernel on
/// row-major copies); a unary op copies such an operand and runs its contiguous kernel. Operands are never 1-byte here:
/// <see cref="ByteElements"/> widens those first.
/// </summary>
internal static class Predicates
{
    public static Array<bool> Binary<T>(BinaryOp op, Array<T> a, Array<T> b, DeviceStream target) where T : unmanaged
    {
        var kernels = BinaryChoice<T, uint>.Of(op);
        OperandLayout plan = OperandLayout.Of(target, Broadcasting.Shape(op.Op, a, b), a, b);
        return Allocate(plan.Result, (words, result) =>
        {
            if (plan.Contiguous)
            {
                using FlatOperand<T> x = plan.Bind(a), y = plan.Bind(b);
                kernels.Contiguous(x.Array, y.Array, words, target);
                return;
            }

            General(kernels, a, b, result.Shape, words, target);
        });
    }

    public static Array<bool> Binary<T>(BinaryOp op, Array<T> a, T b, DeviceStream target) where T : unmanaged
    {
        var kernels = BinaryChoice<T, uint>.Of(op);
        OperandLayout plan = OperandLayout.Of(target, a.ShapeSpan, a);
        return Allocate(plan.Result, (words, result) =>
        {
            if (plan.Contiguous)
            {
                using FlatOperand<T> x = plan.Bind(a);
                kernels.ArrayScalar(x.Array, b, words, target);
                return;
            }

            using Array<T> scalar = Elementwise.Scalar(b);
            General(kernels, a, scalar, result.Shape, words, target);
        });
    }

    public static Array<bool> Binary<T>(BinaryOp op, T a, Array<T> b, DeviceStream target) where T : unmanaged
    {
        var kernels = BinaryChoice<T, uint>.Of(op);
        OperandLayout plan = OperandLayout.Of(target, b.ShapeSpan, b);
        return Allocate(plan.Result, (words, result) =>
        {
            if (plan.Contiguous)
            {
                using FlatOperand<T> y = plan.Bind(b);
                kernels.ScalarArray(a, y.Array, words, target);
                return;
            }

            using Array<T> scalar = Elementwise.Scalar(a);
            General(kernels, scalar, b, result.Shape, words, target);
        });
    }

    /// <summary>A unary op with a bool result (<c>IsNaN</c>, <c>LogicalNot</c>, <c>AsType</c> to bool).</summary>
    public static Array<bool> Unary<T>(UnaryOp op, Array<T> a, DeviceStream target) where T : unmanaged
    {
        UnaryKernels<T, uint> kernels = op.Kernels<T, uint>() ?? throw op.Unsupported(typeof(T));
        OperandLayout plan = OperandLayout.Of(target, a.ShapeSpan, a);
        return Allocate(plan.Result, (words, _) =>
        {
            using FlatOperand<T> x = plan.BindOrCopy(a, target);
            kernels.Contiguous(words.Length, x.Array, words, target);
        });
    }

    /// <summary>
    /// An op of bool arrays on their words, four elements per thread, when it has such a kernel and the operands are
    /// row-major arrays of one shape, each starting a word; else null (the caller widens them).
    /// </summary>
    public static Array<bool>? Words(BinaryOp op, UnifiedArray a, UnifiedArray b, DeviceStream target)
    {
        if (op.Words is not { } kernel || !a.ShapeSpan.SequenceEqual(b.ShapeSpan) || !StartsWords(a) || !StartsWords(b))
        {
            return null;
        }

        return Allocate(ArrayLayout.RowMajor(a.ShapeSpan), (words, _) =>
        {
            using KernelOperand<uint> x = KernelOperand<uint>.CoverBytes(a);
            using KernelOperand<uint> y = KernelOperand<uint>.CoverBytes(b);
            kernel(words.Length, x.Offset / 4, y.Offset / 4, x.Binding, y.Binding, words, target);
        });
    }

    /// <inheritdoc cref="Words(BinaryOp, UnifiedArray, UnifiedArray, DeviceStream)"/>
    public static Array<bool>? Words(UnaryOp op, UnifiedArray a, DeviceStream target)
    {
        if (op.Words is not { } kernel || !StartsWords(a))
        {
            return null;
        }

        return Allocate(ArrayLayout.RowMajor(a.ShapeSpan), (words, _) =>
        {
            using KernelOperand<uint> x = KernelOperand<uint>.CoverBytes(a);
            kernel(words.Length, x.Offset / 4, x.Binding, words, target);
        });
    }

    /// <summary>True for a row-major 1-byte array whose first element starts a 32-bit word.</summary>
    private static bool StartsWords(UnifiedArray array) => array.IsRowContiguous && array.Offset % 4 == 0;

    /// <summary>
    /// Any other layouts into the row-major result of <paramref name="shape"/>, its <paramref name="words"/>: the packed
    /// strided kernels, four elements per thread read in place through the operands' strides; beyond three merged
    /// axes, the contiguous kernel (which packs too) on row-major copies.
    /// </summary>
    private static void General<T>(BinaryChoice<T, uint> kernels, Array<T> x, Array<T> y, int[] shape, Array<uint> words, DeviceStream target)
        where T : unmanaged
    {
        if (!kernels.TryPackedStrided(x, y, shape, words, target))
        {
            kernels.Materialized(x, y, shape, words, target);
        }
    }

    /// <summary>
    /// A new bool array of <paramref name="layout"/> (row-major, or a kept dense layout from offset 0) and the words
    /// that hold it, for <paramref name="fill"/> to queue the kernels that write them; disposed again if that throws.
    /// </summary>
    private static Array<bool> Allocate(ArrayLayout layout, Action<Array<uint>, Array<bool>> fill)
    {
        (Array<bool> result, Array<uint> words) = Padded.Bytes<bool>(layout);
        using (words)
        {
            return Fill.Launched(result, () => fill(words, result));
        }
    }
}

using System;
using Tandem.CompilerServices;

namespace Tandem.Ops;

/// <summary>
/// The layout choice of an element-wise op, made here once for every family (<see cref="Elementwise"/>,
/// <see cref="Predicates"/>, <see cref="Selection"/>), which then only says which kernel runs in each case. The
/// contiguous kernels run (<see cref="Contiguous"/>) when every array operand is row-major, of the result's shape and
/// bound in place, or when all share one dense layout that the result keeps (<see cref="KeptLayout"/>), over their flat
/// element ranges (<see cref="Bind{T}"/> hands those out); anything else takes the family's general path (the strided
/// kernel, or a copy first) into a row-major result. A C# scalar operand is no array here: it never stands in the way.
/// </summary>
internal readonly struct OperandLayout
{
    private OperandLayout(ArrayLayout result, bool contiguous)
    {
        Result = result;
        Contiguous = contiguous;
    }

    /// <summary>The new result's layout: the operands' dense layout from offset 0 when it is kept, else row-major.</summary>
    public ArrayLayout Result { get; }

    /// <summary>
    /// True when the contiguous kernels run, on the operands (and the result) as <see cref="Bind{T}"/> gives them;
    /// false: the family's general path, into a row-major result.
    /// </summary>
    public bool Contiguous { get; }

    /// <summary>
    /// The choice for an op on <paramref name="target"/> whose result has <paramref name="shape"/>, of the array operands
    /// <paramref name="first"/> and <paramref name="second"/> (null for a C# scalar or a unary op's missing second),
    /// which the contiguous kernels bind as arrays of their element type.
    /// </summary>
    /// <param name="target">The stream the kernels run on: its device's binding alignment decides what binds in place.</param>
    /// <param name="shape">The result's shape (the operands' broadcast shape).</param>
    /// <param name="first">An array operand, or null.</param>
    /// <param name="second">Another array operand, or null.</param>
    /// <param name="packed">
    /// An operand of 1-byte elements that the contiguous kernels read as 32-bit words, four elements each
    /// (<c>Where</c>'s condition), or null: it must have the result's layout and start a word.
    /// </param>
    public static OperandLayout Of(DeviceStream target, ReadOnlySpan<int> shape, UnifiedArray? first, UnifiedArray? second = null,
        UnifiedArray? packed = null)
    {
        if (first is null)
        {
            // A scalar on the left (s - a): the right array is the only one KeptLayout compares.
            (first, second) = (second, null);
        }

        ArrayLayout? kept = first is null ? null : KeptLayout.Of(target, first, second);
        if (kept is not null && (packed is null || (StartsWord(packed) && packed.Layout.SameStrides(kept))))
        {
            return new OperandLayout(kept, contiguous: true);
        }

        bool inPlace = InPlace(first, shape, target) && InPlace(second, shape, target)
            && (packed is null || (StartsWord(packed) && packed.IsRowContiguous && packed.ShapeSpan.SequenceEqual(shape)));
        return new OperandLayout(ArrayLayout.RowMajor(shape), inPlace);
    }

    /// <summary>
    /// <paramref name="array"/> (an operand, or the result) as the contiguous kernels bind it: its flat element range when
    /// the result keeps the operands' layout (<see cref="KeptLayout.Flat{T}"/>), else the array itself.
    /// </summary>
    public FlatOperand<T> Bind<T>(Array<T> array) where T : unmanaged
        => Result.IsRowContiguous ? new FlatOperand<T>(array, owned: false) : new FlatOperand<T>(KeptLayout.Flat(array), owned: true);

    /// <summary>
    /// A unary op's operand as its contiguous kernel binds it: <see cref="Bind{T}"/> when <see cref="Contiguous"/>, else
    /// a row-major copy queued on <paramref name="target"/> (the general path of a unary op).
    /// </summary>
    public FlatOperand<T> BindOrCopy<T>(Array<T> array, DeviceStream target) where T : unmanaged
        => Contiguous ? Bind(array) : new FlatOperand<T>(Copy.Contiguous(array, target), owned: true);

    /// <summary>True when <paramref name="array"/> is row-major and bound in place on <paramref name="target"/>'s device.</summary>
    public static bool BindsInPlace(UnifiedArray array, DeviceStream target)
        => ViewBinding.CanBindInPlace(array, target.Executor.BufferOffsetAlignment);

    private static bool InPlace(UnifiedArray? array, ReadOnlySpan<int> shape, DeviceStream target)
        => array is null || (array.ShapeSpan.SequenceEqual(shape) && BindsInPlace(array, target));

    /// <summary>True when a 1-byte array's first element is the first byte of a 32-bit word of its buffer.</summary>
    private static bool StartsWord(UnifiedArray packed) => packed.Offset % 4 == 0;
}

/// <summary>
/// An array as a contiguous kernel binds it (<see cref="OperandLayout.Bind{T}"/>): its elements as one row-major run,
/// the array itself, or a flat view or a copy of it, which <see cref="Dispose"/> releases once the launch is queued.
/// </summary>
internal readonly struct FlatOperand<T> : IDisposable where T : unmanaged
{
    private readonly bool _owned;

    internal FlatOperand(Array<T> array, bool owned)
    {
        Array = array;
        _owned = owned;
    }

    /// <summary>The array to bind.</summary>
    public Array<T> Array { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_owned)
        {
            Array.Dispose();
        }
    }
}

using System.Runtime.CompilerServices;

namespace Tandem.Ops;

/// <summary>
/// <c>Mx.Where</c>: picks each element from <c>x</c> where the condition holds, else from <c>y</c>, all three broadcast
/// against each other; either branch may be a C# scalar. The kernels read the condition's packed bytes in place: where
/// <see cref="OperandLayout"/> says the contiguous kernels run (the condition with the result's layout, starting a
/// word), those (two arrays, or an array and a scalar uniform) one word of it per thread for four elements; anything
/// else runs the strided kernel, a scalar as a <c>[]</c> array. 1-byte element types select their widened uints (see
/// <see cref="ByteElements"/>).
/// </summary>
internal static class Selection
{
    private const string Op = "Where";

    public static Array<T> Where<T>(Array<bool> condition, Array<T> x, Array<T> y, StreamOrDevice stream) where T : unmanaged
    {
        OpArguments.RequireUsable(condition, Op, nameof(condition));
        OpArguments.RequireUsable(x, Op, nameof(x));
        OpArguments.RequireUsable(y, Op, nameof(y));
        int[] shape = Broadcasting.Shape(Op, condition, x, y);
        DeviceStream target = stream.Resolve();
        if (!ByteElements.IsByte<T>())
        {
            return Run(condition, new Branch<T>(x), new Branch<T>(y), shape, target);
        }

        using Array<uint> wideX = ByteElements.Widen(x, target);
        using Array<uint> wideY = ByteElements.Widen(y, target);
        using Array<uint> wide = Run(condition, new Branch<uint>(wideX), new Branch<uint>(wideY), shape, target);
        return ByteElements.Pack<T>(wide, target);
    }

    public static Array<T> Where<T>(Array<bool> condition, Array<T> x, T y, StreamOrDevice stream) where T : unmanaged
    {
        OpArguments.RequireUsable(condition, Op, nameof(condition));
        OpArguments.RequireUsable(x, Op, nameof(x));
        int[] shape = Broadcasting.Shape(Op, condition, x);
        DeviceStream target = stream.Resolve();
        if (!ByteElements.IsByte<T>())
        {
            return Run(condition, new Branch<T>(x), new Branch<T>(y), shape, target);
        }

        using Array<uint> wideX = ByteElements.Widen(x, target);
        using Array<uint> wide = Run(condition, new Branch<uint>(wideX), new Branch<uint>(Word(y)), shape, target);
        return ByteElements.Pack<T>(wide, target);
    }

    public static Array<T> Where<T>(Array<bool> condition, T x, Array<T> y, StreamOrDevice stream) where T : unmanaged
    {
        OpArguments.RequireUsable(condition, Op, nameof(condition));
        OpArguments.RequireUsable(y, Op, nameof(y));
        int[] shape = Broadcasting.Shape(Op, condition, y);
        DeviceStream target = stream.Resolve();
        if (!ByteElements.IsByte<T>())
        {
            return Run(condition, new Branch<T>(x), new Branch<T>(y), shape, target);
        }

        using Array<uint> wideY = ByteElements.Widen(y, target);
        using Array<uint> wide = Run(condition, new Branch<uint>(Word(x)), new Branch<uint>(wideY), shape, target);
        return ByteElements.Pack<T>(wide, target);
    }

    private static Array<T> Run<T>(Array<bool> condition, Branch<T> x, Branch<T> y, int[] shape, DeviceStream target) where T : unmanaged
    {
        SelectKernels<T> kernels = ElementwiseOps.Where.Kernels<T>() ?? throw ElementwiseOps.Where.Unsupported(typeof(T));
        OperandLayout plan = OperandLayout.Of(target, shape, x.Array, y.Array, packed: condition);
        (Array<T> result, Array<T> groups) = Padded.Allocate<T, T>(plan.Result, 4);
        using (groups)
        {
            return Fill.Launched(result, () =>
            {
                if (plan.Contiguous)
                {
                    ByWords(kernels, plan, condition, x, y, groups, target);
                    return;
                }

                using Array<T>? scalarX = x.Array is null ? Elementwise.Scalar(x.Value) : null;
                using Array<T>? scalarY = y.Array is null ? Elementwise.Scalar(y.Value) : null;
                Strided(kernels, condition, x.Array ?? scalarX!, y.Array ?? scalarY!, shape, result, groups, target);
            });
        }
    }

    /// <summary>
    /// The contiguous kernels, on the arrays as <paramref name="plan"/> binds them: one thread per word of the condition,
    /// for four elements of the result, given as <paramref name="groups"/>: its buffer, whole groups of four
    /// (<see cref="Padded"/>).
    /// </summary>
    private static void ByWords<T>(SelectKernels<T> kernels, OperandLayout plan, Array<bool> condition, Branch<T> x, Branch<T> y,
        Array<T> groups, DeviceStream target) where T : unmanaged
    {
        using FlatOperand<bool> flatCondition = plan.Bind(condition);
        using KernelOperand<uint> words = KernelOperand<uint>.CoverBytes(flatCondition.Array);
        int extent = groups.Length / 4;
        int offsetC = words.Offset / 4;
        if (x.Array is { } xArray && y.Array is { } yArray)
        {
            using FlatOperand<T> flatX = plan.Bind(xArray), flatY = plan.Bind(yArray);
            kernels.Contiguous(extent, offsetC, words.Binding, flatX.Array, flatY.Array, groups, target);
        }
        else if (x.Array is { } onlyX)
        {
            using FlatOperand<T> flatX = plan.Bind(onlyX);
            kernels.ArrayScalar(extent, offsetC, y.Value, words.Binding, flatX.Array, groups, target);
        }
        else
        {
            using FlatOperand<T> flatY = plan.Bind(y.Array!);
            kernels.ScalarArray(extent, offsetC, x.Value, words.Binding, flatY.Array, groups, target);
        }
    }

    /// <summary>Any layouts: the strided kernel over the merged axes, or beyond three of them the contiguous one on row-major copies.</summary>
    private static void Strided<T>(SelectKernels<T> kernels, Array<bool> condition, Array<T> x, Array<T> y, int[] shape, Array<T> result,
        Array<T> groups, DeviceStream target) where T : unmanaged
    {
        ArrayLayout conditionLayout = condition.Layout.TryBroadcastTo(shape)!;
        ArrayLayout xLayout = x.Layout.TryBroadcastTo(shape)!;
        ArrayLayout yLayout = y.Layout.TryBroadcastTo(shape)!;
        StridedGrid grid = StridedGrid.Of(shape, conditionLayout, xLayout, yLayout);
        if (!grid.FitsKernel)
        {
            using Array<bool> broadcast = condition.View(conditionLayout);
            using Array<bool> fullCondition = Copy.Contiguous(broadcast, target);
            using Array<T> fullX = Elementwise.Materialize(x, xLayout, shape, target);
            using Array<T> fullY = Elementwise.Materialize(y, yLayout, shape, target);
            using KernelOperand<uint> words = KernelOperand<uint>.CoverBytes(fullCondition);
            kernels.Contiguous(groups.Length / 4, words.Offset / 4, words.Binding, fullX, fullY, groups, target);
            return;
        }

        using KernelOperand<uint> conditionOperand = KernelOperand<uint>.CoverBytes(condition);
        using var xOperand = KernelOperand<T>.Cover(x);
        using var yOperand = KernelOperand<T>.Cover(y);
        kernels.Strided(grid.Extent, grid.Size(0), grid.Size(1),
            conditionOperand.Offset, grid.Stride(0, 0), grid.Stride(0, 1), grid.Stride(0, 2),
            xOperand.Offset, grid.Stride(1, 0), grid.Stride(1, 1), grid.Stride(1, 2),
            yOperand.Offset, grid.Stride(2, 0), grid.Stride(2, 1), grid.Stride(2, 2),
            conditionOperand.Binding, xOperand.Binding, yOperand.Binding, result, target);
    }

    /// <summary>A 1-byte scalar as the uint its widened kernels take (a bool as 0 or 1).</summary>
    private static uint Word<T>(T value) where T : unmanaged
        => typeof(T) == typeof(bool) ? (Unsafe.As<T, bool>(ref value) ? 1u : 0u) : Unsafe.As<T, byte>(ref value);

    /// <summary>A branch of <c>Where</c>: an array, or (when <see cref="Array"/> is null) the scalar <see cref="Value"/>.</summary>
    private readonly record struct Branch<T>(Array<T>? Array, T Value) where T : unmanaged
    {
        public Branch(Array<T> array)
            : this(array, default)
        {
        }

        public Branch(T value)
            : this(null, value)
        {
        }
    }
}

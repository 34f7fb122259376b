using System;

namespace Tandem.Ops;

/// <summary>
/// <c>Mx.Where</c>: picks each element from <c>x</c> where the condition holds, else from <c>y</c>, all three broadcast
/// against each other. The kernels read the condition's packed bytes in place; 1-byte element types select their
/// widened uints (see <see cref="ByteElements"/>).
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
            return Run(condition, x, y, shape, target);
        }

        using Array<uint> wideX = ByteElements.Widen(x, target);
        using Array<uint> wideY = ByteElements.Widen(y, target);
        using Array<uint> wide = Run(condition, wideX, wideY, shape, target);
        return ByteElements.Pack<T>(wide, target);
    }

    private static Array<T> Run<T>(Array<bool> condition, Array<T> x, Array<T> y, int[] shape, DeviceStream target) where T : unmanaged
    {
        SelectKernels<T> kernels = ElementwiseOps.Where.Kernels<T>() ?? throw ElementwiseOps.Where.Unsupported(typeof(T));
        return Elementwise.Allocate<T>(shape, result =>
        {
            if (condition.ShapeSpan.SequenceEqual(shape) && condition.IsRowContiguous
                && x.ShapeSpan.SequenceEqual(shape) && Elementwise.BindsInPlace(x, target)
                && y.ShapeSpan.SequenceEqual(shape) && Elementwise.BindsInPlace(y, target))
            {
                using KernelOperand<uint> words = KernelOperand<uint>.CoverBytes(condition);
                kernels.Contiguous(result.Length, words.Offset, words.Binding, x, y, result, target);
                return;
            }

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
                using KernelOperand<uint> fullWords = KernelOperand<uint>.CoverBytes(fullCondition);
                kernels.Contiguous(result.Length, fullWords.Offset, fullWords.Binding, fullX, fullY, result, target);
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
        });
    }
}

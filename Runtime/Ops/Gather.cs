using System;
using Tandem.Ops.Kernels;

namespace Tandem.Ops;

/// <summary><c>Take</c>'s kernels by element width: the source seen as (outer, axis, inner), the result row-major.</summary>
internal static class Gather
{
    /// <summary>Queues the kernel that fills <paramref name="result"/> (not empty) with <paramref name="a"/>'s elements at <paramref name="indices"/> along axis <paramref name="along"/>.</summary>
    public static void Along<T>(Array<T> a, Array<int> indices, int along, Array<T> result, StreamOrDevice stream) where T : unmanaged
    {
        ReadOnlySpan<int> shape = a.ShapeSpan;
        int outer = 1, inner = 1;
        foreach (int size in shape[..along])
        {
            outer *= size;
        }

        foreach (int size in shape[(along + 1)..])
        {
            inner *= size;
        }

        int axisLength = shape[along];

        // The kernel sees (outer, axis, inner): a view when the strides allow, else a row-major copy first.
        int[] blocks = [outer, axisLength, inner];
        Array<T>? copy = null;
        ArrayLayout? layout = a.Layout.TryReshape(blocks);
        if (layout is null)
        {
            copy = Copy.Contiguous(a, stream);
            layout = copy.Layout.TryReshape(blocks)!;
        }

        try
        {
            Array<T> source = copy ?? a;
            switch (a.ElementSize)
            {
                case 2:
                    Launch<T, Half>(TakeKernels.Take16, source, layout, indices, result, stream);
                    break;
                case 4:
                    Launch<T, uint>(TakeKernels.Take32, source, layout, indices, result, stream);
                    break;
                case 8:
                    Launch<T, ulong>(TakeKernels.Take64, source, layout, indices, result, stream);
                    break;
                default:
                    throw new NotSupportedException(
                        $"Mx.Take does not support {ArrayFormatter.DtypeName(typeof(T))} arrays yet; element types of 2, 4 and 8 bytes are supported.");
            }
        }
        finally
        {
            copy?.Dispose();
        }
    }

    private static void Launch<T, TBits>(TakeLauncher<TBits> launch, Array<T> source, ArrayLayout blocks, Array<int> indices, Array<T> result,
        StreamOrDevice stream) where T : unmanaged where TBits : unmanaged
    {
        using var view = new Array<TBits>(source.Buffer, blocks);
        using var operand = KernelOperand<TBits>.Cover(view);
        using Array<TBits> output = result.Reinterpret<TBits>();
        DeviceStream target = stream.Resolve();
        if (CpuTake.Serves(blocks, target))
        {
            CpuTake.Launch(operand.Binding, operand.Offset, blocks, indices, output, target);
            return;
        }

        launch(result.Length, blocks.Shape[2], indices.Length, blocks.Shape[1], operand.Offset, blocks.Strides[0], blocks.Strides[1], blocks.Strides[2],
            indices, operand.Binding, output, stream);
    }
}

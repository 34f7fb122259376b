using System;
using System.Runtime.CompilerServices;
using Tandem.CompilerServices;

namespace Tandem.Ops;

/// <summary>
/// <c>Take</c> of whole rows on a CPU stream, written by hand: where the source's innermost block is contiguous and at
/// least <see cref="MinimumRow"/> elements long, each taken row is one span copy (as NumPy's). The generated
/// <c>Take</c> kernels divide twice per element to find its row and read the index per element, which no SIMD loop
/// takes: 14x slower than NumPy for 1,024 rows of 2,048 floats.
/// </summary>
internal static class CpuTake
{
    /// <summary>Shorter rows keep the kernels: the per-row work would outweigh the copy.</summary>
    public const int MinimumRow = 16;

    private static readonly HandWrittenCpuOp[] s_byWidth =
        [Op(sizeof(ushort)), Op(sizeof(uint)), Op(sizeof(ulong))];

    /// <summary>True when this path takes rows of <paramref name="blocks"/> (outer, axis, inner) on <paramref name="stream"/>.</summary>
    public static bool Serves(ArrayLayout blocks, DeviceStream stream)
        => stream.Device.Type == DeviceType.Cpu && blocks.Strides[2] == 1 && blocks.Shape[2] >= MinimumRow;

    /// <summary>
    /// Queues the copy of the rows of <paramref name="source"/> (seen as <paramref name="blocks"/> from element
    /// <paramref name="offset"/>) at <paramref name="indices"/> along the middle axis into the row-major <paramref name="result"/>.
    /// An index outside the axis fails the op, as the kernels' bounds-checked read does.
    /// </summary>
    public static void Launch<TBits>(Array<TBits> source, int offset, ArrayLayout blocks, Array<int> indices, Array<TBits> result, DeviceStream stream)
        where TBits : unmanaged
        => s_byWidth[Unsafe.SizeOf<TBits>() switch { 2 => 0, 4 => 1, _ => 2 }].Launch([source, indices, result], _ =>
        {
            ReadOnlySpan<TBits> from = KernelLauncher.GetReadOnlySpan(source);
            ReadOnlySpan<int> taken = KernelLauncher.GetReadOnlySpan(indices);
            Span<TBits> to = KernelLauncher.GetSpan(result);
            int axisLength = blocks.Shape[1], inner = blocks.Shape[2];
            for (int outer = 0; outer < blocks.Shape[0]; outer++)
            {
                for (int t = 0; t < taken.Length; t++)
                {
                    int index = taken[t];
                    int position = index < 0 ? index + axisLength : index;
                    if (position < 0 || position >= axisLength)
                    {
                        throw new IndexOutOfRangeException($"Mx.Take: index {index} is outside an axis of length {axisLength}.");
                    }

                    int start = offset + (outer * blocks.Strides[0]) + (position * blocks.Strides[1]);
                    from.Slice(start, inner).CopyTo(to.Slice(((outer * taken.Length) + t) * inner, inner));
                }
            }
        }, stream);

    private static HandWrittenCpuOp Op(int elementSize) => new("Mx.Take (CPU)",
        new HandWrittenBuffer("source", elementSize), new HandWrittenBuffer("indices", sizeof(int)), new HandWrittenBuffer("result", elementSize, Writes: true));
}

using System;
using System.Runtime.CompilerServices;
using Tandem.CompilerServices;

namespace Tandem.Ops;

/// <summary>
/// <c>Take</c> of whole rows on a CPU stream, written by hand: where the source's innermost block is contiguous and at
/// least <see cref="MinimumRow"/> elements long, each taken row is one span copy (as NumPy's), and a take of more than
/// <see cref="TaskElements"/> elements shares its rows out between the workers. The generated
/// <c>Take</c> kernels divide twice per element to find its row and read the index per element, which no SIMD loop
/// takes: 14x slower than NumPy for 1,024 rows of 2,048 floats.
/// </summary>
internal static class CpuTake
{
    /// <summary>Shorter rows keep the kernels: the per-row work would outweigh the copy.</summary>
    public const int MinimumRow = 16;

    /// <summary>Elements a task copies: a smaller take stays on one core, where handing out work would cost more than it saves.</summary>
    private const int TaskElements = 1 << 18;

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
        => s_byWidth[Unsafe.SizeOf<TBits>() switch { 2 => 0, 4 => 1, _ => 2 }].Launch([source, indices, result], threads =>
        {
            int axisLength = blocks.Shape[1], inner = blocks.Shape[2];
            int count = CheckIndices(KernelLauncher.GetReadOnlySpan(indices), axisLength);

            // Rows (outer block, taken index) numbered in the result's order; each task copies about TaskElements.
            void CopyRows(int first, int end)
            {
                ReadOnlySpan<TBits> from = KernelLauncher.GetReadOnlySpan(source);
                ReadOnlySpan<int> taken = KernelLauncher.GetReadOnlySpan(indices);
                Span<TBits> to = KernelLauncher.GetSpan(result);
                for (int row = first; row < end; row++)
                {
                    (int outer, int t) = Math.DivRem(row, count);
                    int index = taken[t];
                    int position = index < 0 ? index + axisLength : index;
                    int start = offset + (outer * blocks.Strides[0]) + (position * blocks.Strides[1]);
                    from.Slice(start, inner).CopyTo(to.Slice(row * inner, inner));
                }
            }

            CpuWork.ForChunks(blocks.Shape[0] * count, Math.Max(1, TaskElements / inner), threads, CopyRows);
        }, stream);

    /// <summary>
    /// Fails the op on an index outside the axis before any row is copied, on the op's own thread rather than inside a
    /// worker; returns the number of indices.
    /// </summary>
    private static int CheckIndices(ReadOnlySpan<int> taken, int axisLength)
    {
        foreach (int index in taken)
        {
            if (index < -axisLength || index >= axisLength)
            {
                throw new IndexOutOfRangeException($"Mx.Take: index {index} is outside an axis of length {axisLength}.");
            }
        }

        return taken.Length;
    }

    private static HandWrittenCpuOp Op(int elementSize) => new("Mx.Take (CPU)",
        new HandWrittenBuffer("source", elementSize), new HandWrittenBuffer("indices", sizeof(int)), new HandWrittenBuffer("result", elementSize, Writes: true));
}

using System;

namespace Tandem.Ops.Kernels;

/// <summary>
/// Copies between strided (transposed, sliced, broadcast) arrays: into a new row-major array, or into a slice of one
/// (how <c>Concatenate</c> places its inputs). A copy only moves bits, so one kernel per element width serves every
/// element type of that width (float, int and uint share the 32-bit one).
/// </summary>
/// <remarks>
/// The strided kernels take both layouts as uniforms, for grids of up to three merged axes (see
/// <see cref="StridedGrid"/>): X runs along the innermost axis. The rows kernels are the same where both step by one
/// element along it (slices, broadcast rows, <c>Concatenate</c>'s parts): the CPU's SIMD loop copies whole vectors
/// there, which a stride given as a uniform rules out. The any-rank kernels read them from a small array
/// instead: <c>[rank, source offset, result offset, shape..., source strides..., result strides...]</c>.
/// </remarks>
internal static partial class CopyKernels
{
    [Kernel(StridedGrid.GroupWidth, StridedGrid.GroupHeight, 1)]
    public static void Copy16Strided(Index3D id, int offset, int s0, int s1, int s2, int resultOffset, int r0, int r1, int r2,
        ReadOnlySpan<Half> source, Span<Half> result)
        => result[resultOffset + (id.Z * r2) + (id.Y * r1) + (id.X * r0)] = source[offset + (id.Z * s2) + (id.Y * s1) + (id.X * s0)];

    [Kernel(StridedGrid.GroupWidth, StridedGrid.GroupHeight, 1)]
    public static void Copy32Strided(Index3D id, int offset, int s0, int s1, int s2, int resultOffset, int r0, int r1, int r2,
        ReadOnlySpan<uint> source, Span<uint> result)
        => result[resultOffset + (id.Z * r2) + (id.Y * r1) + (id.X * r0)] = source[offset + (id.Z * s2) + (id.Y * s1) + (id.X * s0)];

    [Kernel(StridedGrid.GroupWidth, StridedGrid.GroupHeight, 1)]
    public static void Copy64Strided(Index3D id, int offset, int s0, int s1, int s2, int resultOffset, int r0, int r1, int r2,
        ReadOnlySpan<ulong> source, Span<ulong> result)
        => result[resultOffset + (id.Z * r2) + (id.Y * r1) + (id.X * r0)] = source[offset + (id.Z * s2) + (id.Y * s1) + (id.X * s0)];

    [Kernel(StridedGrid.GroupWidth, StridedGrid.GroupHeight, 1)]
    public static void Copy16Rows(Index3D id, int offset, int s1, int s2, int resultOffset, int r1, int r2, ReadOnlySpan<Half> source, Span<Half> result)
        => result[resultOffset + (id.Z * r2) + (id.Y * r1) + id.X] = source[offset + (id.Z * s2) + (id.Y * s1) + id.X];

    [Kernel(StridedGrid.GroupWidth, StridedGrid.GroupHeight, 1)]
    public static void Copy32Rows(Index3D id, int offset, int s1, int s2, int resultOffset, int r1, int r2, ReadOnlySpan<uint> source, Span<uint> result)
        => result[resultOffset + (id.Z * r2) + (id.Y * r1) + id.X] = source[offset + (id.Z * s2) + (id.Y * s1) + id.X];

    [Kernel(StridedGrid.GroupWidth, StridedGrid.GroupHeight, 1)]
    public static void Copy64Rows(Index3D id, int offset, int s1, int s2, int resultOffset, int r1, int r2, ReadOnlySpan<ulong> source, Span<ulong> result)
        => result[resultOffset + (id.Z * r2) + (id.Y * r1) + id.X] = source[offset + (id.Z * s2) + (id.Y * s1) + id.X];

    [Kernel]
    public static void Copy16AnyRank(int i, ReadOnlySpan<int> layout, ReadOnlySpan<Half> source, Span<Half> result)
        => result[Position(i, layout, 1)] = source[Position(i, layout, 0)];

    [Kernel]
    public static void Copy32AnyRank(int i, ReadOnlySpan<int> layout, ReadOnlySpan<uint> source, Span<uint> result)
        => result[Position(i, layout, 1)] = source[Position(i, layout, 0)];

    [Kernel]
    public static void Copy64AnyRank(int i, ReadOnlySpan<int> layout, ReadOnlySpan<ulong> source, Span<ulong> result)
        => result[Position(i, layout, 1)] = source[Position(i, layout, 0)];

    /// <summary>
    /// Where the <paramref name="i"/>-th element in row-major order sits for <paramref name="operand"/> (0: the
    /// source, 1: the result), for a layout array as above.
    /// </summary>
    private static int Position(int i, ReadOnlySpan<int> layout, int operand)
    {
        int rank = layout[0];
        int at = layout[1 + operand];
        int strides = 3 + rank + (operand * rank);
        int rest = i;
        for (int axis = rank - 1; axis >= 0; axis--)
        {
            int size = layout[3 + axis];
            int next = rest / size;
            at += (rest - (next * size)) * layout[strides + axis];
            rest = next;
        }

        return at;
    }
}

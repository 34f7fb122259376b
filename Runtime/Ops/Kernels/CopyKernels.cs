using System;

namespace Tandem.Ops.Kernels;

/// <summary>
/// Copies of strided (transposed, sliced, broadcast) arrays into row-major ones. A copy only moves bits, so one kernel
/// per element width serves every element type of that width (float, int and uint share the 32-bit one).
/// </summary>
/// <remarks>
/// The strided kernels take the source's layout as uniforms, for grids of up to three merged axes (see
/// <see cref="StridedGrid"/>): X runs along the innermost axis. The any-rank kernels read the layout from a small
/// array instead: <c>[rank, offset, shape..., strides...]</c>.
/// </remarks>
internal static partial class CopyKernels
{
    [Kernel]
    public static void Copy16Strided(Index3D id, int n0, int n1, int offset, int s0, int s1, int s2, ReadOnlySpan<Half> source, Span<Half> result)
        => result[(((id.Z * n1) + id.Y) * n0) + id.X] = source[offset + (id.Z * s2) + (id.Y * s1) + (id.X * s0)];

    [Kernel]
    public static void Copy32Strided(Index3D id, int n0, int n1, int offset, int s0, int s1, int s2, ReadOnlySpan<uint> source, Span<uint> result)
        => result[(((id.Z * n1) + id.Y) * n0) + id.X] = source[offset + (id.Z * s2) + (id.Y * s1) + (id.X * s0)];

    [Kernel]
    public static void Copy64Strided(Index3D id, int n0, int n1, int offset, int s0, int s1, int s2, ReadOnlySpan<ulong> source, Span<ulong> result)
        => result[(((id.Z * n1) + id.Y) * n0) + id.X] = source[offset + (id.Z * s2) + (id.Y * s1) + (id.X * s0)];

    [Kernel]
    public static void Copy16AnyRank(int i, ReadOnlySpan<int> layout, ReadOnlySpan<Half> source, Span<Half> result)
        => result[i] = source[SourceIndex(i, layout)];

    [Kernel]
    public static void Copy32AnyRank(int i, ReadOnlySpan<int> layout, ReadOnlySpan<uint> source, Span<uint> result)
        => result[i] = source[SourceIndex(i, layout)];

    [Kernel]
    public static void Copy64AnyRank(int i, ReadOnlySpan<int> layout, ReadOnlySpan<ulong> source, Span<ulong> result)
        => result[i] = source[SourceIndex(i, layout)];

    /// <summary>Where the <paramref name="i"/>-th element in row-major order sits, for a layout array as above.</summary>
    private static int SourceIndex(int i, ReadOnlySpan<int> layout)
    {
        int rank = layout[0];
        int at = layout[1];
        int rest = i;
        for (int axis = rank - 1; axis >= 0; axis--)
        {
            int size = layout[2 + axis];
            int next = rest / size;
            at += (rest - (next * size)) * layout[2 + rank + axis];
            rest = next;
        }

        return at;
    }
}

using System;

namespace Tandem.Ops.Kernels;

/// <summary>
/// <c>Take</c>: the elements at given positions along one axis. The source is seen as (outer, axis, inner) with a
/// stride each; the result is row-major (outer, indices, inner). One kernel per element width serves every type of
/// that width.
/// </summary>
/// <remarks>
/// A negative index counts from the end. An index outside the axis reads element -1 of the source on purpose: on the
/// CPU the bounds-checked span throws, so the op fails; on the GPU robust buffer access keeps the read inside the
/// buffer (it reads 0 where the device has robustBufferAccess2, as NVIDIA, AMD, Intel and llvmpipe do).
/// </remarks>
internal static partial class TakeKernels
{
    [Kernel]
    public static void Take16(int i, int inner, int count, int axisLength, int offset, int outerStride, int axisStride, int innerStride,
        ReadOnlySpan<int> indices, ReadOnlySpan<Half> source, Span<Half> result)
        => result[i] = source[SourceIndex(i, inner, count, axisLength, offset, outerStride, axisStride, innerStride, indices)];

    [Kernel]
    public static void Take32(int i, int inner, int count, int axisLength, int offset, int outerStride, int axisStride, int innerStride,
        ReadOnlySpan<int> indices, ReadOnlySpan<uint> source, Span<uint> result)
        => result[i] = source[SourceIndex(i, inner, count, axisLength, offset, outerStride, axisStride, innerStride, indices)];

    [Kernel]
    public static void Take64(int i, int inner, int count, int axisLength, int offset, int outerStride, int axisStride, int innerStride,
        ReadOnlySpan<int> indices, ReadOnlySpan<ulong> source, Span<ulong> result)
        => result[i] = source[SourceIndex(i, inner, count, axisLength, offset, outerStride, axisStride, innerStride, indices)];

    /// <summary>The source element of result element <paramref name="i"/>, or -1 for an index outside the axis.</summary>
    private static int SourceIndex(int i, int inner, int count, int axisLength, int offset, int outerStride, int axisStride, int innerStride,
        ReadOnlySpan<int> indices)
    {
        int row = i / inner;
        int column = i - (row * inner);
        int outer = row / count;
        int taken = row - (outer * count);
        int index = indices[taken];
        int position = index < 0 ? index + axisLength : index;
        return position >= 0 && position < axisLength
            ? offset + (outer * outerStride) + (position * axisStride) + (column * innerStride)
            : -1;
    }
}

using System;
using System.Linq;

namespace Tandem.Ops;

/// <summary>
/// The iteration space of an element-wise kernel over a row-major result and strided operands, with the axes merged
/// as far as every operand allows (MLX's <c>collapse_contiguous_dims</c>): axes of size 1 drop out, and two
/// neighbouring axes become one when each operand steps over the inner one exactly as the outer one strides. What
/// remains has few axes in practice; the 3D strided kernels cover up to <see cref="MaxKernelRank"/>.
/// </summary>
internal sealed class StridedGrid
{
    /// <summary>The most axes the strided kernels take as uniforms (a 3D thread index).</summary>
    public const int MaxKernelRank = 3;

    /// <summary>
    /// Threads of a strided kernel's group along the innermost axis: a warp's 32 threads read and write neighbouring
    /// elements of a row, as the contiguous kernels do.
    /// </summary>
    public const int GroupWidth = 32;

    /// <summary>
    /// Threads of a strided kernel's group along the next axis (none along the outermost, which is 1 for the 2D grids
    /// that broadcasting and transposes make): 256 threads per group, every one of them inside a 2D grid.
    /// </summary>
    public const int GroupHeight = 8;

    private StridedGrid(int[] shape, int[][] strides)
    {
        Shape = shape;
        Strides = strides;
    }

    /// <summary>The merged axes, outermost first.</summary>
    public int[] Shape { get; }

    /// <summary>Each operand's strides along <see cref="Shape"/>, in elements.</summary>
    public int[][] Strides { get; }

    /// <summary>
    /// True when the strided 3D kernels can run it: at most three axes (of any length: a GPU grid past the device's
    /// group counts runs as several dispatches).
    /// </summary>
    public bool FitsKernel => Shape.Length <= MaxKernelRank;

    /// <summary>True when every operand steps by one element along the innermost axis (a row kernel's SIMD loop can run).</summary>
    public bool UnitInnerStrides => Strides.All(strides => strides.Length == 0 || strides[^1] == 1);

    /// <summary>The 3D launch extent: innermost axis along X. Only when <see cref="FitsKernel"/>.</summary>
    public Index3D Extent => new(Size(0), Size(1), Size(2));

    /// <summary>The size of the <paramref name="fromInnermost"/>-th axis counted from the innermost (1 beyond the rank).</summary>
    public int Size(int fromInnermost) => fromInnermost < Shape.Length ? Shape[Shape.Length - 1 - fromInnermost] : 1;

    /// <summary>Operand <paramref name="operand"/>'s stride along the <paramref name="fromInnermost"/>-th axis from the innermost (0 beyond the rank).</summary>
    public int Stride(int operand, int fromInnermost)
    {
        int[] strides = Strides[operand];
        return fromInnermost < strides.Length ? strides[strides.Length - 1 - fromInnermost] : 0;
    }

    /// <summary>The grid of <paramref name="shape"/> walked by operands with the given layouts (each of that shape).</summary>
    public static StridedGrid Of(ReadOnlySpan<int> shape, params ReadOnlySpan<ArrayLayout> operands)
    {
        var mergedShape = new int[shape.Length];
        var mergedStrides = new int[operands.Length][];
        for (int operand = 0; operand < operands.Length; operand++)
        {
            mergedStrides[operand] = new int[shape.Length];
        }

        int rank = 0;
        for (int axis = 0; axis < shape.Length; axis++)
        {
            if (shape[axis] == 1)
            {
                continue;
            }

            if (rank > 0 && Mergeable(mergedStrides, rank - 1, shape[axis], operands, axis))
            {
                mergedShape[rank - 1] *= shape[axis];
                for (int operand = 0; operand < operands.Length; operand++)
                {
                    mergedStrides[operand][rank - 1] = operands[operand].Strides[axis];
                }

                continue;
            }

            mergedShape[rank] = shape[axis];
            for (int operand = 0; operand < operands.Length; operand++)
            {
                mergedStrides[operand][rank] = operands[operand].Strides[axis];
            }

            rank++;
        }

        for (int operand = 0; operand < operands.Length; operand++)
        {
            mergedStrides[operand] = mergedStrides[operand][..rank];
        }

        return new StridedGrid(mergedShape[..rank], mergedStrides);
    }

    // The merged axis so far (outer) absorbs the next one (inner) when each operand's outer stride is the inner stride
    // times the inner size: then one stride walks both.
    private static bool Mergeable(int[][] mergedStrides, int outer, int innerSize, ReadOnlySpan<ArrayLayout> operands, int axis)
    {
        for (int operand = 0; operand < operands.Length; operand++)
        {
            if (mergedStrides[operand][outer] != (long)operands[operand].Strides[axis] * innerSize)
            {
                return false;
            }
        }

        return true;
    }
}

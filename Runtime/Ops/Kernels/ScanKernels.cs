using System;

namespace Tandem.Ops.Kernels;

/// <summary>
/// Inclusive running sums (<c>CumSum</c>) along one axis of a row-major array seen as <c>[outer, length, inner]</c>.
/// Each run is cut into blocks of <c>block</c> elements, one thread per block (at most <c>block</c> iterations:
/// llvmpipe stops a loop after 65,535). <c>BlockSums</c> writes each block's sum, as an array
/// <c>[outer, blocks, inner]</c>; the host scans those sums the same way (recursively); <c>Scan</c> then runs through
/// each block from the sum of the blocks before it (<c>scanned[j - inner]</c>, the previous block's inclusive sum). The
/// kernels per element type are written by tools/OpKernelWriter (<c>Generated/ScanKernels.g.cs</c>); uint32 runs int32's.
/// Thread <c>j</c> is block <c>(j / inner) % blocks</c> of run <c>(j / (blocks * inner), j % inner)</c>.
/// </summary>
internal static partial class ScanKernels
{
    /// <summary>Thread <paramref name="j"/>'s block: its first element and how many it holds.</summary>
    private static void Block(int j, int length, int inner, int block, out int at, out int count)
    {
        int blocks = (length + block - 1) / block;
        int i = j % inner;
        int b = (j / inner) % blocks;
        int o = j / (inner * blocks);
        int first = b * block;
        at = (((o * length) + first) * inner) + i;
        count = Math.Min(block, length - first);
    }
}

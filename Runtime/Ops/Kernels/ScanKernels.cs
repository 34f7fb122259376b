using System;

namespace Tandem.Ops.Kernels;

/// <summary>
/// Inclusive running sums (<c>CumSum</c>) along one axis of a row-major array seen as <c>[outer, length, inner]</c>.
/// Each run is cut into blocks of <c>block</c> elements, one thread per block (at most <c>block</c> iterations:
/// llvmpipe stops a loop after 65,535). <c>BlockSums</c> writes each block's sum, as an array
/// <c>[outer, blocks, inner]</c>; the host scans those sums the same way (recursively); <c>Scan</c> then runs through
/// each block from the sum of the blocks before it (<c>scanned[j - inner]</c>, the previous block's inclusive sum).
/// Thread <c>j</c> is block <c>(j / inner) % blocks</c> of run <c>(j / (blocks * inner), j % inner)</c>.
/// </summary>
internal static partial class ScanKernels
{
    [Kernel]
    public static void BlockSumsFloat(int j, int length, int inner, int block, ReadOnlySpan<float> x, Span<float> sums)
    {
        Block(j, length, inner, block, out int at, out int count);
        float sum = 0f;
        for (int k = 0; k < count; k++)
        {
            sum += x[at + (k * inner)];
        }

        sums[j] = sum;
    }

    [Kernel]
    public static void ScanFloat(int j, int length, int inner, int block, ReadOnlySpan<float> x, ReadOnlySpan<float> scanned,
        Span<float> result)
    {
        Block(j, length, inner, block, out int at, out int count);
        float sum = (j / inner) % ((length + block - 1) / block) > 0 ? scanned[j - inner] : 0f;
        for (int k = 0; k < count; k++)
        {
            sum += x[at + (k * inner)];
            result[at + (k * inner)] = sum;
        }
    }

    [Kernel]
    public static void BlockSumsDouble(int j, int length, int inner, int block, ReadOnlySpan<double> x, Span<double> sums)
    {
        Block(j, length, inner, block, out int at, out int count);
        double sum = 0.0;
        for (int k = 0; k < count; k++)
        {
            sum += x[at + (k * inner)];
        }

        sums[j] = sum;
    }

    [Kernel]
    public static void ScanDouble(int j, int length, int inner, int block, ReadOnlySpan<double> x, ReadOnlySpan<double> scanned,
        Span<double> result)
    {
        Block(j, length, inner, block, out int at, out int count);
        double sum = (j / inner) % ((length + block - 1) / block) > 0 ? scanned[j - inner] : 0.0;
        for (int k = 0; k < count; k++)
        {
            sum += x[at + (k * inner)];
            result[at + (k * inner)] = sum;
        }
    }

    // Half adds in float: the block sums are float, and each running sum is rounded to Half as it is stored.
    [Kernel]
    public static void BlockSumsHalf(int j, int length, int inner, int block, ReadOnlySpan<Half> x, Span<float> sums)
    {
        Block(j, length, inner, block, out int at, out int count);
        float sum = 0f;
        for (int k = 0; k < count; k++)
        {
            sum += (float)x[at + (k * inner)];
        }

        sums[j] = sum;
    }

    [Kernel]
    public static void ScanHalf(int j, int length, int inner, int block, ReadOnlySpan<Half> x, ReadOnlySpan<float> scanned,
        Span<Half> result)
    {
        Block(j, length, inner, block, out int at, out int count);
        float sum = (j / inner) % ((length + block - 1) / block) > 0 ? scanned[j - inner] : 0f;
        for (int k = 0; k < count; k++)
        {
            sum += (float)x[at + (k * inner)];
            result[at + (k * inner)] = (Half)sum;
        }
    }

    // int serves uint too: wrapping addition gives the same bits.
    [Kernel]
    public static void BlockSumsInt(int j, int length, int inner, int block, ReadOnlySpan<int> x, Span<int> sums)
    {
        Block(j, length, inner, block, out int at, out int count);
        int sum = 0;
        for (int k = 0; k < count; k++)
        {
            sum += x[at + (k * inner)];
        }

        sums[j] = sum;
    }

    [Kernel]
    public static void ScanInt(int j, int length, int inner, int block, ReadOnlySpan<int> x, ReadOnlySpan<int> scanned,
        Span<int> result)
    {
        Block(j, length, inner, block, out int at, out int count);
        int sum = (j / inner) % ((length + block - 1) / block) > 0 ? scanned[j - inner] : 0;
        for (int k = 0; k < count; k++)
        {
            sum += x[at + (k * inner)];
            result[at + (k * inner)] = sum;
        }
    }

    [Kernel]
    public static void BlockSumsLong(int j, int length, int inner, int block, ReadOnlySpan<long> x, Span<long> sums)
    {
        Block(j, length, inner, block, out int at, out int count);
        long sum = 0L;
        for (int k = 0; k < count; k++)
        {
            sum += x[at + (k * inner)];
        }

        sums[j] = sum;
    }

    [Kernel]
    public static void ScanLong(int j, int length, int inner, int block, ReadOnlySpan<long> x, ReadOnlySpan<long> scanned,
        Span<long> result)
    {
        Block(j, length, inner, block, out int at, out int count);
        long sum = (j / inner) % ((length + block - 1) / block) > 0 ? scanned[j - inner] : 0L;
        for (int k = 0; k < count; k++)
        {
            sum += x[at + (k * inner)];
            result[at + (k * inner)] = sum;
        }
    }

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

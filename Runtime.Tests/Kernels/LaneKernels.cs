using System;

namespace Tandem.Runtime.Tests.Kernels;

/// <summary>
/// Element-wise kernels with control flow per element: on the GPU they run as wide entry points (four elements per
/// thread), where a <c>return</c> ends one element's pass and outputs may be written on some paths only.
/// </summary>
public static partial class LaneKernels
{
    /// <summary>An early return, a switch that returns from one case, a conditional write and a by-ref helper.</summary>
    [Kernel]
    public static void LaneControl(int i, int n, ReadOnlySpan<int> codes, ReadOnlySpan<float> x, Span<float> y, Span<int> seen)
    {
        if (i >= n)
        {
            return;
        }

        switch (codes[i] & 3)
        {
            case 0:
                y[i] = -x[i];
                return;
            case 1:
                y[i] += 1f;
                break;
            default:
                Twice(ref y[i]);
                break;
        }

        if (x[i] > 0f)
        {
            seen[i] = i;
        }
    }

    /// <summary>An output stored before anything is read, then read back: the wide version need not load it.</summary>
    [Kernel]
    public static void StoreThenRead(int i, ReadOnlySpan<uint> bits, Span<uint> mixed, Span<float> fraction)
    {
        mixed[i] = (bits[i] * 2654435761u) ^ (uint)i;
        fraction[i] = (mixed[i] >> 8) / 16777216f;
    }

    private static void Twice(ref float value) => value *= 2f;
}

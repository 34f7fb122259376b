using System;

namespace Tandem.Ops.Kernels;

/// <summary>
/// The two passes of a full reduction: each thread of the first sums one chunk of the input into a partial sum; the
/// single thread of the second adds the partial sums up.
/// </summary>
internal static partial class SumKernels
{
    [Kernel]
    public static void SumChunksFloat(int chunk, int chunkSize, ReadOnlySpan<float> input, Span<float> partials)
    {
        int begin = chunk * chunkSize;
        int end = Math.Min(begin + chunkSize, input.Length);
        float sum = 0;
        for (int j = begin; j < end; j++)
        {
            sum += input[j];
        }

        partials[chunk] = sum;
    }

    [Kernel]
    public static void SumPartialsFloat(int i, ReadOnlySpan<float> partials, Span<float> result)
    {
        float sum = 0;
        for (int j = 0; j < partials.Length; j++)
        {
            sum += partials[j];
        }

        result[i] = sum;
    }

    [Kernel]
    public static void SumChunksDouble(int chunk, int chunkSize, ReadOnlySpan<double> input, Span<double> partials)
    {
        int begin = chunk * chunkSize;
        int end = Math.Min(begin + chunkSize, input.Length);
        double sum = 0;
        for (int j = begin; j < end; j++)
        {
            sum += input[j];
        }

        partials[chunk] = sum;
    }

    [Kernel]
    public static void SumPartialsDouble(int i, ReadOnlySpan<double> partials, Span<double> result)
    {
        double sum = 0;
        for (int j = 0; j < partials.Length; j++)
        {
            sum += partials[j];
        }

        result[i] = sum;
    }

    [Kernel]
    public static void SumChunksInt(int chunk, int chunkSize, ReadOnlySpan<int> input, Span<int> partials)
    {
        int begin = chunk * chunkSize;
        int end = Math.Min(begin + chunkSize, input.Length);
        int sum = 0;
        for (int j = begin; j < end; j++)
        {
            sum += input[j];
        }

        partials[chunk] = sum;
    }

    [Kernel]
    public static void SumPartialsInt(int i, ReadOnlySpan<int> partials, Span<int> result)
    {
        int sum = 0;
        for (int j = 0; j < partials.Length; j++)
        {
            sum += partials[j];
        }

        result[i] = sum;
    }
}

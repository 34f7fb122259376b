using System;

namespace Tandem.Runtime.Tests.Backends.Vulkan.GpuDevice;

/// <summary>Generated kernels for the GPU scheduler tests: they run the same on either device.</summary>
public static partial class GpuTestKernels
{
    /// <summary>destination = source + 1, after a loop of <paramref name="work"/> steps that keeps the thread busy.</summary>
    [Kernel]
    public static void SlowIncrementCopy(int i, int work, ReadOnlySpan<float> source, Span<float> destination)
    {
        int state = i;
        for (int step = 0; step < work; step++)
        {
            state = (state * 1103515245 + 12345) & 0x7fffffff;
        }

        // state is never negative, so this adds 1; the compiler cannot know, so the loop stays.
        destination[i] = source[i] + (state >= 0 ? 1f : 2f);
    }

    /// <summary>cells[id.Y * width + id.X] = that index: every thread of a 2D grid leaves its mark once.</summary>
    [Kernel]
    public static void MarkCells(Index2D id, int width, Span<int> cells) => cells[(id.Y * width) + id.X] = (id.Y * width) + id.X + 1;

    /// <summary>values[i] += 1.</summary>
    [Kernel]
    public static void AddOne(int i, Span<float> values) => values[i] = values[i] + 1f;

    /// <summary>c = a + b.</summary>
    [Kernel]
    public static void Add(int i, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c) => c[i] = a[i] + b[i];

    /// <summary>values[i] = value.</summary>
    [Kernel]
    public static void Fill(int i, float value, Span<float> values) => values[i] = value;

    /// <summary>
    /// written = 1, then copy = read: when <c>read</c> and <c>written</c> are one array, every copy is 1 in C#'s
    /// per-element order, which the wide GPU entry point (it loads before it stores) would not give.
    /// </summary>
    [Kernel]
    public static void WriteThenCopy(int i, Span<float> written, ReadOnlySpan<float> read, Span<float> copy)
    {
        written[i] = 1f;
        copy[i] = read[i];
    }
}

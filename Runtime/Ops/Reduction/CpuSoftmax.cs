using System;
using System.Numerics;
using System.Numerics.Tensors;
using Tandem.CompilerServices;

namespace Tandem.Ops.Reduction;

/// <summary>
/// float32 and float64 softmax on a CPU stream, written by hand: along the last axis, each row's maximum,
/// exponentials, sum and quotients with <c>TensorPrimitives</c> while the row is in cache; along another axis, the same
/// element-wise over whole rows of a block of columns. Rows or blocks are spread over the cores. The kernels'
/// way (a maximum pass, a sum-of-exponentials pass, then a pass that looks up each element's run) reads the input
/// three times and runs the last pass one element at a time.
/// </summary>
/// <remarks>
/// The same arithmetic as the kernels: <c>exp(x - max) / sum</c>, so a row holding a NaN or +∞ gives NaN everywhere, as
/// there. The sum adds in a different order, so the last bit may differ from the GPU's.
/// </remarks>
internal static class CpuSoftmax
{
    // Elements per task of the split over the cores (1 MiB of float32), as the other hand-written reductions.
    private const int TaskElements = 1 << 18;

    // Columns per block along an inner axis: the block's maxima and sums (16 KiB of float32) stay in L1.
    private const int ColumnBlock = 2048;

    private static readonly HandWrittenCpuOp s_float = new("Mx.Softmax (CPU, float32)", new HandWrittenBuffer("x", sizeof(float)), new HandWrittenBuffer("result", sizeof(float), Writes: true));
    private static readonly HandWrittenCpuOp s_double = new("Mx.Softmax (CPU, float64)", new HandWrittenBuffer("x", sizeof(double)), new HandWrittenBuffer("result", sizeof(double), Writes: true));

    /// <summary>True when this path computes a softmax of <typeparamref name="T"/> on <paramref name="stream"/>.</summary>
    public static bool Serves<T>(DeviceStream stream) where T : unmanaged
        => stream.Device.Type == DeviceType.Cpu && (typeof(T) == typeof(float) || typeof(T) == typeof(double));

    /// <summary>
    /// Queues the softmax of <paramref name="x"/> along an axis of <paramref name="length"/> elements with
    /// <paramref name="inner"/> elements after it into <paramref name="result"/> (row-major).
    /// </summary>
    public static void Launch<T>(Array<T> x, int length, int inner, Array<T> result, DeviceStream stream) where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            var (from, to) = ((Array<float>)(object)x, (Array<float>)(object)result);
            s_float.Launch([x, result], threads => Run(from, length, inner, to, threads), stream);
        }
        else
        {
            var (from, to) = ((Array<double>)(object)x, (Array<double>)(object)result);
            s_double.Launch([x, result], threads => Run(from, length, inner, to, threads), stream);
        }
    }

    private static unsafe void Run<TNum>(Array<TNum> x, int length, int inner, Array<TNum> result, int threads)
        where TNum : unmanaged, IFloatingPointIeee754<TNum>
    {
        fixed (TNum* source = KernelLauncher.GetReadOnlySpan(x))
        fixed (TNum* destination = KernelLauncher.GetSpan(result))
        {
            // Lambdas cannot capture fixed pointers: the addresses travel as numbers.
            (nint from, nint to) = ((nint)source, (nint)destination);
            if (inner == 1)
            {
                void Rows(int first, int end)
                {
                    for (int row = first; row < end; row++)
                    {
                        long at = (long)row * length;
                        Row(new ReadOnlySpan<TNum>((TNum*)from + at, length), new Span<TNum>((TNum*)to + at, length));
                    }
                }

                CpuWork.ForChunks(x.Length / length, Math.Max(1, TaskElements / length), threads, Rows);
                return;
            }

            // Along an inner axis: per block of columns, the rows in memory order (element-wise maxima, exponentials
            // and sums of whole rows), so that the block's maxima and sums stay in cache.
            int blocks = (inner + ColumnBlock - 1) / ColumnBlock;
            void ColumnBlocks(int first, int end)
            {
                var max = new TNum[Math.Min(ColumnBlock, inner)];
                var sum = new TNum[max.Length];
                for (int task = first; task < end; task++)
                {
                    int column = task % blocks * ColumnBlock;
                    int width = Math.Min(ColumnBlock, inner - column);
                    long origin = ((long)(task / blocks) * length * inner) + column;
                    Columns((TNum*)from + origin, (TNum*)to + origin, length, inner, max.AsSpan(0, width), sum.AsSpan(0, width));
                }
            }

            CpuWork.ForChunks(x.Length / length / inner * blocks, (int)Math.Max(1, TaskElements / ((long)length * Math.Min(ColumnBlock, inner))), threads, ColumnBlocks);
        }
    }

    private static void Row<TNum>(ReadOnlySpan<TNum> values, Span<TNum> output) where TNum : unmanaged, IFloatingPointIeee754<TNum>
    {
        TNum max = TensorPrimitives.Max(values);
        TensorPrimitives.Subtract(values, max, output);
        TensorPrimitives.Exp(output, output);
        TensorPrimitives.Divide(output, TensorPrimitives.Sum<TNum>(output), output);
    }

    /// <summary>The softmax down the columns of a block of <paramref name="max"/>.Length columns, rows <paramref name="inner"/> apart.</summary>
    private static unsafe void Columns<TNum>(TNum* x, TNum* output, int length, int inner, Span<TNum> max, Span<TNum> sum)
        where TNum : unmanaged, IFloatingPointIeee754<TNum>
    {
        int width = max.Length;
        new ReadOnlySpan<TNum>(x, width).CopyTo(max);
        for (int r = 1; r < length; r++)
        {
            TensorPrimitives.Max(max, new ReadOnlySpan<TNum>(x + ((long)r * inner), width), max);
        }

        sum.Clear();
        for (int r = 0; r < length; r++)
        {
            var row = new Span<TNum>(output + ((long)r * inner), width);
            TensorPrimitives.Subtract(new ReadOnlySpan<TNum>(x + ((long)r * inner), width), max, row);
            TensorPrimitives.Exp(row, row);
            TensorPrimitives.Add(sum, row, sum);
        }

        for (int r = 0; r < length; r++)
        {
            var row = new Span<TNum>(output + ((long)r * inner), width);
            TensorPrimitives.Divide(row, sum, row);
        }
    }
}

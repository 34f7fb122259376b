using System;
using System.Numerics;
using System.Numerics.Tensors;
using System.Threading.Tasks;
using Tandem.CompilerServices;
using Tandem.Ops.Kernels;

namespace Tandem.Ops.Reduction;

/// <summary>
/// float32 and float64 sums and means of contiguous runs on a CPU stream, written by hand: <c>TensorPrimitives.Sum</c>
/// over blocks of <see cref="Block"/> elements (as wide a SIMD as the machine has, no bounds check per load), the blocks
/// spread over the cores, then each run's block sums added pairwise. The generated CPU body of the reduction kernels
/// loads four lanes at a time with a bounds check each, which costs a loaded machine several times the CPU time per
/// element that NumPy spends.
/// </summary>
internal static class CpuSum
{
    // Short enough that a block's vector sum errs like a short sequential sum, long enough that the block sums are few.
    private const int Block = 4096;

    // Blocks per task of the split over the cores (1 MiB of float32): a core the machine gives to another process
    // leaves at most one task for its partner to wait on, and a sum smaller than one task stays on one thread.
    private const int TaskBlocks = 64;

    private static readonly HandWrittenCpuOp s_float = new("Mx.Sum (CPU, float32)", Buffers(sizeof(float)));
    private static readonly HandWrittenCpuOp s_double = new("Mx.Sum (CPU, float64)", Buffers(sizeof(double)));

    /// <summary>True when this path computes <paramref name="op"/> and <paramref name="finish"/> over <paramref name="g"/> on <paramref name="stream"/>.</summary>
    public static bool Serves<T, TAcc>(ReductionGeometry g, ReduceOp op, int finish, DeviceStream stream)
        where T : unmanaged where TAcc : unmanaged
        => stream.Device.Type == DeviceType.Cpu && typeof(T) == typeof(TAcc) && (typeof(T) == typeof(float) || typeof(T) == typeof(double))
            && op == ReduceOp.Sum && finish is ReduceKernels.FinishNone or ReduceKernels.FinishDivide
            && g.Length > 0 && (g.Step == 1 || g.Length == 1);

    /// <summary>
    /// Queues the sums of <paramref name="x"/>'s runs (<paramref name="g"/>, offsets into <paramref name="x"/>) into
    /// <paramref name="output"/> (row-major outputs), each divided by <paramref name="divisor"/> when it is not 1.
    /// </summary>
    public static void Launch<T>(Array<T> x, ReductionGeometry g, int divisor, Array<T> output, DeviceStream stream) where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            var xs = (Array<float>)(object)x;
            var result = (Array<float>)(object)output;
            s_float.Launch([x, output], threads => Run(xs, g, divisor, result, threads), stream);
        }
        else
        {
            var xs = (Array<double>)(object)x;
            var result = (Array<double>)(object)output;
            s_double.Launch([x, output], threads => Run(xs, g, divisor, result, threads), stream);
        }
    }

    private static KernelBufferInfo[] Buffers(int elementSize) =>
    [
        new("x", 0, BufferAccess.Read, elementSize, IndexedByThreadIndex: false),
        new("output", 1, BufferAccess.ReadWrite, elementSize, IndexedByThreadIndex: false),
    ];

    private static unsafe void Run<TNum>(Array<TNum> x, ReductionGeometry g, int divisor, Array<TNum> output, int threads)
        where TNum : unmanaged, IFloatingPointIeee754<TNum>
    {
        int blocksPerRun = (g.Length + Block - 1) / Block;
        int totalBlocks = checked(g.Outputs * blocksPerRun);
        var sums = new TNum[totalBlocks];
        fixed (TNum* source = KernelLauncher.GetReadOnlySpan(x))
        {
            // A lambda cannot capture a fixed pointer: its address travels as a number.
            nint address = (nint)source;
            void SumBlocks(int first, int end)
            {
                var elements = (TNum*)address;
                for (int b = first; b < end; b++)
                {
                    int run = b / blocksPerRun;
                    int done = b % blocksPerRun * Block;
                    long start = g.Offset + ((long)(run / g.Inner) * g.OuterStride) + ((long)(run % g.Inner) * g.InnerStride) + done;
                    sums[b] = TensorPrimitives.Sum(new ReadOnlySpan<TNum>(elements + start, Math.Min(Block, g.Length - done)));
                }
            }

            int tasks = (totalBlocks + TaskBlocks - 1) / TaskBlocks;
            if (tasks <= 1 || threads <= 1)
            {
                SumBlocks(0, totalBlocks);
            }
            else
            {
                Parallel.For(0, tasks, new ParallelOptions { MaxDegreeOfParallelism = threads },
                    task => SumBlocks(task * TaskBlocks, Math.Min(totalBlocks, (task + 1) * TaskBlocks)));
            }
        }

        Span<TNum> result = KernelLauncher.GetSpan(output);
        TNum count = TNum.CreateChecked(divisor);
        for (int run = 0; run < g.Outputs; run++)
        {
            TNum sum = Pairwise(sums.AsSpan(run * blocksPerRun, blocksPerRun));
            result[run] = divisor == 1 ? sum : sum / count;
        }
    }

    /// <summary>The sum of <paramref name="values"/>, halves first, as pairwise summation adds.</summary>
    private static TNum Pairwise<TNum>(ReadOnlySpan<TNum> values) where TNum : unmanaged, IFloatingPointIeee754<TNum>
        => values.Length switch
        {
            1 => values[0],
            2 => values[0] + values[1],
            _ => Pairwise(values[..(values.Length / 2)]) + Pairwise(values[(values.Length / 2)..]),
        };
}

using System;
using System.Numerics;
using System.Numerics.Tensors;
using Tandem.CompilerServices;
using Tandem.Ops.Kernels;

namespace Tandem.Ops.Reduction;

/// <summary>
/// float32 and float64 sums, means, products, maxima and minima of contiguous runs on a CPU stream, written by hand:
/// <c>TensorPrimitives</c>' <c>Sum</c>, <c>Product</c>, <c>Max</c> or <c>Min</c> over blocks of <see cref="Block"/>
/// elements (as wide a SIMD as the machine has, no bounds check per load), the blocks spread over the cores, then each
/// run's block results combined (sums pairwise). The generated CPU body of the reduction kernels loads four lanes at a
/// time with a bounds check each (sums), or one element at a time with a branch (maxima: 25x slower than NumPy), which
/// costs several times the CPU time per element that NumPy spends.
/// </summary>
/// <remarks>
/// ArgMax and ArgMin run here too (each run's <c>TensorPrimitives.Max</c>/<c>Min</c>, then the first element equal to
/// it), one task per group of whole runs. <c>TensorPrimitives.Max</c> and <c>Min</c> return NaN when a NaN is among
/// the values, as the op does; between −0 and +0 they take +0 for the maximum and −0 for the minimum (IEEE 754's
/// maximum and minimum), where the kernels keep whichever they met first.
/// </remarks>
internal static class CpuRuns
{
    // Short enough that a block's vector sum errs like a short sequential sum, long enough that the block sums are few.
    private const int Block = 4096;

    // Blocks per task of the split over the cores (1 MiB of float32): a core the machine gives to another process
    // leaves at most one task for its partner to wait on, and a sum smaller than one task stays on one thread.
    private const int TaskBlocks = 64;

    private static readonly HandWrittenCpuOp s_float = Op("Mx reduction (CPU, float32)", sizeof(float), sizeof(float));
    private static readonly HandWrittenCpuOp s_double = Op("Mx reduction (CPU, float64)", sizeof(double), sizeof(double));
    private static readonly HandWrittenCpuOp s_argFloat = Op("Mx.ArgMax/ArgMin (CPU, float32)", sizeof(float), sizeof(int));
    private static readonly HandWrittenCpuOp s_argDouble = Op("Mx.ArgMax/ArgMin (CPU, float64)", sizeof(double), sizeof(int));

    /// <summary>True when this path computes <paramref name="op"/> and <paramref name="finish"/> over <paramref name="g"/> on <paramref name="stream"/>.</summary>
    public static bool Serves<T, TAcc>(ReductionGeometry g, ReduceOp op, int finish, DeviceStream stream)
        where T : unmanaged where TAcc : unmanaged
        => stream.Device.Type == DeviceType.Cpu && typeof(T) == typeof(TAcc) && (typeof(T) == typeof(float) || typeof(T) == typeof(double))
            && (op is ReduceOp.Sum ? finish is ReduceKernels.FinishNone or ReduceKernels.FinishDivide
                : op is ReduceOp.Prod or ReduceOp.Max or ReduceOp.Min && finish == ReduceKernels.FinishNone)
            && Contiguous(g);

    /// <summary>True when this path finds the first extreme element of each run of <paramref name="g"/> (ArgMax, ArgMin) on <paramref name="stream"/>.</summary>
    public static bool ServesArg<T>(ReductionGeometry g, DeviceStream stream) where T : unmanaged
        => stream.Device.Type == DeviceType.Cpu && (typeof(T) == typeof(float) || typeof(T) == typeof(double)) && Contiguous(g);

    /// <summary>Queues the index of the first largest (smallest) element of each of <paramref name="x"/>'s runs into <paramref name="output"/>.</summary>
    public static void LaunchArg<T>(Array<T> x, ReductionGeometry g, bool minimum, Array<int> output, DeviceStream stream) where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            var xs = (Array<float>)(object)x;
            s_argFloat.Launch([x, output], threads => RunArg(xs, g, minimum, output, threads), stream);
        }
        else
        {
            var xs = (Array<double>)(object)x;
            s_argDouble.Launch([x, output], threads => RunArg(xs, g, minimum, output, threads), stream);
        }
    }

    /// <summary>
    /// Queues <paramref name="op"/> over each of <paramref name="x"/>'s runs (<paramref name="g"/>, offsets into
    /// <paramref name="x"/>) into <paramref name="output"/> (row-major outputs), each divided by <paramref name="divisor"/>
    /// when it is not 1 (a mean).
    /// </summary>
    public static void Launch<T>(Array<T> x, ReductionGeometry g, ReduceOp op, int divisor, Array<T> output, DeviceStream stream) where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            var xs = (Array<float>)(object)x;
            var result = (Array<float>)(object)output;
            s_float.Launch([x, output], threads => Run(xs, g, op, divisor, result, threads), stream);
        }
        else
        {
            var xs = (Array<double>)(object)x;
            var result = (Array<double>)(object)output;
            s_double.Launch([x, output], threads => Run(xs, g, op, divisor, result, threads), stream);
        }
    }

    private static bool Contiguous(ReductionGeometry g) => g.Length > 0 && (g.Step == 1 || g.Length == 1);

    private static HandWrittenCpuOp Op(string name, int elementSize, int outputSize)
        => new(name, new HandWrittenBuffer("x", elementSize), new HandWrittenBuffer("output", outputSize, Writes: true));

    private static unsafe void Run<TNum>(Array<TNum> x, ReductionGeometry g, ReduceOp op, int divisor, Array<TNum> output, int threads)
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
                    long start = g.RunStart(run) + done;
                    sums[b] = Reduce(op, new ReadOnlySpan<TNum>(elements + start, Math.Min(Block, g.Length - done)));
                }
            }

            CpuWork.ForChunks(totalBlocks, TaskBlocks, threads, SumBlocks);
        }

        Span<TNum> result = KernelLauncher.GetSpan(output);
        TNum count = TNum.CreateChecked(divisor);
        for (int run = 0; run < g.Outputs; run++)
        {
            ReadOnlySpan<TNum> blocks = sums.AsSpan(run * blocksPerRun, blocksPerRun);
            TNum sum = op == ReduceOp.Sum ? Pairwise(blocks) : Reduce(op, blocks);
            result[run] = divisor == 1 ? sum : sum / count;
        }
    }

    private static unsafe void RunArg<TNum>(Array<TNum> x, ReductionGeometry g, bool minimum, Array<int> output, int threads)
        where TNum : unmanaged, IFloatingPointIeee754<TNum>
    {
        fixed (TNum* source = KernelLauncher.GetReadOnlySpan(x))
        fixed (int* result = KernelLauncher.GetSpan(output))
        {
            // Lambdas cannot capture fixed pointers: the addresses travel as numbers.
            (nint from, nint to) = ((nint)source, (nint)result);
            void FindRuns(int first, int end)
            {
                for (int run = first; run < end; run++)
                {
                    ((int*)to)[run] = IndexOfExtreme(new ReadOnlySpan<TNum>((TNum*)from + g.RunStart(run), g.Length), minimum);
                }
            }

            // Whole runs per task, about TaskBlocks blocks of elements each; one run is one task.
            CpuWork.ForChunks(g.Outputs, Math.Max(1, TaskBlocks * Block / g.Length), threads, FindRuns);
        }
    }

    private static int IndexOfExtreme<TNum>(ReadOnlySpan<TNum> run, bool minimum) where TNum : unmanaged, IFloatingPointIeee754<TNum>
    {
        // Two passes over a run that stays in cache: the extreme value at TensorPrimitives' SIMD speed, then the first
        // element equal to it (TensorPrimitives.IndexOfMax carries an index per lane and runs at half NumPy's speed).
        // Equality takes the first of the equal zeros, as the op (and NumPy) does; a NaN is the first NaN.
        TNum extreme = minimum ? TensorPrimitives.Min(run) : TensorPrimitives.Max(run);
        return TNum.IsNaN(extreme) ? FirstNaN(run) : FirstEqual(run, extreme);
    }

    private static int FirstEqual<TNum>(ReadOnlySpan<TNum> run, TNum value) where TNum : unmanaged, IFloatingPointIeee754<TNum>
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && run.Length >= Vector<TNum>.Count)
        {
            var target = new Vector<TNum>(value);
            for (; i <= run.Length - Vector<TNum>.Count; i += Vector<TNum>.Count)
            {
                if (Vector.EqualsAny(new Vector<TNum>(run[i..]), target))
                {
                    break;
                }
            }
        }

        while (run[i] != value)
        {
            i++;
        }

        return i;
    }

    private static int FirstNaN<TNum>(ReadOnlySpan<TNum> run) where TNum : unmanaged, IFloatingPointIeee754<TNum>
    {
        int i = 0;
        while (!TNum.IsNaN(run[i]))
        {
            i++;
        }

        return i;
    }

    private static TNum Reduce<TNum>(ReduceOp op, ReadOnlySpan<TNum> values) where TNum : unmanaged, IFloatingPointIeee754<TNum>
        => op switch
        {
            ReduceOp.Sum => TensorPrimitives.Sum(values),
            ReduceOp.Prod => TensorPrimitives.Product(values),
            ReduceOp.Max => TensorPrimitives.Max(values),
            _ => TensorPrimitives.Min(values),
        };

    /// <summary>The sum of <paramref name="values"/>, halves first, as pairwise summation adds.</summary>
    private static TNum Pairwise<TNum>(ReadOnlySpan<TNum> values) where TNum : unmanaged, IFloatingPointIeee754<TNum>
        => values.Length switch
        {
            1 => values[0],
            2 => values[0] + values[1],
            _ => Pairwise(values[..(values.Length / 2)]) + Pairwise(values[(values.Length / 2)..]),
        };
}

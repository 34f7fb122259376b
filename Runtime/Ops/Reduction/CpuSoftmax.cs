using System;
using System.Numerics;
using System.Numerics.Tensors;
using Tandem.Abi;
using Tandem.CompilerServices;

namespace Tandem.Ops.Reduction;

/// <summary>
/// float32 and float64 softmax along the last axis on a CPU stream, written by hand: each row's maximum, exponentials,
/// sum and quotients with <c>TensorPrimitives</c> while the row is in cache, rows spread over the cores. The kernels'
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

    private static readonly HandWrittenCpuOp s_float = new("Mx.Softmax (CPU, float32)", Buffers(sizeof(float)));
    private static readonly HandWrittenCpuOp s_double = new("Mx.Softmax (CPU, float64)", Buffers(sizeof(double)));

    /// <summary>True when this path computes a softmax along an axis with <paramref name="inner"/> elements after it on <paramref name="stream"/>.</summary>
    public static bool Serves<T>(int inner, DeviceStream stream) where T : unmanaged
        => stream.Device.Type == DeviceType.Cpu && inner == 1 && (typeof(T) == typeof(float) || typeof(T) == typeof(double));

    /// <summary>Queues the softmax of each run of <paramref name="length"/> elements of <paramref name="x"/> into <paramref name="result"/> (row-major).</summary>
    public static void Launch<T>(Array<T> x, int length, Array<T> result, DeviceStream stream) where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            var (from, to) = ((Array<float>)(object)x, (Array<float>)(object)result);
            s_float.Launch([x, result], threads => Run(from, length, to, threads), stream);
        }
        else
        {
            var (from, to) = ((Array<double>)(object)x, (Array<double>)(object)result);
            s_double.Launch([x, result], threads => Run(from, length, to, threads), stream);
        }
    }

    private static KernelBufferInfo[] Buffers(int elementSize) =>
    [
        new("x", 0, BufferAccess.Read, elementSize, IndexedByThreadIndex: false),
        new("result", 1, BufferAccess.ReadWrite, elementSize, IndexedByThreadIndex: false),
    ];

    private static unsafe void Run<TNum>(Array<TNum> x, int length, Array<TNum> result, int threads)
        where TNum : unmanaged, IFloatingPointIeee754<TNum>
    {
        fixed (TNum* source = KernelLauncher.GetReadOnlySpan(x))
        fixed (TNum* destination = KernelLauncher.GetSpan(result))
        {
            // Lambdas cannot capture fixed pointers: the addresses travel as numbers.
            (nint from, nint to) = ((nint)source, (nint)destination);
            void Rows(int first, int end)
            {
                for (int row = first; row < end; row++)
                {
                    var values = new ReadOnlySpan<TNum>((TNum*)from + ((long)row * length), length);
                    var output = new Span<TNum>((TNum*)to + ((long)row * length), length);
                    TNum max = TensorPrimitives.Max(values);
                    TensorPrimitives.Subtract(values, max, output);
                    TensorPrimitives.Exp(output, output);
                    TensorPrimitives.Divide(output, TensorPrimitives.Sum<TNum>(output), output);
                }
            }

            CpuWork.ForChunks(x.Length / length, Math.Max(1, TaskElements / length), threads, Rows);
        }
    }
}

using System;
using System.Globalization;
using Tandem.CompilerServices;

namespace Tandem.Ops.Linalg;

/// <summary>
/// The matrix product the ops build on: <c>C[i] = alpha * A[i] B[i] + beta * C[i]</c> for a batch of (M, K) by (K, N)
/// products, each operand a strided view into an array (<see cref="GemmOperand{T}"/>), float or double, on any stream.
/// </summary>
/// <remarks>
/// <para>
/// On a GPU stream it runs the tiled kernels of <c>GemmKernels</c> (<see cref="GpuGemm"/>). On a CPU stream it calls
/// the system's BLAS where one was found and the operands' layout suits it (<see cref="SystemBlas"/>), else Tandem's own
/// packed SIMD kernel (<see cref="CpuGemm"/>). Either way it is one op on the stream, ordered and tracked like a kernel.
/// </para>
/// <para>
/// NumPy's <c>matmul</c> rules map onto it: a transposed operand swaps its strides, a broadcast batch has stride 0, a
/// 1-D operand is a matrix of one row or one column. C is written without being read when beta is 0, must not share
/// memory with A or B, and must not have two outputs at one address.
/// </para>
/// </remarks>
internal static class Gemm
{
    private static readonly HandWrittenCpuOp CpuFloat = CpuOp("Mx.Matmul (CPU, float32)", sizeof(float));
    private static readonly HandWrittenCpuOp CpuDouble = CpuOp("Mx.Matmul (CPU, float64)", sizeof(double));

    /// <summary>Queues the product on <paramref name="stream"/>; returns at once.</summary>
    /// <param name="shape">The sizes.</param>
    /// <param name="a">The (M, K) matrices.</param>
    /// <param name="b">The (K, N) matrices.</param>
    /// <param name="c">The (M, N) matrices written.</param>
    /// <param name="stream">Where it runs.</param>
    /// <param name="alpha">The factor of the product.</param>
    /// <param name="beta">The factor of C's previous contents; 0 (the default) overwrites C without reading it.</param>
    /// <param name="tile">On a GPU, force a kernel (benchmarks compare them); ignored on the CPU.</param>
    /// <exception cref="NotSupportedException">The element type is neither float nor double.</exception>
    /// <exception cref="ArgumentException">A size or stride is negative, an operand reaches past its array, or C overlaps itself, A or B.</exception>
    public static void Launch<T>(GemmShape shape, GemmOperand<T> a, GemmOperand<T> b, GemmOperand<T> c, StreamOrDevice stream,
        double alpha = 1, double beta = 0, GemmTile tile = GemmTile.Auto) where T : unmanaged
    {
        RequireSupported<T>();
        if (shape.M < 0 || shape.N < 0 || shape.K < 0 || shape.Batch < 0)
        {
            throw new ArgumentException($"Gemm: the sizes {shape} must not be negative.", nameof(shape));
        }

        CheckOperand(a, "a", shape.Batch, shape.M, shape.K);
        CheckOperand(b, "b", shape.Batch, shape.K, shape.N);
        CheckOperand(c, "c", shape.Batch, shape.M, shape.N);
        CheckOutput(shape, a, b, c);
        DeviceStream target = stream.Resolve();
        if (shape.M == 0 || shape.N == 0 || shape.Batch == 0)
        {
            return;
        }

        if (target.Device.Type == DeviceType.Cpu)
        {
            (typeof(T) == typeof(float) ? CpuFloat : CpuDouble).Launch(
                [a.Array, b.Array, c.Array], threads => MultiplyOnHost(shape, a, b, c, alpha, beta, threads), target);
        }
        else
        {
            GpuGemm.Launch(shape, a, b, c, Convert<T>(alpha), Convert<T>(beta), tile, target);
        }
    }

    /// <summary>Throws unless the product supports <typeparamref name="T"/>.</summary>
    /// <exception cref="NotSupportedException">The element type is neither float nor double.</exception>
    public static void RequireSupported<T>() where T : unmanaged
    {
        if (typeof(T) != typeof(float) && typeof(T) != typeof(double))
        {
            throw new NotSupportedException(
                $"Mx.Matmul does not support {ArrayFormatter.DtypeName(typeof(T))} arrays; it supports float32 and float64.");
        }
    }

    private static HandWrittenCpuOp CpuOp(string name, int elementSize)
        => new(name, new HandWrittenBuffer("a", elementSize), new HandWrittenBuffer("b", elementSize), new HandWrittenBuffer("c", elementSize, Writes: true));

    private static T Convert<T>(double value) where T : unmanaged => typeof(T) == typeof(float) ? (T)(object)(float)value : (T)(object)value;

    /// <summary>Throws unless every element of the operand's matrices lies inside its array.</summary>
    private static void CheckOperand<T>(GemmOperand<T> operand, string name, int batch, int rows, int columns) where T : unmanaged
    {
        OpArguments.RequireUsable(operand.Array, "Matmul", name);
        if (operand.Offset < 0 || operand.RowStride < 0 || operand.ColumnStride < 0 || operand.BatchStride < 0)
        {
            throw new ArgumentException($"Gemm: '{name}' has a negative offset or stride ({Describe(operand)}).", name);
        }

        if (batch == 0 || rows == 0 || columns == 0)
        {
            return;
        }

        long last = operand.Offset + ((long)(batch - 1) * operand.BatchStride) + ((long)(rows - 1) * operand.RowStride)
            + ((long)(columns - 1) * operand.ColumnStride);
        if (last >= operand.Array.Length)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"Gemm: '{name}' ({batch} x {rows} x {columns}, {Describe(operand)}) reaches element {last} of an array of {operand.Array.Length}."), name);
        }
    }

    /// <summary>Throws when C shares memory with A or B, or two of its outputs share an address (their writes would race).</summary>
    private static void CheckOutput<T>(GemmShape shape, GemmOperand<T> a, GemmOperand<T> b, GemmOperand<T> c) where T : unmanaged
    {
        if (c.Array.Buffer == a.Array.Buffer || c.Array.Buffer == b.Array.Buffer)
        {
            throw new ArgumentException("Gemm: 'c' shares memory with an input; write the product to a new array.", nameof(c));
        }

        // Sorted by stride, each axis of length > 1 must step past the whole extent of the axes below it.
        Span<(long Stride, long Length)> axes = [(c.ColumnStride, shape.N), (c.RowStride, shape.M), (c.BatchStride, shape.Batch)];
        axes.Sort();
        long extent = 1;
        foreach ((long stride, long length) in axes)
        {
            if (length <= 1)
            {
                continue;
            }

            if (stride < extent)
            {
                throw new ArgumentException($"Gemm: two outputs of 'c' share an address ({Describe(c)}); give it strides that do not overlap.", nameof(c));
            }

            extent = stride * length;
        }
    }

    private static string Describe<T>(GemmOperand<T> operand) where T : unmanaged => string.Create(CultureInfo.InvariantCulture,
        $"offset {operand.Offset}, strides {operand.RowStride}, {operand.ColumnStride}, batch {operand.BatchStride}");

    /// <summary>The CPU op's body: one product per matrix of the batch, through the system BLAS or <see cref="CpuGemm"/>.</summary>
    private static unsafe void MultiplyOnHost<T>(GemmShape shape, GemmOperand<T> a, GemmOperand<T> b, GemmOperand<T> c,
        double alpha, double beta, int threads) where T : unmanaged
    {
        fixed (T* pa = KernelLauncher.GetReadOnlySpan(a.Array))
        fixed (T* pb = KernelLauncher.GetReadOnlySpan(b.Array))
        fixed (T* pc = KernelLauncher.GetSpan(c.Array))
        {
            for (int i = 0; i < shape.Batch; i++)
            {
                var ma = new StridedMatrix<T>(pa + a.Offset + ((long)i * a.BatchStride), a.RowStride, a.ColumnStride);
                var mb = new StridedMatrix<T>(pb + b.Offset + ((long)i * b.BatchStride), b.RowStride, b.ColumnStride);
                var mc = new StridedMatrix<T>(pc + c.Offset + ((long)i * c.BatchStride), c.RowStride, c.ColumnStride);
                if (typeof(T) == typeof(float))
                {
                    Multiply(shape, ma.Reinterpret<float>(), mb.Reinterpret<float>(), mc.Reinterpret<float>(), (float)alpha, (float)beta, threads);
                }
                else
                {
                    Multiply(shape, ma.Reinterpret<double>(), mb.Reinterpret<double>(), mc.Reinterpret<double>(), alpha, beta, threads);
                }
            }
        }
    }

    private static void Multiply<T>(GemmShape shape, StridedMatrix<T> a, StridedMatrix<T> b, StridedMatrix<T> c, T alpha, T beta, int threads)
        where T : unmanaged, System.Numerics.INumber<T>
    {
        if (!CpuGemv.TryMultiply(shape.M, shape.N, shape.K, a, b, c, alpha, beta, threads)
            && !SystemBlas.TryMultiply(shape.M, shape.N, shape.K, a, b, c, alpha, beta))
        {
            CpuGemm.Multiply(shape.M, shape.N, shape.K, a, b, c, alpha, beta, threads);
        }
    }
}

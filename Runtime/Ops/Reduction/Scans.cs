using System;
using Tandem.Memory;
using Tandem.Ops.Kernels;

namespace Tandem.Ops.Reduction;

/// <summary>
/// <c>CumSum</c>: inclusive running sums along an axis, by blocks (see <see cref="ScanKernels"/>), in the element
/// type (integers wrap; Half adds in float and rounds each running sum).
/// </summary>
internal static class Scans
{
    /// <summary>Elements per block: the most iterations one thread runs.</summary>
    private const int Block = 1024;

    private static readonly Scan<float, float> s_float = new(ReduceTables.Float32.Scans, null);
    private static readonly Scan<double, double> s_double = new(ReduceTables.Float64.Scans, null);
    private static readonly Scan<Half, float> s_half = new(ReduceTables.Float16.Scans, s_float);
    private static readonly Scan<int, int> s_int = new(ReduceTables.Int32.Scans, null);
    private static readonly Scan<long, long> s_long = new(ReduceTables.Int64.Scans, null);

    /// <summary>The running sums of <paramref name="a"/> along <paramref name="axis"/>.</summary>
    public static Array<T> CumSum<T>(Array<T> a, int axis, StreamOrDevice stream) where T : unmanaged
    {
        OpArguments.RequireUsable(a, "CumSum", nameof(a));
        if (typeof(T) == typeof(uint))
        {
            // Wrapping addition gives uint's bits from int's kernels.
            using Array<int> bits = ((Array<uint>)(object)a).Reinterpret<int>();
            using Array<int> sums = CumSum(bits, axis, stream);
            return (Array<T>)(object)sums.Reinterpret<uint>();
        }

        object? scan = typeof(T) == typeof(float) ? s_float
            : typeof(T) == typeof(double) ? s_double
            : typeof(T) == typeof(Half) ? s_half
            : typeof(T) == typeof(int) ? s_int
            : typeof(T) == typeof(long) ? s_long
            : null;
        if (scan is not IScan<T> found)
        {
            throw new NotSupportedException(
                $"Mx.CumSum does not support {ArrayFormatter.DtypeName(typeof(T))} arrays; it supports float32, float64, float16, int32, uint32 and int64.");
        }

        int position = Axes.Normalize(axis, a.Rank, "CumSum");
        DeviceStream target = stream.Resolve();
        var result = new Array<T>(a.ShapeSpan, BufferContents.Undefined);
        if (a.Length == 0)
        {
            return result;
        }

        try
        {
            int outer = 1;
            int inner = 1;
            for (int other = 0; other < a.Rank; other++)
            {
                outer *= other < position ? a.ShapeSpan[other] : 1;
                inner *= other > position ? a.ShapeSpan[other] : 1;
            }

            found.Run(a, result, outer, a.ShapeSpan[position], inner, target);
            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    private interface IScan<T> where T : unmanaged
    {
        void Run(Array<T> x, Array<T> result, int outer, int length, int inner, DeviceStream stream);
    }

    /// <summary>The scan of <typeparamref name="T"/>, whose block sums are <typeparamref name="TAcc"/>.</summary>
    private sealed class Scan<T, TAcc>(ScanKernelPair<T, TAcc> kernels, Scan<TAcc, TAcc>? sums) : IScan<T>
        where T : unmanaged where TAcc : unmanaged
    {
        private Scan<TAcc, TAcc> Sums => sums ?? (Scan<TAcc, TAcc>)(object)this;

        /// <summary>
        /// Queues the running sums of the row-major <paramref name="x"/> (a view is copied by the launch), seen as
        /// <c>[outer, length, inner]</c>, into <paramref name="result"/>.
        /// </summary>
        public void Run(Array<T> x, Array<T> result, int outer, int length, int inner, DeviceStream stream)
        {
            int blocks = (length + Block - 1) / Block;
            int threads = checked(outer * blocks * inner);
            if (blocks == 1)
            {
                // No block before any other: the scan never reads its running-sum input.
                using Array<TAcc> none = new([1], BufferContents.Undefined);
                kernels.Scan(threads, length, inner, Block, x, none, result, stream);
                return;
            }

            using var partial = new Array<TAcc>([threads], BufferContents.Undefined);
            using var scanned = new Array<TAcc>([threads], BufferContents.Undefined);
            kernels.BlockSums(threads, length, inner, Block, x, partial, stream);
            Sums.Run(partial, scanned, outer, blocks, inner, stream);
            kernels.Scan(threads, length, inner, Block, x, scanned, result, stream);
        }
    }
}

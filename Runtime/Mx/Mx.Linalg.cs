using System;
using Tandem.Ops;
using Tandem.Ops.Linalg;

namespace Tandem;

public static partial class Mx
{
    /// <summary>The matrix product of an (M, K) and a (K, N) array (float32, float64).</summary>
    /// <remarks>
    /// A view (<c>a.T</c>, a slice) is read in place through its strides, without a copy.
    /// On a GPU stream a tiled kernel runs; on a CPU stream the system's BLAS (OpenBLAS where installed; the
    /// <c>TANDEM_BLAS</c> environment variable chooses) or Tandem's own packed SIMD kernel.
    /// </remarks>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="a">The left matrix, shape (M, K).</param>
    /// <param name="b">The right matrix, shape (K, N).</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>A new (M, N) array.</returns>
    /// <exception cref="ArgumentException">An operand is not two-dimensional, or the inner sizes differ.</exception>
    public static Array<T> Matmul<T>(Array<T> a, Array<T> b, StreamOrDevice stream = default) where T : unmanaged
    {
        OpArguments.RequireUsable(a, "Matmul", nameof(a));
        OpArguments.RequireUsable(b, "Matmul", nameof(b));
        if (a.Rank != 2 || b.Rank != 2 || a.ShapeSpan[1] != b.ShapeSpan[0])
        {
            throw new ArgumentException(
                $"Mx.Matmul: cannot multiply shapes {UnifiedArray.FormatShape(a.ShapeSpan)} and {UnifiedArray.FormatShape(b.ShapeSpan)}; "
                + "pass an (M, K) and a (K, N) array.", nameof(b));
        }

        int m = a.ShapeSpan[0];
        int k = a.ShapeSpan[1];
        int n = b.ShapeSpan[1];
        var result = new Array<T>([m, n]);
        try
        {
            if (a.Length == 0 || b.Length == 0)
            {
                // Nothing to read: the product is zeros (or empty).
                Gemm.Launch(new GemmShape(m, n, 0), GemmOperand<T>.RowMajor(a, m, 0), GemmOperand<T>.RowMajor(b, 0, n),
                    GemmOperand<T>.RowMajor(result, m, n), stream);
                return result;
            }

            // Views (a.T, slices) are read in place through their strides.
            using var left = KernelOperand<T>.Cover(a);
            using var right = KernelOperand<T>.Cover(b);
            Gemm.Launch(new GemmShape(m, n, k), GemmOperand<T>.Of(left, a), GemmOperand<T>.Of(right, b),
                GemmOperand<T>.RowMajor(result, m, n), stream);
            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }
}

using System;
using Tandem.Ops;
using Tandem.Ops.Linalg;

namespace Tandem;

public static partial class Mx
{
    /// <summary>The matrix product of an (M, K) and a (K, N) array (float32, float64).</summary>
    /// <remarks>
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
            Gemm.Launch(new GemmShape(m, n, k), GemmOperand<T>.RowMajor(a, m, k), GemmOperand<T>.RowMajor(b, k, n),
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

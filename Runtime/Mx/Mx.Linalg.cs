using System;
using Tandem.Ops.Linalg;

namespace Tandem;

public static partial class Mx
{
    /// <summary>The matrix product with NumPy's <c>matmul</c> rules (float32, float64).</summary>
    /// <remarks>
    /// <para>
    /// Two matrices (M, K) and (K, N) give (M, N). A 1-D <paramref name="a"/> of length K is one row and a 1-D
    /// <paramref name="b"/> one column, and the result drops that axis ([K] by [K, N] gives [N]; two vectors give
    /// shape []). The axes before the last two are batch axes that broadcast as NumPy does: [8, 4, 3] by [3, 5] gives
    /// [8, 4, 5], [2, 1, 4, 3] by [5, 3, 2] gives [2, 5, 4, 2].
    /// </para>
    /// <para>
    /// Views are read in place through their strides, without a copy, when their last or second-to-last stride is 1
    /// (<c>a.T</c>, slices of rows or columns, broadcast batches); any other view is copied to row-major first. On a
    /// GPU stream a tiled kernel runs; on a CPU stream the system's BLAS (OpenBLAS where installed; the
    /// <c>TANDEM_BLAS</c> environment variable chooses) or Tandem's own packed SIMD kernel.
    /// </para>
    /// </remarks>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="a">The left operand: a vector, a matrix, or a batch of matrices.</param>
    /// <param name="b">The right operand: a vector, a matrix, or a batch of matrices.</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>A new array: the broadcast batch axes, then M unless <paramref name="a"/> is 1-D, then N unless <paramref name="b"/> is.</returns>
    /// <exception cref="ArgumentException">An operand has shape [], the inner sizes differ, or the batch axes do not broadcast.</exception>
    /// <exception cref="NotSupportedException">The element type is neither float nor double.</exception>
    public static Array<T> Matmul<T>(Array<T> a, Array<T> b, StreamOrDevice stream = default) where T : unmanaged
        => MatrixProduct.Multiply(a, b, stream);
}

using System;
using Tandem.Memory;
using Tandem.Ops;

namespace Tandem;

public static partial class Mx
{
    /// <summary>The matrix product of an (M, K) and a (K, N) array (float32, float64).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="a">The left matrix, shape (M, K).</param>
    /// <param name="b">The right matrix, shape (K, N).</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>A new (M, N) array.</returns>
    /// <exception cref="ArgumentException">An operand is not two-dimensional, or the inner sizes differ.</exception>
    public static Array<T> Matmul<T>(Array<T> a, Array<T> b, StreamOrDevice stream = default) where T : unmanaged
    {
        MatmulLauncher<T> launch = OpKernels.Matmul.For<T, MatmulLauncher<T>>();
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
        var result = new Array<T>([m, n], BufferContents.Undefined);
        try
        {
            launch(new Index2D(n, m), k, n, a, b, result, stream);
            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }
}

using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Tandem.Ops.Linalg;

// The register-blocked inner kernels: an (Mr x Nr) block of C from an Mr-row panel of packed A and an Nr-column panel
// of packed B, every accumulator in a register for the whole of K. Each is written out per row because the JIT keeps
// named vector locals in registers (24 of AVX-512's 32 for the wide one) but not the elements of an array.
internal static unsafe partial class CpuGemm
{
    /// <summary>An inner kernel: <c>tile = sum over p &lt; kc of packedA[p] (outer) packedB[p]</c>, row-major, Nr per row.</summary>
    private readonly struct MicroKernel<T> where T : unmanaged
    {
        public MicroKernel(int rows, int columns, delegate*<int, T*, T*, T*, void> run)
        {
            Rows = rows;
            Columns = columns;
            Run = run;
        }

        /// <summary>Mr: rows of A per panel, rows of the block.</summary>
        public int Rows { get; }

        /// <summary>Nr: columns of B per panel, columns of the block.</summary>
        public int Columns { get; }

        public delegate*<int, T*, T*, T*, void> Run { get; }

        /// <summary>
        /// 12 rows by two 512-bit vectors where AVX-512 runs at full speed, else 6 rows by two <see cref="Vector{T}"/>
        /// (256-bit with AVX2, 128-bit on Arm).
        /// </summary>
        public static MicroKernel<T> Best { get; } = Vector512.IsHardwareAccelerated
            ? new MicroKernel<T>(12, 2 * Vector512<T>.Count, &Rows12By2x512)
            : new MicroKernel<T>(6, 2 * Vector<T>.Count, &Rows6By2xVector);
    }

    private static void Rows12By2x512<T>(int kc, T* a, T* b, T* tile) where T : unmanaged
    {
        int w = Vector512<T>.Count;
        Vector512<T> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector512<T> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        Vector512<T> c60 = default, c61 = default, c70 = default, c71 = default, c80 = default, c81 = default;
        Vector512<T> c90 = default, c91 = default, cA0 = default, cA1 = default, cB0 = default, cB1 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector512<T> b0 = Vector512.Load(b);
            Vector512<T> b1 = Vector512.Load(b + w);
            Vector512<T> x = Vector512.Create(a[0]);
            c00 = Fma(x, b0, c00);
            c01 = Fma(x, b1, c01);
            x = Vector512.Create(a[1]);
            c10 = Fma(x, b0, c10);
            c11 = Fma(x, b1, c11);
            x = Vector512.Create(a[2]);
            c20 = Fma(x, b0, c20);
            c21 = Fma(x, b1, c21);
            x = Vector512.Create(a[3]);
            c30 = Fma(x, b0, c30);
            c31 = Fma(x, b1, c31);
            x = Vector512.Create(a[4]);
            c40 = Fma(x, b0, c40);
            c41 = Fma(x, b1, c41);
            x = Vector512.Create(a[5]);
            c50 = Fma(x, b0, c50);
            c51 = Fma(x, b1, c51);
            x = Vector512.Create(a[6]);
            c60 = Fma(x, b0, c60);
            c61 = Fma(x, b1, c61);
            x = Vector512.Create(a[7]);
            c70 = Fma(x, b0, c70);
            c71 = Fma(x, b1, c71);
            x = Vector512.Create(a[8]);
            c80 = Fma(x, b0, c80);
            c81 = Fma(x, b1, c81);
            x = Vector512.Create(a[9]);
            c90 = Fma(x, b0, c90);
            c91 = Fma(x, b1, c91);
            x = Vector512.Create(a[10]);
            cA0 = Fma(x, b0, cA0);
            cA1 = Fma(x, b1, cA1);
            x = Vector512.Create(a[11]);
            cB0 = Fma(x, b0, cB0);
            cB1 = Fma(x, b1, cB1);
            a += 12;
            b += 2 * w;
        }

        StoreRow(tile, w, 0, c00, c01);
        StoreRow(tile, w, 1, c10, c11);
        StoreRow(tile, w, 2, c20, c21);
        StoreRow(tile, w, 3, c30, c31);
        StoreRow(tile, w, 4, c40, c41);
        StoreRow(tile, w, 5, c50, c51);
        StoreRow(tile, w, 6, c60, c61);
        StoreRow(tile, w, 7, c70, c71);
        StoreRow(tile, w, 8, c80, c81);
        StoreRow(tile, w, 9, c90, c91);
        StoreRow(tile, w, 10, cA0, cA1);
        StoreRow(tile, w, 11, cB0, cB1);
    }

    private static void Rows6By2xVector<T>(int kc, T* a, T* b, T* tile) where T : unmanaged
    {
        int w = Vector<T>.Count;
        Vector<T> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector<T> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector<T> b0 = Unsafe.ReadUnaligned<Vector<T>>(b);
            Vector<T> b1 = Unsafe.ReadUnaligned<Vector<T>>(b + w);
            var x = new Vector<T>(a[0]);
            c00 = Fma(x, b0, c00);
            c01 = Fma(x, b1, c01);
            x = new Vector<T>(a[1]);
            c10 = Fma(x, b0, c10);
            c11 = Fma(x, b1, c11);
            x = new Vector<T>(a[2]);
            c20 = Fma(x, b0, c20);
            c21 = Fma(x, b1, c21);
            x = new Vector<T>(a[3]);
            c30 = Fma(x, b0, c30);
            c31 = Fma(x, b1, c31);
            x = new Vector<T>(a[4]);
            c40 = Fma(x, b0, c40);
            c41 = Fma(x, b1, c41);
            x = new Vector<T>(a[5]);
            c50 = Fma(x, b0, c50);
            c51 = Fma(x, b1, c51);
            a += 6;
            b += 2 * w;
        }

        StoreRow(tile, w, 0, c00, c01);
        StoreRow(tile, w, 1, c10, c11);
        StoreRow(tile, w, 2, c20, c21);
        StoreRow(tile, w, 3, c30, c31);
        StoreRow(tile, w, 4, c40, c41);
        StoreRow(tile, w, 5, c50, c51);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Fma<T>(Vector512<T> x, Vector512<T> y, Vector512<T> addend) where T : unmanaged
        => typeof(T) == typeof(float)
            ? Vector512.FusedMultiplyAdd(x.AsSingle(), y.AsSingle(), addend.AsSingle()).As<float, T>()
            : Vector512.FusedMultiplyAdd(x.AsDouble(), y.AsDouble(), addend.AsDouble()).As<double, T>();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<T> Fma<T>(Vector<T> x, Vector<T> y, Vector<T> addend) where T : unmanaged
        => typeof(T) == typeof(float)
            ? Vector.As<float, T>(Vector.FusedMultiplyAdd(Vector.AsVectorSingle(x), Vector.AsVectorSingle(y), Vector.AsVectorSingle(addend)))
            : Vector.As<double, T>(Vector.FusedMultiplyAdd(Vector.AsVectorDouble(x), Vector.AsVectorDouble(y), Vector.AsVectorDouble(addend)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow<T>(T* tile, int w, int row, Vector512<T> left, Vector512<T> right) where T : unmanaged
    {
        left.Store(tile + (2 * w * row));
        right.Store(tile + (2 * w * row) + w);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow<T>(T* tile, int w, int row, Vector<T> left, Vector<T> right) where T : unmanaged
    {
        Unsafe.WriteUnaligned(tile + (2 * w * row), left);
        Unsafe.WriteUnaligned(tile + (2 * w * row) + w, right);
    }
}

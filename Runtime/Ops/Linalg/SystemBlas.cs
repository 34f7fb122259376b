using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace Tandem.Ops.Linalg;

/// <summary>
/// A CBLAS library found at run time (OpenBLAS where installed), which the CPU's matrix product calls when every
/// matrix has a unit stride; <see cref="CpuGemm"/> does the rest, and everything when no library is found.
/// </summary>
/// <remarks>
/// <c>TANDEM_BLAS</c> chooses: unset or <c>auto</c> loads the first of <see cref="Candidates"/> that exports
/// <c>cblas_sgemm</c> and <c>cblas_dgemm</c>; <c>none</c> never loads one (Tandem's own kernel runs); anything else is a
/// library name or path to load, and an error if it cannot be. Calls are serialized: a threaded BLAS uses every core
/// already, and not every build is safe to enter from two threads at once.
/// </remarks>
internal static unsafe class SystemBlas
{
    /// <summary>The environment variable that chooses the library.</summary>
    public const string Variable = "TANDEM_BLAS";

    /// <summary>The libraries tried, in order, when <see cref="Variable"/> does not name one.</summary>
    public static readonly string[] Candidates =
    [
        "libopenblas.so.0", "libopenblas.so", "libcblas.so.3", "libblas.so.3",
        "libopenblas.dylib", "/System/Library/Frameworks/Accelerate.framework/Accelerate", "libopenblas.dll",
    ];

    private const int RowMajor = 101;
    private const int NoTranspose = 111;
    private const int Transpose = 112;

    private static readonly Lock s_gate = new();
    private static readonly Lazy<Library?> s_library = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The loaded library's name, or null when the CPU product runs Tandem's own kernel.</summary>
    public static string? LoadedName => s_library.Value?.Name;

    /// <summary>Set by tests to run Tandem's own kernel even where a library is loaded.</summary>
    internal static bool Disabled { get; set; }

    /// <summary>
    /// C = alpha * A B + beta * C through the library, when there is one and each matrix has a unit stride with a
    /// leading dimension the library accepts; false (nothing done) otherwise.
    /// </summary>
    public static bool TryMultiply<T>(int m, int n, int k, StridedMatrix<T> a, StridedMatrix<T> b, StridedMatrix<T> c, T alpha, T beta)
        where T : unmanaged
    {
        if (Disabled || s_library.Value is not { } library || m == 0 || n == 0 || k == 0)
        {
            return false;
        }

        if (!IsRowMajor(m, n, c.RowStride, c.ColumnStride, out int ldc))
        {
            if (!IsRowMajor(n, m, c.ColumnStride, c.RowStride, out _))
            {
                return false;
            }

            // A column-major C is the row-major C^T = B^T A^T.
            (m, n, a, b, c) = (n, m, b.Transposed, a.Transposed, c.Transposed);
            IsRowMajor(m, n, c.RowStride, c.ColumnStride, out ldc);
        }

        if (!Layout(m, k, a, out int transA, out int lda) || !Layout(k, n, b, out int transB, out int ldb))
        {
            return false;
        }

        lock (s_gate)
        {
            if (typeof(T) == typeof(float))
            {
                library.Sgemm(RowMajor, transA, transB, m, n, k, (float)(object)alpha, (float*)a.Origin, lda, (float*)b.Origin, ldb,
                    (float)(object)beta, (float*)c.Origin, ldc);
            }
            else if (typeof(T) == typeof(double))
            {
                library.Dgemm(RowMajor, transA, transB, m, n, k, (double)(object)alpha, (double*)a.Origin, lda, (double*)b.Origin, ldb,
                    (double)(object)beta, (double*)c.Origin, ldc);
            }
            else
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>How CBLAS reads a (rows, columns) operand stored with these strides: as is, or transposed.</summary>
    private static bool Layout<T>(int rows, int columns, StridedMatrix<T> matrix, out int transpose, out int leading) where T : unmanaged
    {
        if (IsRowMajor(rows, columns, matrix.RowStride, matrix.ColumnStride, out leading))
        {
            transpose = NoTranspose;
            return true;
        }

        transpose = Transpose;
        return IsRowMajor(columns, rows, matrix.ColumnStride, matrix.RowStride, out leading);
    }

    /// <summary>
    /// Whether a (rows, columns) matrix with these strides is row-major with a leading dimension CBLAS accepts (at least
    /// max(1, columns)); a stride along an axis of length 1 is never used, so it does not matter.
    /// </summary>
    private static bool IsRowMajor(int rows, int columns, long rowStride, long columnStride, out int leading)
    {
        long minimum = Math.Max(1, columns);
        long chosen = rows <= 1 ? minimum : rowStride;
        leading = (int)Math.Min(chosen, int.MaxValue);
        return (columnStride == 1 || columns <= 1) && chosen >= minimum && chosen <= int.MaxValue;
    }

    private static Library? Load()
    {
        string? setting = Environment.GetEnvironmentVariable(Variable);
        if (string.Equals(setting, "none", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (!string.IsNullOrEmpty(setting) && !string.Equals(setting, "auto", StringComparison.OrdinalIgnoreCase))
        {
            return TryOpen(setting) ?? throw new InvalidOperationException(
                $"{Variable}={setting}: the library cannot be loaded or does not export cblas_sgemm and cblas_dgemm. "
                + $"Name a CBLAS library (e.g. libopenblas.so.0), or set {Variable}=none to use Tandem's own kernel.");
        }

        foreach (string candidate in Candidates)
        {
            if (TryOpen(candidate) is { } library)
            {
                return library;
            }
        }

        return null;
    }

    private static Library? TryOpen(string name)
    {
        if (!NativeLibrary.TryLoad(name, out nint handle))
        {
            return null;
        }

        if (NativeLibrary.TryGetExport(handle, "cblas_sgemm", out nint sgemm) && NativeLibrary.TryGetExport(handle, "cblas_dgemm", out nint dgemm))
        {
            return new Library(name, sgemm, dgemm);
        }

        NativeLibrary.Free(handle);
        return null;
    }

    /// <summary>The two entry points used, with CBLAS's signatures (LP64: 32-bit integers).</summary>
    private sealed class Library(string name, nint sgemm, nint dgemm)
    {
        public string Name { get; } = name;

        public void Sgemm(int layout, int transA, int transB, int m, int n, int k, float alpha, float* a, int lda, float* b, int ldb,
            float beta, float* c, int ldc)
            => ((delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void>)sgemm)(
                layout, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);

        public void Dgemm(int layout, int transA, int transB, int m, int n, int k, double alpha, double* a, int lda, double* b, int ldb,
            double beta, double* c, int ldc)
            => ((delegate* unmanaged<int, int, int, int, int, int, double, double*, int, double*, int, double, double*, int, void>)dgemm)(
                layout, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }
}

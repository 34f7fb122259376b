using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace Tandem.Ops.Linalg;

/// <summary>
/// The CPU's matrix product, <c>C = alpha * A B + beta * C</c> for float and double: blocked for the caches, packed,
/// multithreaded, with a SIMD inner kernel (the GotoBLAS/BLIS structure).
/// </summary>
/// <remarks>
/// For each block of <see cref="ColumnBlock"/> columns of C and <see cref="DepthBlock"/> of K, the matching slab of B is
/// packed once (in parallel) into panels of Nr columns laid out k by k; then each worker takes blocks of rows of A,
/// packs them into panels of Mr rows, and multiplies every pair of panels with the inner kernel, adding the block into
/// C. Packing reads the operands through any strides, so transposed operands cost nothing extra. Partial panels are
/// padded with zeros and their block is written back element by element, so any sizes work.
/// </remarks>
internal static unsafe partial class CpuGemm
{
    /// <summary>Bytes of A and B per packed k-run: 2 KiB of each row panel (512 floats) keeps a panel pair in L1/L2.</summary>
    private const int DepthBytes = 2048;

    /// <summary>Rows of A packed per worker and block (a multiple of every Mr): about 200 KB of L2 for floats.</summary>
    private const int RowBlock = 96;

    /// <summary>Columns of B packed per slab: the packed slab (a few MB) lives in L3.</summary>
    private const int ColumnBlock = 2048;

    /// <summary>Below this many multiply-adds one core does the whole product (a parallel loop costs microseconds).</summary>
    private const long ParallelThreshold = 1L << 18;

    private static int DepthBlock<T>() where T : unmanaged => DepthBytes / Unsafe.SizeOf<T>();

    /// <summary>C = alpha * A B + beta * C for one (m, k) by (k, n) product, on at most <paramref name="threads"/> cores.</summary>
    /// <remarks>C is not read when <paramref name="beta"/> is 0. The caller has checked every element is inside its memory.</remarks>
    public static void Multiply<T>(int m, int n, int k, StridedMatrix<T> a, StridedMatrix<T> b, StridedMatrix<T> c, T alpha, T beta, int threads)
        where T : unmanaged, INumber<T>
    {
        if (m == 0 || n == 0)
        {
            return;
        }

        if (k == 0)
        {
            ScaleC(m, n, c, beta);
            return;
        }

        MicroKernel<T> kernel = MicroKernel<T>.Best;
        if (n < kernel.Columns && m > n)
        {
            // A thin C pads each column panel with zeros; its transpose C^T = B^T A^T pads the shorter row panels instead.
            (m, n, a, b, c) = (n, m, b.Transposed, a.Transposed, c.Transposed);
        }

        int workers = (long)m * n * k < ParallelThreshold ? 1 : Math.Max(1, Math.Min(threads, (m + kernel.Rows - 1) / kernel.Rows));
        using var job = new Job<T>(m, n, k, a, b, c, alpha, beta, kernel, workers);
        job.Run();
    }

    /// <summary>C = beta * C (zero when beta is 0, whatever C held): the product of an empty K.</summary>
    private static void ScaleC<T>(int m, int n, StridedMatrix<T> c, T beta) where T : unmanaged, INumber<T>
    {
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                T* at = c.At(i, j);
                *at = T.IsZero(beta) ? T.Zero : beta * *at;
            }
        }
    }

    /// <summary>One product: its packing buffers and the loops over blocks, run by the workers.</summary>
    private sealed class Job<T> : IDisposable where T : unmanaged, INumber<T>
    {
        private readonly int _m, _n, _k;
        private readonly StridedMatrix<T> _a, _b, _c;
        private readonly T _alpha, _beta;
        private readonly MicroKernel<T> _kernel;
        private readonly int _workers;
        private readonly int _depthBlock, _rowBlock, _columnBlock;
        private readonly T* _packedB;
        private readonly T* _packedA;
        private readonly T* _tiles;
        private readonly Action<int> _packB;
        private readonly Action<int> _multiplyRows;

        // The block being worked on: columns [_jc, _jc + _nc), depth [_pc, _pc + _kc).
        private int _jc, _nc, _pc, _kc;

        // The next panel of B and block of rows of A to take: workers take them in turn, so a worker that the
        // machine's other load slows down takes fewer.
        private int _nextPanel, _nextBlock;

        public Job(int m, int n, int k, StridedMatrix<T> a, StridedMatrix<T> b, StridedMatrix<T> c, T alpha, T beta,
            MicroKernel<T> kernel, int workers)
        {
            (_m, _n, _k, _a, _b, _c, _alpha, _beta, _kernel, _workers) = (m, n, k, a, b, c, alpha, beta, kernel, workers);
            _depthBlock = Math.Min(k, DepthBlock<T>());
            _columnBlock = Math.Min(RoundUp(n, kernel.Columns), ColumnBlock);

            // Rows per block: RowBlock, or fewer so that every worker gets some.
            _rowBlock = Math.Min(RowBlock, RoundUp((m + workers - 1) / workers, kernel.Rows));

            int size = Unsafe.SizeOf<T>();
            _packedB = (T*)NativeMemory.AlignedAlloc((nuint)((long)_depthBlock * _columnBlock * size), 64);
            _packedA = (T*)NativeMemory.AlignedAlloc((nuint)((long)workers * _depthBlock * _rowBlock * size), 64);
            _tiles = (T*)NativeMemory.AlignedAlloc((nuint)((long)workers * kernel.Rows * kernel.Columns * size), 64);
            _packB = PackBPanels;
            _multiplyRows = MultiplyRowBlocks;
        }

        public void Run()
        {
            // Long counters: a last step past int.MaxValue must end the loop, not wrap around.
            for (long jc = 0; jc < _n; jc += _columnBlock)
            {
                _jc = (int)jc;
                _nc = Math.Min(_columnBlock, _n - _jc);
                for (long pc = 0; pc < _k; pc += _depthBlock)
                {
                    _pc = (int)pc;
                    _kc = Math.Min(_depthBlock, _k - _pc);
                    _nextPanel = 0;
                    _nextBlock = 0;
                    ForEachWorker(_packB);
                    ForEachWorker(_multiplyRows);
                }
            }
        }

        public void Dispose()
        {
            NativeMemory.AlignedFree(_packedB);
            NativeMemory.AlignedFree(_packedA);
            NativeMemory.AlignedFree(_tiles);
        }

        private static int Take(ref int next) => Interlocked.Increment(ref next) - 1;

        private void ForEachWorker(Action<int> work)
        {
            if (_workers == 1)
            {
                work(0);
            }
            else
            {
                Parallel.For(0, _workers, new ParallelOptions { MaxDegreeOfParallelism = _workers }, work);
            }
        }

        /// <summary>Packs column panels of the current slab of B until none is left.</summary>
        private void PackBPanels(int worker)
        {
            int nr = _kernel.Columns;
            int panels = (_nc + nr - 1) / nr;
            for (int panel = Take(ref _nextPanel); panel < panels; panel = Take(ref _nextPanel))
            {
                int column = panel * nr;
                PackPanel(_b.From(_pc, _jc + column).Transposed, Math.Min(nr, _nc - column), _kc, nr, _packedB + ((long)column * _kc));
            }
        }

        /// <summary>Multiplies blocks of rows of A by the packed slab of B until none is left.</summary>
        private void MultiplyRowBlocks(int worker)
        {
            T* packedA = _packedA + ((long)worker * _depthBlock * _rowBlock);
            T* tile = _tiles + ((long)worker * _kernel.Rows * _kernel.Columns);
            int mr = _kernel.Rows;
            int nr = _kernel.Columns;

            // The first slab of K applies beta; the later ones add to what the first wrote.
            bool first = _pc == 0;
            for (long block = Take(ref _nextBlock); block * _rowBlock < _m; block = Take(ref _nextBlock))
            {
                int ic = (int)(block * _rowBlock);
                int mc = Math.Min(_rowBlock, _m - ic);
                for (int row = 0; row < mc; row += mr)
                {
                    PackPanel(_a.From(ic + row, _pc), Math.Min(mr, mc - row), _kc, mr, packedA + ((long)row * _kc));
                }

                for (int column = 0; column < _nc; column += nr)
                {
                    T* panelB = _packedB + ((long)column * _kc);
                    int columns = Math.Min(nr, _nc - column);
                    for (int row = 0; row < mc; row += mr)
                    {
                        _kernel.Run(_kc, packedA + ((long)row * _kc), panelB, tile);
                        Update(tile, nr, Math.Min(mr, mc - row), columns, _c.From(ic + row, _jc + column), _alpha, first ? _beta : T.One);
                    }
                }
            }
        }
    }

    /// <summary>
    /// Packs <paramref name="count"/> rows of <paramref name="source"/> (k elements each) into a panel laid out k by k,
    /// <paramref name="width"/> values per k, the missing rows as zeros: the layout the inner kernels stream.
    /// </summary>
    private static void PackPanel<T>(StridedMatrix<T> source, int count, int kc, int width, T* panel) where T : unmanaged, INumber<T>
    {
        if (source.RowStride == 1 && count == width)
        {
            // The panel's rows are contiguous at each k: copy whole runs.
            long bytes = (long)width * Unsafe.SizeOf<T>();
            for (int p = 0; p < kc; p++)
            {
                Buffer.MemoryCopy(source.At(0, p), panel + ((long)p * width), bytes, bytes);
            }

            return;
        }

        for (int i = 0; i < count; i++)
        {
            T* from = source.At(i, 0);
            long step = source.ColumnStride;
            T* to = panel + i;
            for (int p = 0; p < kc; p++)
            {
                to[(long)p * width] = from[p * step];
            }
        }

        for (int i = count; i < width; i++)
        {
            for (int p = 0; p < kc; p++)
            {
                panel[((long)p * width) + i] = T.Zero;
            }
        }
    }

    /// <summary>C = alpha * tile + beta * C over the block's valid part; C is not read when beta is 0.</summary>
    private static void Update<T>(T* tile, int tileWidth, int rows, int columns, StridedMatrix<T> c, T alpha, T beta) where T : unmanaged, INumber<T>
    {
        bool keep = !T.IsZero(beta);
        for (int i = 0; i < rows; i++)
        {
            T* from = tile + ((long)i * tileWidth);
            int j = 0;
            if (c.ColumnStride == 1 && Vector.IsHardwareAccelerated)
            {
                T* to = c.At(i, 0);
                var alphas = new Vector<T>(alpha);
                var betas = new Vector<T>(beta);
                for (; j <= columns - Vector<T>.Count; j += Vector<T>.Count)
                {
                    Vector<T> value = alphas * Unsafe.ReadUnaligned<Vector<T>>(from + j);
                    if (keep)
                    {
                        value += betas * Unsafe.ReadUnaligned<Vector<T>>(to + j);
                    }

                    Unsafe.WriteUnaligned(to + j, value);
                }
            }

            for (; j < columns; j++)
            {
                T* at = c.At(i, j);
                *at = keep ? (alpha * from[j]) + (beta * *at) : alpha * from[j];
            }
        }
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}

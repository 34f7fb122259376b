using System;
using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using Tandem.CompilerServices;
using Tandem.Ops.Kernels;

namespace Tandem.Ops.Reduction;

/// <summary>
/// Column reductions on a CPU stream (the reduced axis strided, the outputs contiguous: axis 0 of a row-major matrix,
/// the middle axis of a 3-D array, the last axis of a transposed view), written by hand: each task takes a block of
/// the reduced axis' rows and a strip of neighbouring outputs, keeps the strip's accumulators in memory the size of
/// the first-level cache, and streams its rows in memory order, combining whole SIMD vectors (<see cref="Vector{T}"/>)
/// into them, as NumPy reduces an axis that is not the last. The blocks' accumulators are then combined pairwise and
/// finished.
/// </summary>
/// <remarks>
/// Why not a <c>[Kernel]</c>: the generator's SIMD loop takes no loops in the body (TK0021), and a kernel whose body
/// loops runs as a scalar loop with a bounds check per load and at most a <c>Vector4</c> (float32 only); a group
/// kernel's threads run one after another on the CPU, so a thread cannot stream a row across its neighbours' columns.
/// The generated <c>Columns4</c> kernel on the CPU walks each 16-byte column down its rows, 16 KiB apart: 9 GB/s on
/// the 2-core development machine where NumPy's one thread reads 18; this loop span-indexed, as a kernel body would
/// be, measured 4–17 GB/s; through pointers with <see cref="Vector{T}"/> 15–32 GB/s (docs/PERFORMANCE.md). The GPU
/// keeps the kernels.
/// Accuracy: a float sum adds at most <see cref="MaxBlockRows"/> rows per output in sequence (four at a time in a
/// small tree where rows lie far apart), then the blocks pairwise, within the bound of the kernels' split.
/// </remarks>
internal static class CpuColumns
{
    // A task's accumulators: small enough to stay in the first-level cache while its rows stream past.
    private const int StripBytes = 32 << 10;

    // The bytes a task reads, about: few enough tasks that the partial results cost little, enough that a core the
    // machine gives away leaves at most one small task for its partner to wait on (as CpuRuns').
    private const int TaskBytes = 1 << 20;

    // Rows at most this far apart are read one at a time (see FoldRows).
    private const int NearRowBytes = 8 << 10;

    // The rows one accumulator adds in sequence, at most (the kernels' MaxPerThread), and at least per task.
    private const int MaxBlockRows = 1024;
    private const int MinBlockRows = 16;

    /// <summary>
    /// True when this path computes <paramref name="op"/> over <paramref name="g"/> on <paramref name="stream"/>: a CPU
    /// stream, contiguous outputs at least a vector wide, a strided reduced axis, an element type it takes.
    /// </summary>
    public static bool Serves<T, TAcc>(ReductionGeometry g, ReduceOp op, DeviceStream stream) where T : unmanaged where TAcc : unmanaged
        => stream.Device.Type == DeviceType.Cpu && g.InnerStride == 1 && g.Step != 1 && g.Length > 0 && g.Inner >= VectorCount<TAcc>()
            && Takes<T, TAcc>(op);

    /// <summary>
    /// Queues the reduction of <paramref name="x"/>'s runs (<paramref name="g"/>, offsets into <paramref name="x"/>) with
    /// <paramref name="op"/> into <paramref name="output"/> (row-major outputs), finished as <paramref name="finish"/> says
    /// (see <see cref="ReduceKernels"/>; <paramref name="count"/> divides, <paramref name="center"/> is each run's center).
    /// </summary>
    public static void Launch<T, TAcc>(Array<T> x, ReductionGeometry g, ReduceOp op, int finish, int count, Array<TAcc>? center, Array<TAcc> output,
        DeviceStream stream) where T : unmanaged where TAcc : unmanaged
    {
        Action<int> body = typeof(TAcc) == typeof(float) ? Body<T, float>(x, g, op, finish, count, center, output)
            : typeof(TAcc) == typeof(double) ? Body<T, double>(x, g, op, finish, count, center, output)
            : typeof(TAcc) == typeof(int) ? Body<T, int>(x, g, op, finish, count, center, output)
            : typeof(TAcc) == typeof(uint) ? Body<T, uint>(x, g, op, finish, count, center, output)
            : Body<T, long>(x, g, op, finish, count, center, output);
        if (center is null)
        {
            Descriptors<T, TAcc>.Plain.Launch([x, output], body, stream);
        }
        else
        {
            Descriptors<T, TAcc>.Centered.Launch([x, center, output], body, stream);
        }
    }

    private static bool Takes<T, TAcc>(ReduceOp op)
    {
        bool floating = typeof(TAcc) == typeof(float) || typeof(TAcc) == typeof(double);
        bool integer = typeof(TAcc) == typeof(int) || typeof(TAcc) == typeof(uint) || typeof(TAcc) == typeof(long);
        bool elements = typeof(T) == typeof(TAcc) || (typeof(T) == typeof(Half) && typeof(TAcc) == typeof(float));
        // The ops written here (IColumnOp below); an op added to the catalog keeps the kernels until it is written here too.
        bool plain = op is ReduceOp.Sum or ReduceOp.Prod or ReduceOp.Max or ReduceOp.Min;
        return elements && ((floating && (plain || op is ReduceOp.SquaredDeviation or ReduceOp.ExpDeviation)) || (integer && plain));
    }

    private static int VectorCount<TAcc>() => typeof(TAcc) == typeof(float) ? Vector<float>.Count
        : typeof(TAcc) == typeof(double) ? Vector<double>.Count
        : typeof(TAcc) == typeof(long) ? Vector<long>.Count
        : Vector<int>.Count;

    private static Action<int> Body<T, TAcc>(Array<T> x, ReductionGeometry g, ReduceOp op, int finish, int count, object? center, object output)
        where T : unmanaged where TAcc : unmanaged, INumber<TAcc>
    {
        var c = (Array<TAcc>?)center;
        var result = (Array<TAcc>)output;
        return op switch
        {
            ReduceOp.Sum => threads => Run<T, TAcc, SumOf<TAcc>>(x, g, finish, count, c, result, threads),
            ReduceOp.Prod => threads => Run<T, TAcc, ProductOf<TAcc>>(x, g, finish, count, c, result, threads),
            ReduceOp.Max => threads => Run<T, TAcc, MaxOf<TAcc>>(x, g, finish, count, c, result, threads),
            ReduceOp.Min => threads => Run<T, TAcc, MinOf<TAcc>>(x, g, finish, count, c, result, threads),
            ReduceOp.SquaredDeviation => threads => Run<T, TAcc, SquaredDeviationOf<TAcc>>(x, g, finish, count, c, result, threads),
            ReduceOp.ExpDeviation => threads => Run<T, TAcc, ExpDeviationOf<TAcc>>(x, g, finish, count, c, result, threads),
            _ => throw new NotSupportedException($"{op} has no CPU column reduction."),
        };
    }

    private static unsafe void Run<T, TAcc, TOp>(Array<T> x, ReductionGeometry g, int finish, int count, Array<TAcc>? center, Array<TAcc> output,
        int threads) where T : unmanaged where TAcc : unmanaged, INumber<TAcc> where TOp : IColumnOp<TAcc>
    {
        int lanes = Vector<TAcc>.Count;
        // Strips as wide as the cache allows, of equal whole vectors but the last (which takes the rest).
        int strips = (g.Inner + (StripBytes / sizeof(TAcc)) - 1) / (StripBytes / sizeof(TAcc));
        int stripWidth = ((g.Inner + strips - 1) / strips + lanes - 1) / lanes * lanes;
        strips = (g.Inner + stripWidth - 1) / stripWidth;
        long rowBytes = (long)Math.Min(g.Inner, stripWidth) * sizeof(T);
        int blockRows = (int)Math.Clamp(BitOperations.RoundUpToPowerOf2((ulong)Math.Max(1, TaskBytes / rowBytes)), MinBlockRows, MaxBlockRows);
        blockRows = Math.Min(blockRows, (int)BitOperations.RoundUpToPowerOf2((uint)g.Length));
        int blocks = (g.Length + blockRows - 1) / blockRows;
        int tasks = checked(g.Outer * blocks * strips);
        bool near = strips == 1 && Math.Abs((long)g.Step) * sizeof(T) <= NearRowBytes;

        ReadOnlySpan<T> source = KernelLauncher.GetReadOnlySpan(x);
        CheckBounds(g, source.Length);
        Span<TAcc> result = KernelLauncher.GetSpan(output);
        ReadOnlySpan<TAcc> centers = center is null ? default : KernelLauncher.GetReadOnlySpan(center);
        // One row of accumulators per block and output; with one block, the results themselves.
        // Rented: a new array each call would be a large-object allocation (and its collections) per reduction.
        TAcc[]? partials = blocks == 1 ? null : ArrayPool<TAcc>.Shared.Rent(checked(g.Outputs * blocks));
        try
        {
            fixed (T* xs = source)
            fixed (TAcc* results = result)
            fixed (TAcc* cs = centers)
            fixed (TAcc* ps = partials)
            {
                // A lambda cannot capture a fixed pointer: the addresses travel as numbers.
                nint xAddress = (nint)xs, resultAddress = (nint)results, centerAddress = (nint)cs, partialAddress = (nint)ps;
                void Fold(int task)
                {
                    int strip = task % strips;
                    int block = task / strips % blocks;
                    int o = task / strips / blocks;
                    int first = strip * stripWidth;
                    int width = Math.Min(stripWidth, g.Inner - first);
                    int row = block * blockRows;
                    int rows = Math.Min(blockRows, g.Length - row);
                    var accumulators = blocks == 1
                        ? (TAcc*)resultAddress + ((long)o * g.Inner) + first
                        : (TAcc*)partialAddress + ((((long)o * blocks) + block) * g.Inner) + first;
                    TAcc* c = TOp.Centered ? (TAcc*)centerAddress + ((long)o * g.Inner) + first : null;
                    T* start = (T*)xAddress + g.Offset + ((long)o * g.OuterStride) + ((long)row * g.Step) + first;
                    FoldRows<T, TAcc, TOp>(start, g.Step, rows, near, accumulators, c, width);
                    if (blocks == 1)
                    {
                        Finish(accumulators, c, width, finish, count);
                    }
                }

                void Combine(int task)
                {
                    int strip = task % strips;
                    int o = task / strips;
                    int first = strip * stripWidth;
                    int width = Math.Min(stripWidth, g.Inner - first);
                    var block0 = (TAcc*)partialAddress + ((long)o * blocks * g.Inner) + first;
                    // Pairwise over the blocks: their sums err like pairwise summation's, however many there are.
                    for (int span = 1; span < blocks; span *= 2)
                    {
                        for (int b = 0; b + span < blocks; b += 2 * span)
                        {
                            CombineInto<TAcc, TOp>(block0 + ((long)b * g.Inner), block0 + ((long)(b + span) * g.Inner), width);
                        }
                    }

                    TAcc* target = (TAcc*)resultAddress + ((long)o * g.Inner) + first;
                    new ReadOnlySpan<TAcc>(block0, width).CopyTo(new Span<TAcc>(target, width));
                    Finish(target, TOp.Centered ? (TAcc*)centerAddress + ((long)o * g.Inner) + first : null, width, finish, count);
                }

                Spread(tasks, threads, Fold);
                if (blocks > 1)
                {
                    Spread(g.Outer * strips, threads, Combine);
                }
            }
        }
        finally
        {
            if (partials is not null)
            {
                ArrayPool<TAcc>.Shared.Return(partials);
            }
        }
    }

    private static void Spread(int tasks, int threads, Action<int> task) => CpuWork.ForChunks(tasks, 1, threads, (first, end) =>
    {
        for (int k = first; k < end; k++)
        {
            task(k);
        }
    });

    // Every element the geometry reaches lies within the binding: the loops below read through pointers unchecked.
    private static void CheckBounds(ReductionGeometry g, int length)
    {
        long low = g.Offset, high = g.Offset + g.Inner - 1;
        long outer = (long)(g.Outer - 1) * g.OuterStride, along = (long)(g.Length - 1) * g.Step;
        low += Math.Min(0, outer) + Math.Min(0, along);
        high += Math.Max(0, outer) + Math.Max(0, along);
        if (low < 0 || high >= length)
        {
            throw new InvalidOperationException($"A column reduction reaches elements {low} to {high} of a binding of {length}.");
        }
    }

    /// <summary>
    /// Sets <paramref name="width"/> accumulators to the op's value of <paramref name="rows"/> rows, <paramref name="step"/>
    /// elements apart from <paramref name="start"/>. Rows that lie <paramref name="near"/> one another (a whole row a
    /// strip, at most <see cref="NearRowBytes"/> apart) are read one at a time, a single stream through memory; farther
    /// rows four at a time, combined among themselves first, which halves the accumulators' traffic and keeps four
    /// streams going. Measured on the development machine's CPU, one thread: rows of 1-8 KiB one at a time 25-32 GB/s,
    /// four at a time 6-10; rows of 16 KiB or strips of longer rows four at a time 20-24 GB/s, one at a time 8-14.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void FoldRows<T, TAcc, TOp>(T* start, long step, int rows, bool near, TAcc* accumulators, TAcc* c, int width)
        where T : unmanaged where TAcc : unmanaged, INumber<TAcc> where TOp : IColumnOp<TAcc>
    {
        new Span<TAcc>(accumulators, width).Fill(TOp.Identity);
        if (typeof(T) == typeof(Half))
        {
            // float16 adds in float32: each row's strip converted first (vectorized), then folded as float32.
            TAcc[] widened = new TAcc[width];
            fixed (TAcc* w = widened)
            {
                for (int r = 0; r < rows; r++)
                {
                    TensorPrimitives.ConvertToSingle(new ReadOnlySpan<Half>((Half*)(start + (r * step)), width), new Span<float>((float*)w, width));
                    Fold1<TAcc, TOp>(accumulators, w, c, width);
                }
            }

            return;
        }

        var elements = (TAcc*)start;
        int r4 = 0;
        for (; !near && r4 + 4 <= rows; r4 += 4)
        {
            TAcc* row = elements + (r4 * step);
            Fold4<TAcc, TOp>(accumulators, row, row + step, row + (2 * step), row + (3 * step), c, width);
        }

        for (; r4 < rows; r4++)
        {
            Fold1<TAcc, TOp>(accumulators, elements + (r4 * step), c, width);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)] // into FoldRows' loop: no call per row, which narrow rows felt
    private static unsafe void Fold1<TAcc, TOp>(TAcc* acc, TAcc* row, TAcc* c, int width) where TAcc : unmanaged, INumber<TAcc> where TOp : IColumnOp<TAcc>
    {
        int j = 0;
        for (; j <= width - Vector<TAcc>.Count; j += Vector<TAcc>.Count)
        {
            Vector<TAcc> v = TOp.Centered ? TOp.Element(Vector.Load(row + j), Vector.Load(c + j)) : Vector.Load(row + j);
            Vector.Store(TOp.Combine(Vector.Load(acc + j), v), acc + j);
        }

        for (; j < width; j++)
        {
            acc[j] = TOp.Combine(acc[j], TOp.Centered ? TOp.Element(row[j], c[j]) : row[j]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)] // into FoldRows' loop: no call per row, which narrow rows felt
    private static unsafe void Fold4<TAcc, TOp>(TAcc* acc, TAcc* r0, TAcc* r1, TAcc* r2, TAcc* r3, TAcc* c, int width)
        where TAcc : unmanaged, INumber<TAcc> where TOp : IColumnOp<TAcc>
    {
        int j = 0;
        for (; j <= width - Vector<TAcc>.Count; j += Vector<TAcc>.Count)
        {
            Vector<TAcc> v0 = Vector.Load(r0 + j), v1 = Vector.Load(r1 + j), v2 = Vector.Load(r2 + j), v3 = Vector.Load(r3 + j);
            if (TOp.Centered)
            {
                Vector<TAcc> cj = Vector.Load(c + j);
                v0 = TOp.Element(v0, cj);
                v1 = TOp.Element(v1, cj);
                v2 = TOp.Element(v2, cj);
                v3 = TOp.Element(v3, cj);
            }

            Vector.Store(TOp.Combine(Vector.Load(acc + j), TOp.Combine(TOp.Combine(v0, v1), TOp.Combine(v2, v3))), acc + j);
        }

        for (; j < width; j++)
        {
            TAcc e0 = r0[j], e1 = r1[j], e2 = r2[j], e3 = r3[j];
            if (TOp.Centered)
            {
                e0 = TOp.Element(e0, c[j]);
                e1 = TOp.Element(e1, c[j]);
                e2 = TOp.Element(e2, c[j]);
                e3 = TOp.Element(e3, c[j]);
            }

            acc[j] = TOp.Combine(acc[j], TOp.Combine(TOp.Combine(e0, e1), TOp.Combine(e2, e3)));
        }
    }

    // Partial results combine as the op's partials do: the deviations' partial sums add.
    private static unsafe void CombineInto<TAcc, TOp>(TAcc* into, TAcc* other, int width) where TAcc : unmanaged, INumber<TAcc> where TOp : IColumnOp<TAcc>
    {
        int j = 0;
        for (; j <= width - Vector<TAcc>.Count; j += Vector<TAcc>.Count)
        {
            Vector.Store(TOp.CombinePartials(Vector.Load(into + j), Vector.Load(other + j)), into + j);
        }

        for (; j < width; j++)
        {
            into[j] = TOp.CombinePartials(into[j], other[j]);
        }
    }

    /// <summary>The results' last step (see <see cref="ReduceKernels.FinishDivide"/>); integers are stored as accumulated.</summary>
    private static unsafe void Finish<TAcc>(TAcc* values, TAcc* center, int width, int finish, int count) where TAcc : unmanaged, INumber<TAcc>
    {
        if (finish == ReduceKernels.FinishDivide)
        {
            TAcc n = TAcc.CreateChecked(count);
            for (int j = 0; j < width; j++)
            {
                values[j] /= n;
            }
        }
        else if (finish == ReduceKernels.FinishLogAddCenter)
        {
            for (int j = 0; j < width; j++)
            {
                values[j] = TAcc.IsInfinity(center[j]) ? center[j] : Log(values[j]) + center[j];
            }
        }
    }

    // MathF for float32 and Math for float64, as the kernels' CPU bodies compute (the same bits).
    private static TAcc Log<TAcc>(TAcc value) where TAcc : unmanaged, INumber<TAcc>
    {
        if (typeof(TAcc) == typeof(float))
        {
            float log = MathF.Log(Unsafe.As<TAcc, float>(ref value));
            return Unsafe.As<float, TAcc>(ref log);
        }

        double d = Math.Log(Unsafe.As<TAcc, double>(ref value));
        return Unsafe.As<double, TAcc>(ref d);
    }

    private static TAcc Exp<TAcc>(TAcc value) where TAcc : unmanaged, INumber<TAcc>
    {
        if (typeof(TAcc) == typeof(float))
        {
            float e = MathF.Exp(Unsafe.As<TAcc, float>(ref value));
            return Unsafe.As<float, TAcc>(ref e);
        }

        double d = Math.Exp(Unsafe.As<TAcc, double>(ref value));
        return Unsafe.As<double, TAcc>(ref d);
    }

    /// <summary>One op as the catalog defines it (tools/OpKernelWriter/ReduceCatalog.cs), on scalars and on vectors.</summary>
    private interface IColumnOp<TAcc> where TAcc : unmanaged, INumber<TAcc>
    {
        static abstract TAcc Identity { get; }

        /// <summary>True when the element is transformed around the run's center.</summary>
        static virtual bool Centered => false;

        static abstract TAcc Combine(TAcc a, TAcc b);

        static abstract Vector<TAcc> Combine(Vector<TAcc> a, Vector<TAcc> b);

        static virtual TAcc Element(TAcc v, TAcc c) => v;

        static virtual Vector<TAcc> Element(Vector<TAcc> v, Vector<TAcc> c) => v;

        static virtual Vector<TAcc> CombinePartials(Vector<TAcc> a, Vector<TAcc> b) => a + b;

        static virtual TAcc CombinePartials(TAcc a, TAcc b) => a + b;
    }

    private readonly struct SumOf<TAcc> : IColumnOp<TAcc> where TAcc : unmanaged, INumber<TAcc>
    {
        public static TAcc Identity => TAcc.Zero;

        public static TAcc Combine(TAcc a, TAcc b) => a + b;

        public static Vector<TAcc> Combine(Vector<TAcc> a, Vector<TAcc> b) => a + b;
    }

    private readonly struct ProductOf<TAcc> : IColumnOp<TAcc> where TAcc : unmanaged, INumber<TAcc>
    {
        public static TAcc Identity => TAcc.One;

        public static TAcc Combine(TAcc a, TAcc b) => a * b;

        public static Vector<TAcc> Combine(Vector<TAcc> a, Vector<TAcc> b) => a * b;

        public static TAcc CombinePartials(TAcc a, TAcc b) => a * b;

        public static Vector<TAcc> CombinePartials(Vector<TAcc> a, Vector<TAcc> b) => a * b;
    }

    // b where it is larger, else a; a NaN b wins too (the catalog's Pick).
    private readonly struct MaxOf<TAcc> : IColumnOp<TAcc> where TAcc : unmanaged, INumber<TAcc>
    {
        public static TAcc Identity => Lowest<TAcc>();

        public static TAcc Combine(TAcc a, TAcc b) => b > a || TAcc.IsNaN(b) ? b : a;

        public static Vector<TAcc> Combine(Vector<TAcc> a, Vector<TAcc> b)
            => Vector.ConditionalSelect(Vector.GreaterThan(b, a) | ~Vector.Equals(b, b), b, a);

        public static TAcc CombinePartials(TAcc a, TAcc b) => Combine(a, b);

        public static Vector<TAcc> CombinePartials(Vector<TAcc> a, Vector<TAcc> b) => Combine(a, b);
    }

    private readonly struct MinOf<TAcc> : IColumnOp<TAcc> where TAcc : unmanaged, INumber<TAcc>
    {
        public static TAcc Identity => Highest<TAcc>();

        public static TAcc Combine(TAcc a, TAcc b) => b < a || TAcc.IsNaN(b) ? b : a;

        public static Vector<TAcc> Combine(Vector<TAcc> a, Vector<TAcc> b)
            => Vector.ConditionalSelect(Vector.LessThan(b, a) | ~Vector.Equals(b, b), b, a);

        public static TAcc CombinePartials(TAcc a, TAcc b) => Combine(a, b);

        public static Vector<TAcc> CombinePartials(Vector<TAcc> a, Vector<TAcc> b) => Combine(a, b);
    }

    private readonly struct SquaredDeviationOf<TAcc> : IColumnOp<TAcc> where TAcc : unmanaged, INumber<TAcc>
    {
        public static TAcc Identity => TAcc.Zero;

        public static bool Centered => true;

        public static TAcc Combine(TAcc a, TAcc b) => a + b;

        public static Vector<TAcc> Combine(Vector<TAcc> a, Vector<TAcc> b) => a + b;

        public static TAcc Element(TAcc v, TAcc c) => (v - c) * (v - c);

        public static Vector<TAcc> Element(Vector<TAcc> v, Vector<TAcc> c) => (v - c) * (v - c);
    }

    // Vector.Exp, as the generator's SIMD loops compute exp (within the tests' exp bound of MathF.Exp and Math.Exp).
    private readonly struct ExpDeviationOf<TAcc> : IColumnOp<TAcc> where TAcc : unmanaged, INumber<TAcc>
    {
        public static TAcc Identity => TAcc.Zero;

        public static bool Centered => true;

        public static TAcc Combine(TAcc a, TAcc b) => a + b;

        public static Vector<TAcc> Combine(Vector<TAcc> a, Vector<TAcc> b) => a + b;

        public static TAcc Element(TAcc v, TAcc c) => Exp(v - c);

        public static Vector<TAcc> Element(Vector<TAcc> v, Vector<TAcc> c) => typeof(TAcc) == typeof(float)
            ? Vector.As<float, TAcc>(Vector.Exp(Vector.As<TAcc, float>(v - c)))
            : Vector.As<double, TAcc>(Vector.Exp(Vector.As<TAcc, double>(v - c)));
    }

    private static TAcc Lowest<TAcc>() where TAcc : unmanaged, INumber<TAcc>
        => typeof(TAcc) == typeof(float) ? (TAcc)(object)float.NegativeInfinity
            : typeof(TAcc) == typeof(double) ? (TAcc)(object)double.NegativeInfinity
            : typeof(TAcc) == typeof(int) ? (TAcc)(object)int.MinValue
            : typeof(TAcc) == typeof(uint) ? (TAcc)(object)uint.MinValue
            : (TAcc)(object)long.MinValue;

    private static TAcc Highest<TAcc>() where TAcc : unmanaged, INumber<TAcc>
        => typeof(TAcc) == typeof(float) ? (TAcc)(object)float.PositiveInfinity
            : typeof(TAcc) == typeof(double) ? (TAcc)(object)double.PositiveInfinity
            : typeof(TAcc) == typeof(int) ? (TAcc)(object)int.MaxValue
            : typeof(TAcc) == typeof(uint) ? (TAcc)(object)uint.MaxValue
            : (TAcc)(object)long.MaxValue;

    /// <summary>The launches' descriptors, with and without a center.</summary>
    private static class Descriptors<T, TAcc> where T : unmanaged where TAcc : unmanaged
    {
        public static readonly HandWrittenCpuOp Plain = new("Mx reduction along a strided axis (CPU)",
            new HandWrittenBuffer("x", Unsafe.SizeOf<T>()), new HandWrittenBuffer("output", Unsafe.SizeOf<TAcc>(), Writes: true));

        public static readonly HandWrittenCpuOp Centered = new("Mx reduction along a strided axis (CPU)",
            new HandWrittenBuffer("x", Unsafe.SizeOf<T>()), new HandWrittenBuffer("center", Unsafe.SizeOf<TAcc>()),
            new HandWrittenBuffer("output", Unsafe.SizeOf<TAcc>(), Writes: true));
    }
}

using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Tandem.CompilerServices;
using Tandem.Ops.Kernels;

namespace Tandem.Ops;

/// <summary>
/// <c>Uniform</c> and <c>Normal</c> (float32 and float64), <c>RandInt</c> and <c>Bernoulli</c> on a CPU stream,
/// written by hand: <see cref="PhiloxLanes"/> computes a SIMD vector's worth of consecutive blocks at once, the draw
/// turns their words into elements with <see cref="PortableMathLanes"/>, and the blocks are spread over the cores. The
/// kernels (<see cref="RandomKernels"/>) write a <c>Vector4</c> per thread and call helpers with loops and out
/// parameters, which the generator's SIMD loop does not take: their CPU body is the scalar loop (float32
/// <c>Normal</c> ran at 47 % of NumPy's speed, 11x slower than here; docs/PERFORMANCE.md).
/// </summary>
/// <remarks>
/// Every element has the kernels' bits, so a draw is the same on either device: the same Philox block per counter, and
/// the same float operations on the same constants in the same order. A key array is read when the draw runs, after
/// the op that writes it, as the kernels read it. The other widths' paths (SSE, and the portable products and scalar
/// stores of 512-bit <c>Vector&lt;T&gt;</c>) run where <c>Vector&lt;T&gt;</c> has that width: the devices tests pass with
/// <c>DOTNET_MaxVectorTBitWidth=128</c> and <c>=512</c>, and with <c>DOTNET_EnableHWIntrinsic=0</c> (the kernels).
/// </remarks>
internal static class CpuRandom
{
    // Blocks per task of the split over the cores (256 KiB of float32): a multiple of every vector's lanes, so only
    // the array's last task has a partial vector.
    private const int TaskBlocks = 16384;

    private static readonly DrawOp s_uniform = new("Mx.Random.Uniform (CPU, float32)", 16);
    private static readonly DrawOp s_normal = new("Mx.Random.Normal (CPU, float32)", 16);
    private static readonly DrawOp s_uniformDouble = new("Mx.Random.Uniform (CPU, float64)", sizeof(double));
    private static readonly DrawOp s_normalDouble = new("Mx.Random.Normal (CPU, float64)", sizeof(double));
    private static readonly DrawOp s_randInt = new("Mx.Random.RandInt (CPU)", sizeof(int));
    private static readonly DrawOp s_bernoulli = new("Mx.Random.Bernoulli (CPU)", sizeof(uint));

    /// <summary>True when the draws run here on <paramref name="stream"/>: a CPU stream of a machine with SIMD.</summary>
    public static bool Serves(DeviceStream stream) => stream.Device.Type == DeviceType.Cpu && PhiloxLanes.IsAccelerated;

    /// <summary>Queues the blocks of the kernels' <c>UniformFloatSeeded</c>: four values in [low, low + range), below <paramref name="limit"/>.</summary>
    public static void Uniform(Key key, float low, float range, float limit, Array<Vector4> blocks, DeviceStream stream)
        => Launch(s_uniform, new UniformDraw(low, range, limit), key, blocks, stream);

    /// <summary>Queues the blocks of the kernels' <c>NormalFloatSeeded</c>: four normal values each.</summary>
    public static void Normal(Key key, float mean, float std, Array<Vector4> blocks, DeviceStream stream)
        => Launch(s_normal, new NormalDraw(mean, std), key, blocks, stream);

    /// <summary>Queues the values of the kernels' <c>UniformDoubleSeeded</c>, two per block.</summary>
    public static void Uniform(Key key, double low, double range, double limit, Array<double> values, DeviceStream stream)
        => Launch(s_uniformDouble, new UniformDoubleDraw(low, range, limit), key, values, stream);

    /// <summary>Queues the values of the kernels' <c>NormalDoubleSeeded</c>, two per block.</summary>
    public static void Normal(Key key, double mean, double std, Array<double> values, DeviceStream stream)
        => Launch(s_normalDouble, new NormalDoubleDraw(mean, std), key, values, stream);

    /// <summary>Queues the values of the kernels' <c>RandIntSeeded</c>, four per block.</summary>
    public static void RandInt(Key key, int low, uint range, Array<int> values, DeviceStream stream)
        => Launch(s_randInt, new RandIntDraw(low, range), key, values, stream);

    /// <summary>Queues the words of the kernels' <c>BernoulliSeeded</c>, one per block.</summary>
    public static void Bernoulli(Key key, float p, Array<uint> words, DeviceStream stream)
        => Launch(s_bernoulli, new BernoulliDraw(p), key, words, stream);

    private static unsafe void Launch<TDraw, TOut>(DrawOp op, TDraw draw, Key key, Array<TOut> output, DeviceStream stream)
        where TDraw : struct, IDraw where TOut : unmanaged
    {
        void Body(int threads)
        {
            (uint k0, uint k1) = key.Read();
            Span<uint> words = MemoryMarshal.Cast<TOut, uint>(KernelLauncher.GetSpan(output));
            fixed (uint* start = words)
            {
                // A lambda cannot capture a fixed pointer: its address travels as a number.
                nint address = (nint)start;
                CpuWork.ForChunks(words.Length / TDraw.WordsPerBlock, TaskBlocks, threads,
                    (first, end) => Run(draw, k0, k1, (uint*)address, first, end));
            }
        }

        if (key.Array is { } array)
        {
            op.Keyed.Launch([array, output], Body, stream);
        }
        else
        {
            op.Seeded.Launch([output], Body, stream);
        }
    }

    /// <summary>Writes blocks [<paramref name="first"/>, <paramref name="end"/>) of the key to <paramref name="output"/>.</summary>
    private static unsafe void Run<TDraw>(TDraw draw, uint k0, uint k1, uint* output, int first, int end) where TDraw : struct, IDraw
    {
        int lanes = Vector<uint>.Count;
        int block = first;
        Vector<uint> w0, w1, w2, w3;
        for (; block <= end - lanes; block += lanes)
        {
            PhiloxLanes.Blocks((uint)block, k0, k1, out w0, out w1, out w2, out w3);
            draw.Write(w0, w1, w2, w3, ref output[(nint)block * TDraw.WordsPerBlock]);
        }

        if (block < end)
        {
            // The array's last blocks, fewer than the lanes: every lane into a scratch buffer, then only theirs copied.
            Span<uint> scratch = stackalloc uint[Vector<uint>.Count * 4];
            PhiloxLanes.Blocks((uint)block, k0, k1, out w0, out w1, out w2, out w3);
            draw.Write(w0, w1, w2, w3, ref MemoryMarshal.GetReference(scratch));
            int words = (end - block) * TDraw.WordsPerBlock;
            scratch[..words].CopyTo(new Span<uint>(output + ((nint)block * TDraw.WordsPerBlock), words));
        }
    }

    /// <summary>
    /// Stores four elements per lane, lane by lane: <paramref name="a"/>[i], <paramref name="b"/>[i],
    /// <paramref name="c"/>[i], <paramref name="d"/>[i] from word 4i on (a 4 x lanes transpose).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Interleave(Vector<uint> a, Vector<uint> b, Vector<uint> c, Vector<uint> d, ref uint destination)
    {
        ref float target = ref Unsafe.As<uint, float>(ref destination);
        if (Avx.IsSupported && Vector<byte>.Count == Vector256<byte>.Count)
        {
            // Per 128-bit half: pairs (a, b) and (c, d), then the quadruples of lanes 0 | 4, 1 | 5, 2 | 6, 3 | 7.
            Vector256<float> ab0 = Avx.UnpackLow(a.AsVector256().AsSingle(), b.AsVector256().AsSingle());
            Vector256<float> ab1 = Avx.UnpackHigh(a.AsVector256().AsSingle(), b.AsVector256().AsSingle());
            Vector256<float> cd0 = Avx.UnpackLow(c.AsVector256().AsSingle(), d.AsVector256().AsSingle());
            Vector256<float> cd1 = Avx.UnpackHigh(c.AsVector256().AsSingle(), d.AsVector256().AsSingle());
            Vector256<float> lanes04 = Avx.Shuffle(ab0, cd0, 0x44);
            Vector256<float> lanes15 = Avx.Shuffle(ab0, cd0, 0xEE);
            Vector256<float> lanes26 = Avx.Shuffle(ab1, cd1, 0x44);
            Vector256<float> lanes37 = Avx.Shuffle(ab1, cd1, 0xEE);
            Avx.Permute2x128(lanes04, lanes15, 0x20).StoreUnsafe(ref target, 0);
            Avx.Permute2x128(lanes26, lanes37, 0x20).StoreUnsafe(ref target, 8);
            Avx.Permute2x128(lanes04, lanes15, 0x31).StoreUnsafe(ref target, 16);
            Avx.Permute2x128(lanes26, lanes37, 0x31).StoreUnsafe(ref target, 24);
            return;
        }

        if (Sse.IsSupported && Vector<byte>.Count == Vector128<byte>.Count)
        {
            Vector128<float> ab0 = Sse.UnpackLow(a.AsVector128().AsSingle(), b.AsVector128().AsSingle());
            Vector128<float> ab1 = Sse.UnpackHigh(a.AsVector128().AsSingle(), b.AsVector128().AsSingle());
            Vector128<float> cd0 = Sse.UnpackLow(c.AsVector128().AsSingle(), d.AsVector128().AsSingle());
            Vector128<float> cd1 = Sse.UnpackHigh(c.AsVector128().AsSingle(), d.AsVector128().AsSingle());
            Sse.MoveLowToHigh(ab0, cd0).StoreUnsafe(ref target, 0);
            Sse.MoveHighToLow(cd0, ab0).StoreUnsafe(ref target, 4);
            Sse.MoveLowToHigh(ab1, cd1).StoreUnsafe(ref target, 8);
            Sse.MoveHighToLow(cd1, ab1).StoreUnsafe(ref target, 12);
            return;
        }

        for (int i = 0; i < Vector<uint>.Count; i++)
        {
            Unsafe.Add(ref destination, 4 * i) = a[i];
            Unsafe.Add(ref destination, (4 * i) + 1) = b[i];
            Unsafe.Add(ref destination, (4 * i) + 2) = c[i];
            Unsafe.Add(ref destination, (4 * i) + 3) = d[i];
        }
    }

    /// <summary>
    /// Stores two float64 elements per lane, lane by lane: <paramref name="a"/>[i], <paramref name="b"/>[i] from
    /// word 4i on.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Interleave(Vector<double> a, Vector<double> b, ref uint destination)
    {
        ref double target = ref Unsafe.As<uint, double>(ref destination);
        if (Avx.IsSupported && Vector<byte>.Count == Vector256<byte>.Count)
        {
            Vector256<double> lanes02 = Avx.UnpackLow(a.AsVector256(), b.AsVector256());
            Vector256<double> lanes13 = Avx.UnpackHigh(a.AsVector256(), b.AsVector256());
            Avx.Permute2x128(lanes02, lanes13, 0x20).StoreUnsafe(ref target, 0);
            Avx.Permute2x128(lanes02, lanes13, 0x31).StoreUnsafe(ref target, 4);
            return;
        }

        if (Sse2.IsSupported && Vector<byte>.Count == Vector128<byte>.Count)
        {
            Sse2.UnpackLow(a.AsVector128(), b.AsVector128()).StoreUnsafe(ref target, 0);
            Sse2.UnpackHigh(a.AsVector128(), b.AsVector128()).StoreUnsafe(ref target, 2);
            return;
        }

        for (int i = 0; i < Vector<double>.Count; i++)
        {
            Unsafe.Add(ref target, 2 * i) = a[i];
            Unsafe.Add(ref target, (2 * i) + 1) = b[i];
        }
    }

    /// <summary>
    /// A float64 draw's blocks: each word widened to 64-bit lanes, the first half of the blocks, then the second, each
    /// block's two values interleaved into place.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteDoubles<TDraw>(TDraw draw, Vector<uint> w0, Vector<uint> w1, Vector<uint> w2, Vector<uint> w3, ref uint destination)
        where TDraw : struct, IDoubleDraw
    {
        Vector.Widen(w0, out Vector<ulong> low0, out Vector<ulong> high0);
        Vector.Widen(w1, out Vector<ulong> low1, out Vector<ulong> high1);
        Vector.Widen(w2, out Vector<ulong> low2, out Vector<ulong> high2);
        Vector.Widen(w3, out Vector<ulong> low3, out Vector<ulong> high3);
        (Vector<double> first, Vector<double> second) = draw.Values(low0, low1, low2, low3);
        Interleave(first, second, ref destination);
        (first, second) = draw.Values(high0, high1, high2, high3);
        Interleave(first, second, ref Unsafe.Add(ref destination, 2 * Vector<uint>.Count));
    }

    /// <summary>The kernels' 53-bit integer <c>((a &gt;&gt; 5) * 2^26) + (b &gt;&gt; 6)</c> of two words, exact in a double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> Bits53(Vector<ulong> a, Vector<ulong> b)
        => (Vector.ConvertToDouble(Vector.ShiftRightLogical(a, 5)) * 67108864.0) + Vector.ConvertToDouble(Vector.ShiftRightLogical(b, 6));

    /// <summary>The float in [0, 1) of a word's top 24 bits, as the kernels' <c>(w &gt;&gt; 8) * FloatUnit</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> Unit(Vector<uint> top24) => Vector.ConvertToSingle(Vector.AsVectorInt32(top24)) * RandomKernels.FloatUnit;

    /// <summary>A draw's key: its two words known at the call (a seed), or a key array's two elements, read when the draw runs.</summary>
    public readonly struct Key
    {
        private readonly uint _first;
        private readonly uint _second;
        private readonly int _at;
        private readonly int _stride;

        /// <summary>The words of a seed.</summary>
        public Key(uint first, uint second)
        {
            _first = first;
            _second = second;
        }

        /// <summary>Elements <paramref name="at"/> and <paramref name="at"/> + <paramref name="stride"/> of <paramref name="array"/>.</summary>
        public Key(Array<uint> array, int at, int stride)
        {
            Array = array;
            _at = at;
            _stride = stride;
        }

        /// <summary>The key array the draw reads, or null for a seed.</summary>
        public Array<uint>? Array { get; }

        /// <summary>The two words; inside the queued draw for a key array.</summary>
        public (uint First, uint Second) Read()
        {
            if (Array is null)
            {
                return (_first, _second);
            }

            ReadOnlySpan<uint> words = KernelLauncher.GetReadOnlySpan(Array);
            return (words[_at], words[_at + _stride]);
        }
    }

    /// <summary>The op a draw queues, with the key array as its first buffer or without.</summary>
    private sealed class DrawOp(string name, int elementSize)
    {
        public HandWrittenCpuOp Seeded { get; } = new(name, new HandWrittenBuffer("output", elementSize, Writes: true));

        public HandWrittenCpuOp Keyed { get; } = new(name, new HandWrittenBuffer("key", sizeof(uint)),
            new HandWrittenBuffer("output", elementSize, Writes: true));
    }

    /// <summary>A draw: the elements of <c>Vector&lt;uint&gt;.Count</c> blocks from their four words.</summary>
    private interface IDraw
    {
        /// <summary>The 32-bit words of output per block: 4 (an element per word of the block) or 1.</summary>
        static abstract int WordsPerBlock { get; }

        /// <summary>Writes the blocks' <see cref="WordsPerBlock"/> words each, block after block, from <paramref name="destination"/> on.</summary>
        void Write(Vector<uint> w0, Vector<uint> w1, Vector<uint> w2, Vector<uint> w3, ref uint destination);
    }

    /// <summary><see cref="RandomKernels"/>' <c>UniformFloat</c>.</summary>
    private readonly struct UniformDraw(float low, float range, float limit) : IDraw
    {
        public static int WordsPerBlock => 4;

        public void Write(Vector<uint> w0, Vector<uint> w1, Vector<uint> w2, Vector<uint> w3, ref uint destination)
            => Interleave(Value(w0), Value(w1), Value(w2), Value(w3), ref destination);

        private Vector<uint> Value(Vector<uint> word)
            => Vector.AsVectorUInt32(PortableMathLanes.Min(new Vector<float>(low) + (Unit(Vector.ShiftRightLogical(word, 8)) * range), new Vector<float>(limit)));
    }

    /// <summary><see cref="RandomKernels"/>' <c>NormalFloat</c>: Box-Muller on words (0, 1) and (2, 3).</summary>
    private readonly struct NormalDraw(float mean, float std) : IDraw
    {
        public static int WordsPerBlock => 4;

        public void Write(Vector<uint> w0, Vector<uint> w1, Vector<uint> w2, Vector<uint> w3, ref uint destination)
        {
            (Vector<uint> cos, Vector<uint> sin) = Pair(w0, w1);
            (Vector<uint> cos2, Vector<uint> sin2) = Pair(w2, w3);
            Interleave(cos, sin, cos2, sin2, ref destination);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private (Vector<uint> Cos, Vector<uint> Sin) Pair(Vector<uint> radiusWord, Vector<uint> angleWord)
        {
            Vector<float> u = Unit(Vector.ShiftRightLogical(radiusWord, 8) + Vector<uint>.One);
            Vector<float> radius = PortableMathLanes.Sqrt(new Vector<float>(-2f) * PortableMathLanes.Log(u));
            PortableMathLanes.SinCosTurn(Vector.ShiftRightLogical(angleWord, 8), out Vector<float> sin, out Vector<float> cos);
            return (Vector.AsVectorUInt32(new Vector<float>(mean) + (radius * cos * std)),
                Vector.AsVectorUInt32(new Vector<float>(mean) + (radius * sin * std)));
        }
    }

    /// <summary>A float64 draw: a block's two values from its four words, widened.</summary>
    private interface IDoubleDraw
    {
        (Vector<double> First, Vector<double> Second) Values(Vector<ulong> w0, Vector<ulong> w1, Vector<ulong> w2, Vector<ulong> w3);
    }

    /// <summary><see cref="RandomKernels"/>' <c>UniformDouble</c>: two values, each from 53 bits of two words.</summary>
    private readonly struct UniformDoubleDraw(double low, double range, double limit) : IDraw, IDoubleDraw
    {
        public static int WordsPerBlock => 4;

        public void Write(Vector<uint> w0, Vector<uint> w1, Vector<uint> w2, Vector<uint> w3, ref uint destination)
            => WriteDoubles(this, w0, w1, w2, w3, ref destination);

        public (Vector<double> First, Vector<double> Second) Values(Vector<ulong> w0, Vector<ulong> w1, Vector<ulong> w2, Vector<ulong> w3)
            => (Value(Bits53(w0, w1)), Value(Bits53(w2, w3)));

        private Vector<double> Value(Vector<double> bits)
            => PortableMathLanes.Min(new Vector<double>(low) + (bits * RandomKernels.DoubleUnit * range), new Vector<double>(limit));
    }

    /// <summary><see cref="RandomKernels"/>' <c>NormalDouble</c>: Box-Muller, the radius from words 0 and 1, the angle from 2 and 3.</summary>
    private readonly struct NormalDoubleDraw(double mean, double std) : IDraw, IDoubleDraw
    {
        public static int WordsPerBlock => 4;

        public void Write(Vector<uint> w0, Vector<uint> w1, Vector<uint> w2, Vector<uint> w3, ref uint destination)
            => WriteDoubles(this, w0, w1, w2, w3, ref destination);

        public (Vector<double> First, Vector<double> Second) Values(Vector<ulong> w0, Vector<ulong> w1, Vector<ulong> w2, Vector<ulong> w3)
        {
            Vector<double> u = (Bits53(w0, w1) + new Vector<double>(1.0)) * RandomKernels.DoubleUnit;
            Vector<double> radius = PortableMathLanes.Sqrt(new Vector<double>(-2.0) * PortableMathLanes.Log(u));
            PortableMathLanes.SinCosTurn(Vector.ShiftRightLogical(w2, 5), Vector.ShiftRightLogical(w3, 6), out Vector<double> sin, out Vector<double> cos);
            return (new Vector<double>(mean) + (radius * cos * std), new Vector<double>(mean) + (radius * sin * std));
        }
    }

    /// <summary><see cref="RandomKernels"/>' <c>RandInt</c>: the high word of each word times the range, plus low.</summary>
    private readonly struct RandIntDraw(int low, uint range) : IDraw
    {
        public static int WordsPerBlock => 4;

        public void Write(Vector<uint> w0, Vector<uint> w1, Vector<uint> w2, Vector<uint> w3, ref uint destination)
            => Interleave(Value(w0), Value(w1), Value(w2), Value(w3), ref destination);

        private Vector<uint> Value(Vector<uint> word) => PhiloxLanes.MultiplyWide(word, range).High + new Vector<uint>(unchecked((uint)low));
    }

    /// <summary><see cref="RandomKernels"/>' <c>Bernoulli</c>: four bools in the bytes of one word per block.</summary>
    private readonly struct BernoulliDraw(float p) : IDraw
    {
        public static int WordsPerBlock => 1;

        public void Write(Vector<uint> w0, Vector<uint> w1, Vector<uint> w2, Vector<uint> w3, ref uint destination)
            => (Below(w0, 1u) | Below(w1, 0x100u) | Below(w2, 0x10000u) | Below(w3, 0x1000000u)).StoreUnsafe(ref destination);

        private Vector<uint> Below(Vector<uint> word, uint bit)
            => Vector.AsVectorUInt32(Vector.LessThan(Unit(Vector.ShiftRightLogical(word, 8)), new Vector<float>(p))) & new Vector<uint>(bit);
    }
}

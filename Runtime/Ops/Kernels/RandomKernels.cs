using System;
using System.Numerics;

namespace Tandem.Ops.Kernels;

/// <summary>
/// Random numbers: thread <c>t</c> computes Philox block <c>t</c> of the key (counter (t, 0, 0, 0)) and writes the
/// elements it gives: four float32, int32 or bool values (one 16-byte or 4-byte store), or two float64 values. So
/// element <c>i</c> depends only on the key and <c>i</c>: the same key gives the same numbers on every device, however
/// the work is split, and a longer array starts with a shorter one's numbers.
/// </summary>
/// <remarks>
/// Each draw comes in two kernels: <c>Seeded</c> takes the key's two words as uniforms (a seed, or the global
/// sequence: nothing to bind), <c>Keyed</c> reads them from a key array (<c>Mx.Random.Key</c>, <c>Split</c>) on the
/// device, so a key written by an earlier op needs no host synchronization. Float math goes through
/// <see cref="PortableMath"/> and the <c>one</c> uniform (<see cref="Unfused"/>) so that the bits match everywhere.
/// On a CPU stream, <c>Uniform</c>, <c>Normal</c>, <c>RandInt</c> and <c>Bernoulli</c> run
/// <see cref="CpuRandom"/> instead (the same bits, computed in SIMD lanes): these kernels' CPU body is the scalar loop.
/// A change to one of those draws here must be made there too; <c>RandomDevicesTests</c> compares the two.
/// </remarks>
internal static partial class RandomKernels
{
    /// <summary>2^-24: a 24-bit integer times this is a float in [0, 1), exactly.</summary>
    internal const float FloatUnit = 5.96046448e-08f;

    /// <summary>2^-53: a 53-bit integer times this is a double in [0, 1), exactly.</summary>
    internal const double DoubleUnit = 1.1102230246251565e-16;

    /// <summary>The fourth counter word of a split, apart from the draws' 0.</summary>
    private const uint SplitDomain = 1;

    [Kernel]
    public static void UniformFloatSeeded(int t, uint key0, uint key1, float low, float range, float limit, float one, Span<Vector4> output)
        => output[t] = UniformFloat(key0, key1, t, low, range, limit, one);

    [Kernel]
    public static void UniformFloatKeyed(int t, int keyAt, int keyStride, ReadOnlySpan<uint> key, float low, float range, float limit, float one,
        Span<Vector4> output)
        => output[t] = UniformFloat(key[keyAt], key[keyAt + keyStride], t, low, range, limit, one);

    [Kernel]
    public static void UniformDoubleSeeded(int t, uint key0, uint key1, double low, double range, double limit, double one, Span<double> output)
        => UniformDouble(key0, key1, t, low, range, limit, one, output);

    [Kernel]
    public static void UniformDoubleKeyed(int t, int keyAt, int keyStride, ReadOnlySpan<uint> key, double low, double range, double limit,
        double one, Span<double> output)
        => UniformDouble(key[keyAt], key[keyAt + keyStride], t, low, range, limit, one, output);

    [Kernel]
    public static void NormalFloatSeeded(int t, uint key0, uint key1, float mean, float std, float one, Span<Vector4> output)
        => output[t] = NormalFloat(key0, key1, t, mean, std, one);

    [Kernel]
    public static void NormalFloatKeyed(int t, int keyAt, int keyStride, ReadOnlySpan<uint> key, float mean, float std, float one, Span<Vector4> output)
        => output[t] = NormalFloat(key[keyAt], key[keyAt + keyStride], t, mean, std, one);

    [Kernel]
    public static void NormalDoubleSeeded(int t, uint key0, uint key1, double mean, double std, double one, Span<double> output)
        => NormalDouble(key0, key1, t, mean, std, one, output);

    [Kernel]
    public static void NormalDoubleKeyed(int t, int keyAt, int keyStride, ReadOnlySpan<uint> key, double mean, double std, double one,
        Span<double> output)
        => NormalDouble(key[keyAt], key[keyAt + keyStride], t, mean, std, one, output);

    [Kernel]
    public static void RandIntSeeded(int t, uint key0, uint key1, int low, uint range, Span<int> output)
        => RandInt(key0, key1, t, low, range, output);

    [Kernel]
    public static void RandIntKeyed(int t, int keyAt, int keyStride, ReadOnlySpan<uint> key, int low, uint range, Span<int> output)
        => RandInt(key[keyAt], key[keyAt + keyStride], t, low, range, output);

    [Kernel]
    public static void BernoulliSeeded(int t, uint key0, uint key1, float p, Span<uint> output)
        => output[t] = Bernoulli(key0, key1, t, p);

    [Kernel]
    public static void BernoulliKeyed(int t, int keyAt, int keyStride, ReadOnlySpan<uint> key, float p, Span<uint> output)
        => output[t] = Bernoulli(key[keyAt], key[keyAt + keyStride], t, p);

    /// <summary>Key <paramref name="j"/> of a split: the first two words of block (j, 0, 0, 1).</summary>
    [Kernel]
    public static void SplitKeys(int j, int keyAt, int keyStride, ReadOnlySpan<uint> key, Span<uint> output)
    {
        Philox.Block((uint)j, 0u, 0u, SplitDomain, key[keyAt], key[keyAt + keyStride], out uint first, out uint second, out _, out _);
        output[2 * j] = first;
        output[(2 * j) + 1] = second;
    }

    /// <summary>Four values in [low, low + range), below <paramref name="limit"/> (the float before high).</summary>
    private static Vector4 UniformFloat(uint key0, uint key1, int block, float low, float range, float limit, float one)
    {
        Philox.Block((uint)block, 0u, 0u, 0u, key0, key1, out uint w0, out uint w1, out uint w2, out uint w3);
        return new Vector4(
            MathF.Min(low + ((w0 >> 8) * FloatUnit * range * one), limit),
            MathF.Min(low + ((w1 >> 8) * FloatUnit * range * one), limit),
            MathF.Min(low + ((w2 >> 8) * FloatUnit * range * one), limit),
            MathF.Min(low + ((w3 >> 8) * FloatUnit * range * one), limit));
    }

    /// <summary>Two values, each from 53 bits of two words.</summary>
    private static void UniformDouble(uint key0, uint key1, int block, double low, double range, double limit, double one, Span<double> output)
    {
        Philox.Block((uint)block, 0u, 0u, 0u, key0, key1, out uint w0, out uint w1, out uint w2, out uint w3);
        double first = (((w0 >> 5) * 67108864.0) + (w1 >> 6)) * DoubleUnit;
        double second = (((w2 >> 5) * 67108864.0) + (w3 >> 6)) * DoubleUnit;
        output[2 * block] = Math.Min(low + (first * range * one), limit);
        output[(2 * block) + 1] = Math.Min(low + (second * range * one), limit);
    }

    /// <summary>Four normal values: Box-Muller on words (0, 1) and (2, 3), each pair giving a cosine and a sine.</summary>
    private static Vector4 NormalFloat(uint key0, uint key1, int block, float mean, float std, float one)
    {
        Philox.Block((uint)block, 0u, 0u, 0u, key0, key1, out uint w0, out uint w1, out uint w2, out uint w3);

        // The radius from u in (0, 1] (24 bits, so |z| stays below 5.77), the angle from 24 bits of a turn.
        float radius = PortableMath.Sqrt(-2f * PortableMath.Log(((w0 >> 8) + 1u) * FloatUnit, one), one);
        PortableMath.SinCosTurn(w1 >> 8, one, out float sin, out float cos);
        float radius2 = PortableMath.Sqrt(-2f * PortableMath.Log(((w2 >> 8) + 1u) * FloatUnit, one), one);
        PortableMath.SinCosTurn(w3 >> 8, one, out float sin2, out float cos2);
        return new Vector4(
            mean + (std * (radius * cos) * one),
            mean + (std * (radius * sin) * one),
            mean + (std * (radius2 * cos2) * one),
            mean + (std * (radius2 * sin2) * one));
    }

    /// <summary>Two normal values: Box-Muller with 53 bits for the radius (words 0, 1) and for the angle (words 2, 3).</summary>
    private static void NormalDouble(uint key0, uint key1, int block, double mean, double std, double one, Span<double> output)
    {
        Philox.Block((uint)block, 0u, 0u, 0u, key0, key1, out uint w0, out uint w1, out uint w2, out uint w3);
        double u = ((((w0 >> 5) * 67108864.0) + (w1 >> 6)) + 1.0) * DoubleUnit;
        double radius = PortableMath.Sqrt(-2.0 * PortableMath.Log(u, one), one);
        PortableMath.SinCosTurn(w2 >> 5, w3 >> 6, one, out double sin, out double cos);
        output[2 * block] = mean + (std * (radius * cos) * one);
        output[(2 * block) + 1] = mean + (std * (radius * sin) * one);
    }

    /// <summary>Four integers in [low, low + range): the high word of each word times the range (Lemire's method, without rejection).</summary>
    private static void RandInt(uint key0, uint key1, int block, int low, uint range, Span<int> output)
    {
        Philox.Block((uint)block, 0u, 0u, 0u, key0, key1, out uint w0, out uint w1, out uint w2, out uint w3);
        output[4 * block] = low + (int)(uint)(((ulong)w0 * range) >> 32);
        output[(4 * block) + 1] = low + (int)(uint)(((ulong)w1 * range) >> 32);
        output[(4 * block) + 2] = low + (int)(uint)(((ulong)w2 * range) >> 32);
        output[(4 * block) + 3] = low + (int)(uint)(((ulong)w3 * range) >> 32);
    }

    /// <summary>Four bools, one per byte of the word (low byte first): true where the uniform is below <paramref name="p"/>.</summary>
    private static uint Bernoulli(uint key0, uint key1, int block, float p)
    {
        Philox.Block((uint)block, 0u, 0u, 0u, key0, key1, out uint w0, out uint w1, out uint w2, out uint w3);
        return ((w0 >> 8) * FloatUnit < p ? 1u : 0u)
            | ((w1 >> 8) * FloatUnit < p ? 0x100u : 0u)
            | ((w2 >> 8) * FloatUnit < p ? 0x10000u : 0u)
            | ((w3 >> 8) * FloatUnit < p ? 0x1000000u : 0u);
    }
}

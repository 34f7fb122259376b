using System;

namespace Tandem.Runtime.Tests.Kernels;

/// <summary>
/// long, ulong and Half: wrap-around arithmetic, shift counts masked to 0..63, signed and unsigned division, .NET's
/// saturating float-to-integer conversions, 64-bit constants, Half arithmetic through float, 16-bit spans, Half and
/// long uniforms and group-shared arrays.
/// </summary>
public static partial class WideTypeKernels
{
    public const int LongResults = 20;
    public const int HalfResults = 12;
    public const int Block = 64;
    private const long Big = 5_000_000_000L;

    /// <summary>Every long operator that cannot throw, one result each.</summary>
    [Kernel]
    public static void LongOps(int i, long k, int shift, ReadOnlySpan<long> a, ReadOnlySpan<long> b, Span<long> output)
    {
        long x = a[i], y = b[i];
        int o = i * LongResults;
        output[o] = x + y;
        output[o + 1] = x - y;
        output[o + 2] = x * y;
        output[o + 3] = x << shift;
        output[o + 4] = x >> shift;
        output[o + 5] = x >>> shift;
        output[o + 6] = (x & y) | (x ^ ~k);
        output[o + 7] = -x;
        output[o + 8] = (x < y ? 1 : 0) + (x <= y ? 2 : 0) + (x > k ? 4 : 0) + (x >= y ? 8 : 0) + (x == y ? 16 : 0) + (x != k ? 32 : 0);
        output[o + 9] = Math.Min(x, y);
        output[o + 10] = Math.Max(x, k);
        output[o + 11] = (int)x;
        output[o + 12] = (uint)x;
        output[o + 13] = (long)(float)x;
        output[o + 14] = (long)(double)y;
        output[o + 15] = x * 3 + (y << 40) + Big - long.MinValue;
        long acc = k;
        acc += x;
        acc *= y;
        acc <<= shift + 1;
        acc >>= 3;
        acc ^= i;
        acc >>>= shift;
        output[o + 16] = acc;
        output[o + 17] = x++ + ++y + x-- - --y;
        long sum = 0;
        for (long j = 0; j < 3; j++)
            sum += j * x - (y >> (int)j);
        output[o + 18] = sum;
        output[o + 19] = x > y ? x : y;
        Twice(ref output[o + 19]);
    }

    /// <summary>Signed and unsigned division, remainder, Abs and Clamp: callers keep divisors non-zero and long.MinValue out of Abs.</summary>
    [Kernel]
    public static void WideDivision(int i, ReadOnlySpan<long> a, ReadOnlySpan<long> b, ReadOnlySpan<ulong> c, ReadOnlySpan<ulong> d,
        Span<long> signed, Span<ulong> unsigned)
    {
        long x = a[i], y = b[i];
        signed[i * 4] = x / y;
        signed[(i * 4) + 1] = x % y;
        signed[(i * 4) + 2] = Math.Abs(x == long.MinValue ? y : x);
        signed[(i * 4) + 3] = Math.Clamp(x, Math.Min(y, -7L), Math.Max(y, 7L));
        ulong u = c[i], v = d[i];
        unsigned[i * 3] = u / v;
        unsigned[(i * 3) + 1] = u % v;
        unsigned[(i * 3) + 2] = Math.Clamp(u, Math.Min(v, 1000UL), Math.Max(v, 1000UL));
    }

    /// <summary>long.MinValue / -1 and % -1: C# throws OverflowException; the GPU, which cannot throw, wraps.</summary>
    [Kernel]
    public static void LongQuotient(int i, ReadOnlySpan<long> a, ReadOnlySpan<long> b, Span<long> quotient, Span<long> remainder)
    {
        quotient[i] = a[i] / b[i];
        remainder[i] = a[i] % b[i];
    }

    /// <summary>Straight-line signed 64-bit code: the CPU version runs it in Vector256&lt;long&gt;.</summary>
    [Kernel]
    public static void LongAxpy(int i, long alpha, int shift, ReadOnlySpan<long> x, Span<long> y)
    {
        long v = x[i];
        y[i] = (alpha * v) + (y[i] >> shift) - (v >>> (shift + 1)) + Math.Max(v, -alpha);
    }

    /// <summary>Straight-line unsigned 64-bit code with a 64-bit constant: vectorized as Vector256&lt;ulong&gt;.</summary>
    [Kernel]
    public static void ULongMix(int i, int shift, ulong mask, ReadOnlySpan<ulong> x, Span<ulong> y)
        => y[i] = ((((x[i] >> shift) ^ (x[i] << (shift + 7)) ^ mask) * 0x9E3779B97F4A7C15UL) + y[i]) & ~Math.Min(x[i], mask);

    /// <summary>Conversions between the 64-bit integers, the 32-bit ones and floating point (.NET saturates).</summary>
    [Kernel]
    public static void LongConversions(int i, ReadOnlySpan<float> f, ReadOnlySpan<double> d, ReadOnlySpan<int> n, Span<long> longs,
        Span<ulong> ulongs, Span<double> back)
    {
        longs[i * 4] = (long)f[i];
        longs[(i * 4) + 1] = (long)d[i];
        longs[(i * 4) + 2] = n[i];
        longs[(i * 4) + 3] = (uint)n[i];
        ulongs[i * 3] = (ulong)f[i];
        ulongs[(i * 3) + 1] = (ulong)d[i];
        ulongs[(i * 3) + 2] = (ulong)n[i];
        back[i * 4] = longs[(i * 4) + 1];
        back[(i * 4) + 1] = ulongs[(i * 3) + 1];
        back[(i * 4) + 2] = (float)longs[(i * 4) + 1];
        back[(i * 4) + 3] = (float)ulongs[(i * 3) + 1];
    }

    /// <summary>Half operators, constants, a Half scalar, compound assignment, ++ and a Half helper.</summary>
    [Kernel]
    public static void HalfOps(int i, Half scale, ReadOnlySpan<Half> a, ReadOnlySpan<Half> b, Span<Half> output, Span<int> tests)
    {
        Half x = a[i], y = b[i];
        int o = i * HalfResults;
        output[o] = x + y;
        output[o + 1] = x - y;
        output[o + 2] = x * y;
        output[o + 3] = x / y;
        output[o + 4] = x % y;
        output[o + 5] = -x;
        output[o + 6] = (x * scale) + Half.Epsilon;
        Half acc = default;
        acc += x;
        acc *= y;
        acc++;
        output[o + 7] = acc;
        output[o + 8] = x > y ? x : Half.MaxValue;
        output[o + 9] = (Half)((float)x * 0.1f);
        output[o + 10] = Lerp(x, y, scale);
        output[o + 11] = +y;
        output[o + 11] -= Half.One;
        Bump(ref output[o + 11], out Half bumped);
        output[o + 6] -= bumped;
        tests[i] = (x < y ? 1 : 0) | (x <= y ? 2 : 0) | (x == y ? 4 : 0) | (x != y ? 8 : 0) | (x >= y ? 16 : 0)
            | (Half.IsNaN(x) ? 32 : 0) | (Half.IsInfinity(x) ? 64 : 0) | (Half.IsFinite(x) ? 128 : 0);
    }

    /// <summary>Half to and from float, double, int and long, as System.Half converts (round to nearest even).</summary>
    [Kernel]
    public static void HalfConversions(int i, ReadOnlySpan<float> f, ReadOnlySpan<double> d, ReadOnlySpan<Half> h, Span<Half> halves,
        Span<float> floats, Span<double> doubles, Span<long> longs)
    {
        halves[i * 3] = (Half)f[i];
        halves[(i * 3) + 1] = (Half)d[i];
        halves[(i * 3) + 2] = (Half)(i - 70_000);
        floats[i] = (float)h[i];
        doubles[i] = (double)h[i];
        longs[i] = (long)h[i] + (long)(Half)(long)(i * 3);
    }

    /// <summary>Each group reverses its block through a group-shared Half array, negating on the way.</summary>
    [Kernel(Block)]
    public static void HalfBlockReverse(int i, ReadOnlySpan<Half> x, Span<Half> y)
    {
        Span<Half> tile = Group.Shared<Half>(Block);
        int t = Group.ThreadIndex.X;
        tile[t] = x[i];
        Group.Barrier();
        y[i] = -tile[Block - 1 - t];
    }

    /// <summary>One wrapping long sum per group of Block elements, reduced in group-shared memory.</summary>
    [Kernel(Block)]
    public static void LongBlockSum(int i, ReadOnlySpan<long> x, Span<long> partial)
    {
        Span<long> scratch = Group.Shared<long>(Block);
        int t = Group.ThreadIndex.X;
        scratch[t] = i < x.Length ? x[i] : 0;
        Group.Barrier();
        for (int stride = Block / 2; stride > 0; stride /= 2)
        {
            if (t < stride)
                scratch[t] += scratch[t + stride];
            Group.Barrier();
        }

        if (t == 0)
            partial[Group.Index.X] = scratch[0];
    }

    private static Half Lerp(Half a, Half b, Half t) => a + ((b - a) * t);

    private static void Bump(ref Half h, out Half step)
    {
        step = (Half)0.25f;
        h += step;
    }

    private static void Twice(ref long v) => v *= 2;
}

using System;

namespace Tandem.Ops.Kernels;

/// <summary>
/// The logarithm, square root, sine and cosine that random-number kernels need, written so that every device gives the
/// same bits: only +, -, *, comparisons, exact scalings by powers of two, reading and building a float's bits, and
/// conversions of integers below 2^24 (2^53 for double), each product that feeds a sum multiplied by the run-time
/// <c>one</c> (see <see cref="Unfused"/>). The polynomials are truncated Taylor series (for ln, of atanh) and Newton
/// iterations, accurate to a few units in the last place over the stated domains; their purpose is reproducibility,
/// not the last bit of accuracy. Each function has a SIMD twin for the CPU stream's draws (<see cref="PortableMathLanes"/>)
/// that must change with it.
/// </summary>
internal static class PortableMath
{
    /// <summary>ln <paramref name="x"/> for x in [2^-31, 2^32).</summary>
    public static float Log(float x, float one)
    {
        // x = 2^e * f with f in [sqrt(1/2), sqrt(2)], read off the bits (the e and f that exact scalings by powers of
        // two found before, in a fraction of the instructions): f from the mantissa in [1, 2), halved above sqrt(2).
        uint bits = BitConverter.SingleToUInt32Bits(x);
        x = BitConverter.UInt32BitsToSingle((bits & 0x7FFFFFu) | 0x3F800000u);
        float e = (int)(bits >> 23) - 127;
        bool s = x > 1.41421356f;
        x = s ? x * 0.5f : x;
        e = s ? e + 1f : e;

        // ln f = 2 atanh(t), t = (f - 1) / (f + 1) in [-0.172, 0.172]; the quotient by Newton's reciprocal.
        float d = x + 1f;
        float r = 0.98506150f - (0.23901600f * d * one);
        r = r + (r * (1f - (d * r * one)) * one);
        r = r + (r * (1f - (d * r * one)) * one);
        r = r + (r * (1f - (d * r * one)) * one);
        float t = (x - 1f) * r;
        float u = t * t;
        float p = 0.0909090909f;
        p = 0.111111111f + (p * u * one);
        p = 0.142857143f + (p * u * one);
        p = 0.2f + (p * u * one);
        p = 0.333333333f + (p * u * one);
        p = 1f + (p * u * one);
        float lnf = 2f * t * p;
        return lnf + (e * 0.693147181f * one);
    }

    /// <summary>The square root of <paramref name="x"/> for x = 0 or in [2^-32, 2^32).</summary>
    public static float Sqrt(float x, float one)
    {
        // x = 4^k * f with f in [1, 4), read off the bits: f is the mantissa in [1, 2), doubled when the exponent is
        // odd; sqrt(x) = 2^k sqrt(f), with 2^k built from its exponent bits. Zero keeps its own value (and sign).
        uint bits = BitConverter.SingleToUInt32Bits(x);
        int exponent = (int)(bits >> 23) - 127;
        int odd = exponent & 1;
        float mantissa = BitConverter.UInt32BitsToSingle((bits & 0x7FFFFFu) | 0x3F800000u);
        float input = x;
        x = odd != 0 ? mantissa * 2f : mantissa;
        float scale = BitConverter.Int32BitsToSingle((((exponent - odd) >> 1) + 127) << 23);

        // 1 / sqrt(f) from a line (8.6 % off at worst), then Newton's y (3 - f y^2) / 2, four times.
        float half = 0.5f * x;
        float y = 1.066f - (0.15212707f * x * one);
        y = y * (1.5f - (half * (y * y) * one));
        y = y * (1.5f - (half * (y * y) * one));
        y = y * (1.5f - (half * (y * y) * one));
        y = y * (1.5f - (half * (y * y) * one));
        return input == 0f ? input : x * y * scale;
    }

    /// <summary>
    /// The sine and cosine of 2 pi <paramref name="turn"/> / 2^24 (<paramref name="turn"/> below 2^24): reduced
    /// exactly to an angle in [0, pi/4] by the integer's quadrant and a mirror.
    /// </summary>
    public static void SinCosTurn(uint turn, float one, out float sin, out float cos)
    {
        uint quadrant = turn >> 22;
        uint rest = turn & 0x3FFFFFu;
        bool mirror = rest > 0x200000u;
        uint steps = mirror ? 0x400000u - rest : rest;
        float x = steps * 3.74507028e-07f;                    // pi/2 / 2^22 per step
        float z = x * x;
        float ps = -2.50521084e-08f;                          // -1/11!
        ps = 2.75573192e-06f + (ps * z * one);
        ps = -1.98412698e-04f + (ps * z * one);
        ps = 8.33333333e-03f + (ps * z * one);
        ps = -0.166666667f + (ps * z * one);
        float sinX = x + (ps * z * x * one);
        float pc = 2.08767570e-09f;                           // 1/12!
        pc = -2.75573192e-07f + (pc * z * one);
        pc = 2.48015873e-05f + (pc * z * one);
        pc = -1.38888889e-03f + (pc * z * one);
        pc = 4.16666667e-02f + (pc * z * one);
        float cosX = (1f - (0.5f * z)) + (pc * z * z * one);
        float sinQ = mirror ? cosX : sinX;
        float cosQ = mirror ? sinX : cosX;
        bool swap = (quadrant & 1u) != 0u;
        float sinA = swap ? cosQ : sinQ;
        float cosA = swap ? sinQ : cosQ;
        sin = quadrant >= 2u ? -sinA : sinA;
        cos = quadrant == 1u || quadrant == 2u ? -cosA : cosA;
    }

    /// <summary>ln <paramref name="x"/> for x in [2^-63, 2^64).</summary>
    public static double Log(double x, double one)
    {
        double e = 0;
        bool s = x >= 4294967296.0;
        x = s ? x * 2.3283064365386963e-10 : x;
        e = s ? e + 32 : e;
        s = x >= 65536.0;
        x = s ? x * 1.52587890625e-05 : x;
        e = s ? e + 16 : e;
        s = x >= 256.0;
        x = s ? x * 0.00390625 : x;
        e = s ? e + 8 : e;
        s = x >= 16.0;
        x = s ? x * 0.0625 : x;
        e = s ? e + 4 : e;
        s = x >= 4.0;
        x = s ? x * 0.25 : x;
        e = s ? e + 2 : e;
        s = x >= 2.0;
        x = s ? x * 0.5 : x;
        e = s ? e + 1 : e;
        s = x < 4.6566128730773926e-10;
        x = s ? x * 4294967296.0 : x;
        e = s ? e - 32 : e;
        s = x < 3.0517578125e-05;
        x = s ? x * 65536.0 : x;
        e = s ? e - 16 : e;
        s = x < 0.0078125;
        x = s ? x * 256.0 : x;
        e = s ? e - 8 : e;
        s = x < 0.125;
        x = s ? x * 16.0 : x;
        e = s ? e - 4 : e;
        s = x < 0.5;
        x = s ? x * 4.0 : x;
        e = s ? e - 2 : e;
        s = x < 1.0;
        x = s ? x * 2.0 : x;
        e = s ? e - 1 : e;
        s = x > 1.4142135623730951;
        x = s ? x * 0.5 : x;
        e = s ? e + 1 : e;

        double d = x + 1.0;
        double r = 0.98506150004834470 - (0.23901599922648414 * d * one);
        r = r + (r * (1.0 - (d * r * one)) * one);
        r = r + (r * (1.0 - (d * r * one)) * one);
        r = r + (r * (1.0 - (d * r * one)) * one);
        r = r + (r * (1.0 - (d * r * one)) * one);
        double t = (x - 1.0) * r;
        double u = t * t;
        double p = 0.043478260869565216;
        p = 0.047619047619047616 + (p * u * one);
        p = 0.05263157894736842 + (p * u * one);
        p = 0.058823529411764705 + (p * u * one);
        p = 0.06666666666666667 + (p * u * one);
        p = 0.07692307692307693 + (p * u * one);
        p = 0.09090909090909091 + (p * u * one);
        p = 0.1111111111111111 + (p * u * one);
        p = 0.14285714285714285 + (p * u * one);
        p = 0.2 + (p * u * one);
        p = 0.3333333333333333 + (p * u * one);
        p = 1.0 + (p * u * one);
        double lnf = 2.0 * t * p;

        // ln 2 in two parts: e times the first is exact.
        return (lnf + (e * 1.9082149292705877e-10 * one)) + (e * 0.69314718036912382 * one);
    }

    /// <summary>The square root of <paramref name="x"/> for x = 0 or in [2^-64, 2^64).</summary>
    public static double Sqrt(double x, double one)
    {
        double scale = 1;
        bool s = x >= 4294967296.0;
        x = s ? x * 2.3283064365386963e-10 : x;
        scale = s ? scale * 65536.0 : scale;
        s = x >= 65536.0;
        x = s ? x * 1.52587890625e-05 : x;
        scale = s ? scale * 256.0 : scale;
        s = x >= 256.0;
        x = s ? x * 0.00390625 : x;
        scale = s ? scale * 16.0 : scale;
        s = x >= 16.0;
        x = s ? x * 0.0625 : x;
        scale = s ? scale * 4.0 : scale;
        s = x >= 4.0;
        x = s ? x * 0.25 : x;
        scale = s ? scale * 2.0 : scale;
        s = x < 9.3132257461547852e-10;
        x = s ? x * 4294967296.0 : x;
        scale = s ? scale * 1.52587890625e-05 : scale;
        s = x < 6.103515625e-05;
        x = s ? x * 65536.0 : x;
        scale = s ? scale * 0.00390625 : scale;
        s = x < 0.015625;
        x = s ? x * 256.0 : x;
        scale = s ? scale * 0.0625 : scale;
        s = x < 0.25;
        x = s ? x * 16.0 : x;
        scale = s ? scale * 0.25 : scale;
        s = x < 1.0;
        x = s ? x * 4.0 : x;
        scale = s ? scale * 0.5 : scale;
        s = x < 1.0;
        x = s ? x * 4.0 : x;
        scale = s ? scale * 0.5 : scale;

        double half = 0.5 * x;
        double y = 1.066 - (0.15212707445098640 * x * one);
        y = y * (1.5 - (half * (y * y) * one));
        y = y * (1.5 - (half * (y * y) * one));
        y = y * (1.5 - (half * (y * y) * one));
        y = y * (1.5 - (half * (y * y) * one));
        y = y * (1.5 - (half * (y * y) * one));
        return x * y * scale;
    }

    /// <summary>
    /// The sine and cosine of 2 pi (<paramref name="high"/> 2^26 + <paramref name="low"/>) / 2^53 (<paramref name="high"/>
    /// below 2^27, <paramref name="low"/> below 2^26), reduced exactly to an angle in [0, pi/4].
    /// </summary>
    public static void SinCosTurn(uint high, uint low, double one, out double sin, out double cos)
    {
        uint quadrant = high >> 25;
        double rest = ((high & 0x1FFFFFFu) * 67108864.0) + low;        // below 2^51: exact
        bool mirror = rest > 1125899906842624.0;                        // 2^50
        double steps = mirror ? 2251799813685248.0 - rest : rest;       // 2^51 - rest
        double x = steps * 6.975736996017264e-16;                      // pi/2 / 2^51 per step
        double z = x * x;
        double ps = 2.8114572543455206e-15;                             // 1/17!
        ps = -7.647163731819816e-13 + (ps * z * one);
        ps = 1.6059043836821613e-10 + (ps * z * one);
        ps = -2.505210838544172e-08 + (ps * z * one);
        ps = 2.7557319223985893e-06 + (ps * z * one);
        ps = -1.984126984126984e-04 + (ps * z * one);
        ps = 8.333333333333333e-03 + (ps * z * one);
        ps = -0.16666666666666666 + (ps * z * one);
        double sinX = x + (ps * z * x * one);
        double pc = -1.5619206968586225e-16;                            // -1/18!
        pc = 4.779477332387385e-14 + (pc * z * one);
        pc = -1.1470745597729725e-11 + (pc * z * one);
        pc = 2.08767569878681e-09 + (pc * z * one);
        pc = -2.755731922398589e-07 + (pc * z * one);
        pc = 2.48015873015873e-05 + (pc * z * one);
        pc = -1.388888888888889e-03 + (pc * z * one);
        pc = 4.1666666666666664e-02 + (pc * z * one);
        double cosX = (1.0 - (0.5 * z)) + (pc * z * z * one);
        double sinQ = mirror ? cosX : sinX;
        double cosQ = mirror ? sinX : cosX;
        bool swap = (quadrant & 1u) != 0u;
        double sinA = swap ? cosQ : sinQ;
        double cosA = swap ? sinQ : cosQ;
        sin = quadrant >= 2u ? -sinA : sinA;
        cos = quadrant == 1u || quadrant == 2u ? -cosA : cosA;
    }
}

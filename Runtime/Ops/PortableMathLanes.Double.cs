using System.Numerics;
using System.Runtime.CompilerServices;
using Tandem.Ops.Kernels;

namespace Tandem.Ops;

// PortableMath's float64 functions in SIMD lanes: the same operations in the same order.
internal static partial class PortableMathLanes
{
    /// <summary><see cref="PortableMath.Log(double, double)"/> of each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Log(Vector<double> x)
    {
        // The scalar function's exact scalings by powers of two, largest first, each where the lane needs it.
        Vector<double> e = Vector<double>.Zero;
        Count(ref x, ref e, Vector.GreaterThanOrEqual(x, new Vector<double>(4294967296.0)), 2.3283064365386963e-10, 32);
        Count(ref x, ref e, Vector.GreaterThanOrEqual(x, new Vector<double>(65536.0)), 1.52587890625e-05, 16);
        Count(ref x, ref e, Vector.GreaterThanOrEqual(x, new Vector<double>(256.0)), 0.00390625, 8);
        Count(ref x, ref e, Vector.GreaterThanOrEqual(x, new Vector<double>(16.0)), 0.0625, 4);
        Count(ref x, ref e, Vector.GreaterThanOrEqual(x, new Vector<double>(4.0)), 0.25, 2);
        Count(ref x, ref e, Vector.GreaterThanOrEqual(x, new Vector<double>(2.0)), 0.5, 1);
        Count(ref x, ref e, Vector.LessThan(x, new Vector<double>(4.6566128730773926e-10)), 4294967296.0, -32);
        Count(ref x, ref e, Vector.LessThan(x, new Vector<double>(3.0517578125e-05)), 65536.0, -16);
        Count(ref x, ref e, Vector.LessThan(x, new Vector<double>(0.0078125)), 256.0, -8);
        Count(ref x, ref e, Vector.LessThan(x, new Vector<double>(0.125)), 16.0, -4);
        Count(ref x, ref e, Vector.LessThan(x, new Vector<double>(0.5)), 4.0, -2);
        Count(ref x, ref e, Vector.LessThan(x, new Vector<double>(1.0)), 2.0, -1);
        Count(ref x, ref e, Vector.GreaterThan(x, new Vector<double>(1.4142135623730951)), 0.5, 1);

        Vector<double> one = new(1.0);
        Vector<double> d = x + one;
        Vector<double> r = new Vector<double>(0.98506150004834470) - (new Vector<double>(0.23901599922648414) * d);
        r += r * (one - (d * r));
        r += r * (one - (d * r));
        r += r * (one - (d * r));
        r += r * (one - (d * r));
        Vector<double> t = (x - one) * r;
        Vector<double> u = t * t;
        Vector<double> p = new(0.043478260869565216);
        p = new Vector<double>(0.047619047619047616) + (p * u);
        p = new Vector<double>(0.05263157894736842) + (p * u);
        p = new Vector<double>(0.058823529411764705) + (p * u);
        p = new Vector<double>(0.06666666666666667) + (p * u);
        p = new Vector<double>(0.07692307692307693) + (p * u);
        p = new Vector<double>(0.09090909090909091) + (p * u);
        p = new Vector<double>(0.1111111111111111) + (p * u);
        p = new Vector<double>(0.14285714285714285) + (p * u);
        p = new Vector<double>(0.2) + (p * u);
        p = new Vector<double>(0.3333333333333333) + (p * u);
        p = one + (p * u);
        Vector<double> lnf = new Vector<double>(2.0) * t * p;
        return (lnf + (e * new Vector<double>(1.9082149292705877e-10))) + (e * new Vector<double>(0.69314718036912382));
    }

    /// <summary><see cref="PortableMath.Sqrt(double, double)"/> of each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Sqrt(Vector<double> x)
    {
        Vector<double> scale = new(1.0);
        Scale(ref x, ref scale, Vector.GreaterThanOrEqual(x, new Vector<double>(4294967296.0)), 2.3283064365386963e-10, 65536.0);
        Scale(ref x, ref scale, Vector.GreaterThanOrEqual(x, new Vector<double>(65536.0)), 1.52587890625e-05, 256.0);
        Scale(ref x, ref scale, Vector.GreaterThanOrEqual(x, new Vector<double>(256.0)), 0.00390625, 16.0);
        Scale(ref x, ref scale, Vector.GreaterThanOrEqual(x, new Vector<double>(16.0)), 0.0625, 4.0);
        Scale(ref x, ref scale, Vector.GreaterThanOrEqual(x, new Vector<double>(4.0)), 0.25, 2.0);
        Scale(ref x, ref scale, Vector.LessThan(x, new Vector<double>(9.3132257461547852e-10)), 4294967296.0, 1.52587890625e-05);
        Scale(ref x, ref scale, Vector.LessThan(x, new Vector<double>(6.103515625e-05)), 65536.0, 0.00390625);
        Scale(ref x, ref scale, Vector.LessThan(x, new Vector<double>(0.015625)), 256.0, 0.0625);
        Scale(ref x, ref scale, Vector.LessThan(x, new Vector<double>(0.25)), 16.0, 0.25);
        Scale(ref x, ref scale, Vector.LessThan(x, new Vector<double>(1.0)), 4.0, 0.5);
        Scale(ref x, ref scale, Vector.LessThan(x, new Vector<double>(1.0)), 4.0, 0.5);

        Vector<double> half = new Vector<double>(0.5) * x;
        Vector<double> y = new Vector<double>(1.066) - (new Vector<double>(0.15212707445098640) * x);
        Vector<double> threeHalves = new(1.5);
        y *= threeHalves - (half * (y * y));
        y *= threeHalves - (half * (y * y));
        y *= threeHalves - (half * (y * y));
        y *= threeHalves - (half * (y * y));
        y *= threeHalves - (half * (y * y));
        return x * y * scale;
    }

    /// <summary>
    /// <see cref="PortableMath.SinCosTurn(uint, uint, double, out double, out double)"/> of each lane: <paramref name="high"/>
    /// below 2^27, <paramref name="low"/> below 2^26, each in a 64-bit lane.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SinCosTurn(Vector<ulong> high, Vector<ulong> low, out Vector<double> sin, out Vector<double> cos)
    {
        Vector<ulong> quadrant = Vector.ShiftRightLogical(high, 25);
        Vector<double> rest = (Vector.ConvertToDouble(high & new Vector<ulong>(0x1FFFFFFUL)) * new Vector<double>(67108864.0))
            + Vector.ConvertToDouble(low);
        Vector<long> mirror = Vector.GreaterThan(rest, new Vector<double>(1125899906842624.0));
        Vector<double> steps = Vector.ConditionalSelect(mirror, new Vector<double>(2251799813685248.0) - rest, rest);
        Vector<double> x = steps * new Vector<double>(6.975736996017264e-16);
        Vector<double> z = x * x;
        Vector<double> ps = new(2.8114572543455206e-15);
        ps = new Vector<double>(-7.647163731819816e-13) + (ps * z);
        ps = new Vector<double>(1.6059043836821613e-10) + (ps * z);
        ps = new Vector<double>(-2.505210838544172e-08) + (ps * z);
        ps = new Vector<double>(2.7557319223985893e-06) + (ps * z);
        ps = new Vector<double>(-1.984126984126984e-04) + (ps * z);
        ps = new Vector<double>(8.333333333333333e-03) + (ps * z);
        ps = new Vector<double>(-0.16666666666666666) + (ps * z);
        Vector<double> sinX = x + (ps * z * x);
        Vector<double> pc = new(-1.5619206968586225e-16);
        pc = new Vector<double>(4.779477332387385e-14) + (pc * z);
        pc = new Vector<double>(-1.1470745597729725e-11) + (pc * z);
        pc = new Vector<double>(2.08767569878681e-09) + (pc * z);
        pc = new Vector<double>(-2.755731922398589e-07) + (pc * z);
        pc = new Vector<double>(2.48015873015873e-05) + (pc * z);
        pc = new Vector<double>(-1.388888888888889e-03) + (pc * z);
        pc = new Vector<double>(4.1666666666666664e-02) + (pc * z);
        Vector<double> cosX = (new Vector<double>(1.0) - (new Vector<double>(0.5) * z)) + (pc * z * z);

        // As in the float32 function: the mirror and an odd quadrant swap sine and cosine; the quadrant gives the signs.
        Vector<long> exchange = Vector.Equals(mirror, Vector.AsVectorInt64(Vector.Equals(quadrant & Vector<ulong>.One, Vector<ulong>.Zero)));
        Vector<double> sinA = Vector.ConditionalSelect(exchange, cosX, sinX);
        Vector<double> cosA = Vector.ConditionalSelect(exchange, sinX, cosX);
        Vector<ulong> sign = new(0x8000_0000_0000_0000UL);
        Vector<ulong> sinSign = Vector.GreaterThanOrEqual(quadrant, new Vector<ulong>(2UL)) & sign;
        Vector<ulong> cosSign = (Vector.Equals(quadrant, Vector<ulong>.One) | Vector.Equals(quadrant, new Vector<ulong>(2UL))) & sign;
        sin = Vector.AsVectorDouble(Vector.AsVectorUInt64(sinA) ^ sinSign);
        cos = Vector.AsVectorDouble(Vector.AsVectorUInt64(cosA) ^ cosSign);
    }

    /// <summary><see cref="System.Math.Min(double, double)"/> of each lane: NaN when <paramref name="x"/> is, −0 below +0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Min(Vector<double> x, Vector<double> y)
    {
        Vector<long> takeX = Vector.LessThan(x, y) | ~Vector.Equals(x, x)
            | (Vector.Equals(x, y) & Vector.LessThan(Vector.AsVectorInt64(x), Vector<long>.Zero));
        return Vector.ConditionalSelect(takeX, x, y);
    }

    /// <summary>Where <paramref name="where"/>: <paramref name="x"/> times <paramref name="factor"/>, <paramref name="e"/> plus <paramref name="exponent"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Count(ref Vector<double> x, ref Vector<double> e, Vector<long> where, double factor, double exponent)
    {
        x = Vector.ConditionalSelect(where, x * factor, x);
        e = Vector.ConditionalSelect(where, e + new Vector<double>(exponent), e);
    }

    /// <summary>Where <paramref name="where"/>: <paramref name="x"/> times <paramref name="factor"/>, <paramref name="scale"/> times <paramref name="scaleFactor"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Scale(ref Vector<double> x, ref Vector<double> scale, Vector<long> where, double factor, double scaleFactor)
    {
        x = Vector.ConditionalSelect(where, x * factor, x);
        scale = Vector.ConditionalSelect(where, scale * scaleFactor, scale);
    }
}

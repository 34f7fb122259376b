using System.Numerics;
using System.Runtime.CompilerServices;
using Tandem.Ops.Kernels;

namespace Tandem.Ops;

/// <summary>
/// <see cref="PortableMath"/>'s functions in SIMD lanes (float32 here, float64 in <c>PortableMathLanes.Double.cs</c>),
/// for the CPU stream's random draws (<see cref="CpuRandom"/>): the same operations on the same constants in the same
/// order, so each lane's bits are the scalar function's. The scalar code's <c>* one</c> only keeps GPU compilers from fusing a product into a sum; here
/// each product and sum is its own vector instruction (.NET never contracts them into a fused multiply-add), and a
/// product by 1 is exact, so it is left out.
/// </summary>
internal static partial class PortableMathLanes
{
    /// <summary><see cref="PortableMath.Log(float, float)"/> of each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Log(Vector<float> x)
    {
        Vector<uint> bits = Vector.AsVectorUInt32(x);
        Vector<float> f = Mantissa(bits);
        Vector<float> e = Vector.ConvertToSingle(Vector.AsVectorInt32(Vector.ShiftRightLogical(bits, 23)) - new Vector<int>(127));
        Vector<int> s = Vector.GreaterThan(f, new Vector<float>(1.41421356f));
        f = Vector.ConditionalSelect(s, f * 0.5f, f);
        e = Vector.ConditionalSelect(s, e + new Vector<float>(1f), e);

        Vector<float> d = f + new Vector<float>(1f);
        Vector<float> r = new Vector<float>(0.98506150f) - (new Vector<float>(0.23901600f) * d);
        r += r * (new Vector<float>(1f) - (d * r));
        r += r * (new Vector<float>(1f) - (d * r));
        r += r * (new Vector<float>(1f) - (d * r));
        Vector<float> t = (f - new Vector<float>(1f)) * r;
        Vector<float> u = t * t;
        Vector<float> p = new(0.0909090909f);
        p = new Vector<float>(0.111111111f) + (p * u);
        p = new Vector<float>(0.142857143f) + (p * u);
        p = new Vector<float>(0.2f) + (p * u);
        p = new Vector<float>(0.333333333f) + (p * u);
        p = new Vector<float>(1f) + (p * u);
        Vector<float> lnf = new Vector<float>(2f) * t * p;
        return lnf + (e * new Vector<float>(0.693147181f));
    }

    /// <summary><see cref="PortableMath.Sqrt(float, float)"/> of each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Sqrt(Vector<float> x)
    {
        Vector<uint> bits = Vector.AsVectorUInt32(x);
        Vector<int> exponent = Vector.AsVectorInt32(Vector.ShiftRightLogical(bits, 23)) - new Vector<int>(127);
        Vector<int> odd = exponent & Vector<int>.One;
        Vector<float> mantissa = Mantissa(bits);
        Vector<float> m = Vector.ConditionalSelect(Vector.Equals(odd, Vector<int>.Zero), mantissa, mantissa * 2f);
        Vector<float> scale = Vector.AsVectorSingle(Vector.ShiftLeft(Vector.ShiftRightArithmetic(exponent - odd, 1) + new Vector<int>(127), 23));

        Vector<float> half = new Vector<float>(0.5f) * m;
        Vector<float> y = new Vector<float>(1.066f) - (new Vector<float>(0.15212707f) * m);
        y *= new Vector<float>(1.5f) - (half * (y * y));
        y *= new Vector<float>(1.5f) - (half * (y * y));
        y *= new Vector<float>(1.5f) - (half * (y * y));
        y *= new Vector<float>(1.5f) - (half * (y * y));
        return Vector.ConditionalSelect(Vector.Equals(x, Vector<float>.Zero), x, m * y * scale);
    }

    /// <summary><see cref="PortableMath.SinCosTurn(uint, float, out float, out float)"/> of each lane (turns below 2^24).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SinCosTurn(Vector<uint> turn, out Vector<float> sin, out Vector<float> cos)
    {
        Vector<uint> quadrant = Vector.ShiftRightLogical(turn, 22);
        Vector<uint> rest = turn & new Vector<uint>(0x3FFFFFu);
        Vector<uint> mirror = Vector.GreaterThan(rest, new Vector<uint>(0x200000u));
        Vector<uint> steps = Vector.ConditionalSelect(mirror, new Vector<uint>(0x400000u) - rest, rest);
        Vector<float> x = Vector.ConvertToSingle(Vector.AsVectorInt32(steps)) * 3.74507028e-07f;
        Vector<float> z = x * x;
        Vector<float> ps = new(-2.50521084e-08f);
        ps = new Vector<float>(2.75573192e-06f) + (ps * z);
        ps = new Vector<float>(-1.98412698e-04f) + (ps * z);
        ps = new Vector<float>(8.33333333e-03f) + (ps * z);
        ps = new Vector<float>(-0.166666667f) + (ps * z);
        Vector<float> sinX = x + (ps * z * x);
        Vector<float> pc = new(2.08767570e-09f);
        pc = new Vector<float>(-2.75573192e-07f) + (pc * z);
        pc = new Vector<float>(2.48015873e-05f) + (pc * z);
        pc = new Vector<float>(-1.38888889e-03f) + (pc * z);
        pc = new Vector<float>(4.16666667e-02f) + (pc * z);
        Vector<float> cosX = (new Vector<float>(1f) - (new Vector<float>(0.5f) * z)) + (pc * z * z);

        // The mirror swaps sine and cosine, so does an odd quadrant; quadrants 2, 3 negate the sine, 1, 2 the cosine.
        Vector<int> exchange = Vector.AsVectorInt32(Vector.Equals(mirror, Vector.Equals(quadrant & Vector<uint>.One, Vector<uint>.Zero)));
        Vector<float> sinA = Vector.ConditionalSelect(exchange, cosX, sinX);
        Vector<float> cosA = Vector.ConditionalSelect(exchange, sinX, cosX);
        Vector<uint> sign = new(0x8000_0000u);
        Vector<uint> sinSign = Vector.GreaterThanOrEqual(quadrant, new Vector<uint>(2u)) & sign;
        Vector<uint> cosSign = Vector.Equals(quadrant, Vector<uint>.One) | Vector.Equals(quadrant, new Vector<uint>(2u));
        sin = Vector.AsVectorSingle(Vector.AsVectorUInt32(sinA) ^ sinSign);
        cos = Vector.AsVectorSingle(Vector.AsVectorUInt32(cosA) ^ (cosSign & sign));
    }

    /// <summary><see cref="System.MathF.Min(float, float)"/> of each lane: NaN when <paramref name="x"/> is, −0 below +0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Min(Vector<float> x, Vector<float> y)
    {
        Vector<int> takeX = Vector.LessThan(x, y) | ~Vector.Equals(x, x)
            | (Vector.Equals(x, y) & Vector.LessThan(Vector.AsVectorInt32(x), Vector<int>.Zero));
        return Vector.ConditionalSelect(takeX, x, y);
    }

    /// <summary>The float in [1, 2) with the mantissa of <paramref name="bits"/>.</summary>
    private static Vector<float> Mantissa(Vector<uint> bits)
        => Vector.AsVectorSingle((bits & new Vector<uint>(0x7FFFFFu)) | new Vector<uint>(0x3F800000u));
}

using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Tandem.CompilerServices;

// Float sine and cosine computed in float: .NET's Vector256.Sin/Cos compute a float in double, which took two to four
// times as long. Cephes' sinf/cosf scheme: |x| = k·π/2 + r with |r| about π/4 at most, reduced by π/2 split into
// three floats (Cody–Waite) through fused multiply-adds, so that r keeps its digits where x is nearly a multiple of
// π/2; Cephes' polynomials for sin r and cos r; k's last two bits pick the polynomial and the sign. Within 2 ULP of
// MathF.Sin and MathF.Cos for every float of magnitude below 8·10⁵ (checked exhaustively). A vector with a lane beyond
// ReducibleLimit, or ±∞, takes .NET's form whole: it reduces any argument, and the test costs the others next to
// nothing. ±0 keeps its sign in sin; NaN stays NaN.
public static partial class VectorMath
{
    // Below 8e5 the float reduction keeps 2 ULP; this leaves a margin, and arguments this large are rare.
    private const float ReducibleLimit = 1e5f;

    private const float TwoOverPi = 0.636619747f;

    // π/2 = HalfPiHigh + HalfPiMiddle + HalfPiLow + O(2^-77).
    private const float HalfPiHigh = 1.57079637f;
    private const float HalfPiMiddle = -4.37113883e-8f;
    private const float HalfPiLow = -1.71512451e-15f;

    /// <summary>The sine of each lane.</summary>
    /// <param name="x">The arguments, in radians.</param>
    /// <returns>sin of each lane.</returns>
    public static Vector256<float> Sin(Vector256<float> x) =>
        Vector256.GreaterThanAny(Vector256.Abs(x), Vector256.Create(ReducibleLimit)) ? WideSin(x) : SinOrCos(x, cosine: false);

    /// <inheritdoc cref="Sin(Vector256{float})"/>
    public static Vector512<float> Sin(Vector512<float> x) =>
        Vector512.GreaterThanAny(Vector512.Abs(x), Vector512.Create(ReducibleLimit)) ? WideSin(x) : SinOrCos(x, cosine: false);

    /// <inheritdoc cref="Sin(Vector256{float})"/>
    public static Vector128<float> Sin(Vector128<float> x) =>
        Vector128.GreaterThanAny(Vector128.Abs(x), Vector128.Create(ReducibleLimit)) ? WideSin(x) : SinOrCos(x, cosine: false);

    /// <summary>The cosine of each lane.</summary>
    /// <param name="x">The arguments, in radians.</param>
    /// <returns>cos of each lane.</returns>
    public static Vector256<float> Cos(Vector256<float> x) =>
        Vector256.GreaterThanAny(Vector256.Abs(x), Vector256.Create(ReducibleLimit)) ? WideCos(x) : SinOrCos(x, cosine: true);

    /// <inheritdoc cref="Cos(Vector256{float})"/>
    public static Vector512<float> Cos(Vector512<float> x) =>
        Vector512.GreaterThanAny(Vector512.Abs(x), Vector512.Create(ReducibleLimit)) ? WideCos(x) : SinOrCos(x, cosine: true);

    /// <inheritdoc cref="Cos(Vector256{float})"/>
    public static Vector128<float> Cos(Vector128<float> x) =>
        Vector128.GreaterThanAny(Vector128.Abs(x), Vector128.Create(ReducibleLimit)) ? WideCos(x) : SinOrCos(x, cosine: true);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> SinOrCos(Vector512<float> x, bool cosine)
    {
        Vector512<float> a = Vector512.Abs(x);
        Vector512<float> k = Vector512.Round(a * Vector512.Create(TwoOverPi));
        Vector512<float> r = Vector512.FusedMultiplyAdd(k, Vector512.Create(-HalfPiHigh), a);
        r = Vector512.FusedMultiplyAdd(k, Vector512.Create(-HalfPiMiddle), r);
        r = Vector512.FusedMultiplyAdd(k, Vector512.Create(-HalfPiLow), r);
        Vector512<float> z = r * r;
        Vector512<float> s = Vector512.FusedMultiplyAdd(Vector512.Create(-1.9515295891E-4f), z, Vector512.Create(8.3321608736E-3f));
        s = Vector512.FusedMultiplyAdd(s, z, Vector512.Create(-1.6666654611E-1f));
        s = Vector512.FusedMultiplyAdd(s * z, r, r);
        Vector512<float> c = Vector512.FusedMultiplyAdd(Vector512.Create(2.443315711809948E-5f), z, Vector512.Create(-1.388731625493765E-3f));
        c = Vector512.FusedMultiplyAdd(c, z, Vector512.Create(4.166664568298827E-2f));
        c = Vector512.FusedMultiplyAdd(c * z, z, Vector512.FusedMultiplyAdd(Vector512.Create(-0.5f), z, Vector512<float>.One));

        // cos x = sin(x + π/2): one more quarter turn. Quarter turns 1 and 3 take the cosine, 2 and 3 negate it.
        Vector512<int> quarter = Vector512.ConvertToInt32Native(k) + Vector512.Create(cosine ? 1 : 0);
        Vector512<float> value = Vector512.ConditionalSelect(Vector512.Equals(quarter & Vector512<int>.One, Vector512<int>.Zero).AsSingle(), s, c);
        Vector512<float> sign = ((quarter << 30) & Vector512.Create(int.MinValue)).AsSingle();
        return value ^ (cosine ? sign : sign ^ (x & Vector512.Create(-0f)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> SinOrCos(Vector256<float> x, bool cosine)
    {
        Vector256<float> a = Vector256.Abs(x);
        Vector256<float> k = Vector256.Round(a * Vector256.Create(TwoOverPi));
        Vector256<float> r = Vector256.FusedMultiplyAdd(k, Vector256.Create(-HalfPiHigh), a);
        r = Vector256.FusedMultiplyAdd(k, Vector256.Create(-HalfPiMiddle), r);
        r = Vector256.FusedMultiplyAdd(k, Vector256.Create(-HalfPiLow), r);
        Vector256<float> z = r * r;
        Vector256<float> s = Vector256.FusedMultiplyAdd(Vector256.Create(-1.9515295891E-4f), z, Vector256.Create(8.3321608736E-3f));
        s = Vector256.FusedMultiplyAdd(s, z, Vector256.Create(-1.6666654611E-1f));
        s = Vector256.FusedMultiplyAdd(s * z, r, r);
        Vector256<float> c = Vector256.FusedMultiplyAdd(Vector256.Create(2.443315711809948E-5f), z, Vector256.Create(-1.388731625493765E-3f));
        c = Vector256.FusedMultiplyAdd(c, z, Vector256.Create(4.166664568298827E-2f));
        c = Vector256.FusedMultiplyAdd(c * z, z, Vector256.FusedMultiplyAdd(Vector256.Create(-0.5f), z, Vector256<float>.One));

        // cos x = sin(x + π/2): one more quarter turn. Quarter turns 1 and 3 take the cosine, 2 and 3 negate it.
        Vector256<int> quarter = Vector256.ConvertToInt32Native(k) + Vector256.Create(cosine ? 1 : 0);
        Vector256<float> value = Vector256.ConditionalSelect(Vector256.Equals(quarter & Vector256<int>.One, Vector256<int>.Zero).AsSingle(), s, c);
        Vector256<float> sign = ((quarter << 30) & Vector256.Create(int.MinValue)).AsSingle();
        return value ^ (cosine ? sign : sign ^ (x & Vector256.Create(-0f)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> SinOrCos(Vector128<float> x, bool cosine)
    {
        Vector128<float> a = Vector128.Abs(x);
        Vector128<float> k = Vector128.Round(a * Vector128.Create(TwoOverPi));
        Vector128<float> r = Vector128.FusedMultiplyAdd(k, Vector128.Create(-HalfPiHigh), a);
        r = Vector128.FusedMultiplyAdd(k, Vector128.Create(-HalfPiMiddle), r);
        r = Vector128.FusedMultiplyAdd(k, Vector128.Create(-HalfPiLow), r);
        Vector128<float> z = r * r;
        Vector128<float> s = Vector128.FusedMultiplyAdd(Vector128.Create(-1.9515295891E-4f), z, Vector128.Create(8.3321608736E-3f));
        s = Vector128.FusedMultiplyAdd(s, z, Vector128.Create(-1.6666654611E-1f));
        s = Vector128.FusedMultiplyAdd(s * z, r, r);
        Vector128<float> c = Vector128.FusedMultiplyAdd(Vector128.Create(2.443315711809948E-5f), z, Vector128.Create(-1.388731625493765E-3f));
        c = Vector128.FusedMultiplyAdd(c, z, Vector128.Create(4.166664568298827E-2f));
        c = Vector128.FusedMultiplyAdd(c * z, z, Vector128.FusedMultiplyAdd(Vector128.Create(-0.5f), z, Vector128<float>.One));

        // cos x = sin(x + π/2): one more quarter turn. Quarter turns 1 and 3 take the cosine, 2 and 3 negate it.
        Vector128<int> quarter = Vector128.ConvertToInt32Native(k) + Vector128.Create(cosine ? 1 : 0);
        Vector128<float> value = Vector128.ConditionalSelect(Vector128.Equals(quarter & Vector128<int>.One, Vector128<int>.Zero).AsSingle(), s, c);
        Vector128<float> sign = ((quarter << 30) & Vector128.Create(int.MinValue)).AsSingle();
        return value ^ (cosine ? sign : sign ^ (x & Vector128.Create(-0f)));
    }

    // Out of line: .NET's forms are large, and only vectors with a huge or infinite lane take them.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector512<float> WideSin(Vector512<float> x) => Vector512.Sin(x);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector256<float> WideSin(Vector256<float> x) => Vector256.Sin(x);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector128<float> WideSin(Vector128<float> x) => Vector128.Sin(x);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector512<float> WideCos(Vector512<float> x) => Vector512.Cos(x);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector256<float> WideCos(Vector256<float> x) => Vector256.Cos(x);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector128<float> WideCos(Vector128<float> x) => Vector128.Cos(x);
}

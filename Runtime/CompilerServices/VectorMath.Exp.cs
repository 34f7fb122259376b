using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Tandem.CompilerServices;

// Float e^x computed in float: .NET's VectorNNN.Exp computes a float in double, which took 2.4 times as long in
// 512-bit loops and 1.5 times in 256-bit ones (docs/PERFORMANCE.md). Cephes' expf: x = n·ln 2 + r with
// |r| ≤ ln 2 / 2 (ln 2 split in two, Cody–Waite, through fused multiply-adds) and a polynomial for e^r, then scaled
// by 2^n in two multiplications by powers of two (2^⌊n/2⌋ and the rest), each a normal float: exact while the result
// is normal, rounded once where it is subnormal, +∞ where it overflows and 0 where it underflows, with no branch and
// no lane depending on another. x is clamped first to where e^x rounds to 0 (-104) and overflows (89), so ±∞ need
// nothing of their own; NaN is put back at the end. Within 1 ULP of MathF.Exp for every float (checked exhaustively).
public static partial class VectorMath
{
    private const float Log2OfE = 1.44269504f;

    // ln 2 split in two (Cody–Waite): a float of 9 significant bits, so that y − n·Ln2High loses nothing, and the rest.
    private const float Ln2High = 0.693359375f;
    private const float Ln2Low = -2.12194440e-4f;

    // e^-104 is below half float's smallest subnormal (it rounds to 0), e^89 above float.MaxValue.
    private const float ExpClampLow = -104f;
    private const float ExpClampHigh = 89f;

    // A float's exponent bias: (k + 127) << 23 are the bits of 2^k.
    private const int ExponentBias = 127;

    /// <summary>e raised to each lane.</summary>
    /// <param name="x">The exponents.</param>
    /// <returns>e^x of each lane.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Exp(Vector512<float> x)
    {
        Vector512<float> y = Vector512.MinNative(Vector512.MaxNative(x, Vector512.Create(ExpClampLow)), Vector512.Create(ExpClampHigh));
        Vector512<float> n = Vector512.Round(y * Vector512.Create(Log2OfE));
        Vector512<float> r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2High), y);
        r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2Low), r);
        Vector512<float> p = Vector512.FusedMultiplyAdd(Vector512.Create(1.9875691500E-4f), r, Vector512.Create(1.3981999507E-3f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(8.3334519073E-3f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(4.1665795894E-2f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.6666665459E-1f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(5.0000001201E-1f));
        p = Vector512.FusedMultiplyAdd(p, r * r, r) + Vector512<float>.One;
        Vector512<int> k = Vector512.ConvertToInt32Native(n);
        Vector512<int> half = Vector512.ShiftRightArithmetic(k, 1);
        Vector512<float> e = p * ((half + Vector512.Create(ExponentBias)) << 23).AsSingle() * ((k - half + Vector512.Create(ExponentBias)) << 23).AsSingle();
        return Vector512.ConditionalSelect(Vector512.Equals(x, x), e, x);
    }

    /// <inheritdoc cref="Exp(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp(Vector256<float> x)
    {
        Vector256<float> y = Vector256.MinNative(Vector256.MaxNative(x, Vector256.Create(ExpClampLow)), Vector256.Create(ExpClampHigh));
        Vector256<float> n = Vector256.Round(y * Vector256.Create(Log2OfE));
        Vector256<float> r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-Ln2High), y);
        r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-Ln2Low), r);
        Vector256<float> p = Vector256.FusedMultiplyAdd(Vector256.Create(1.9875691500E-4f), r, Vector256.Create(1.3981999507E-3f));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(8.3334519073E-3f));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(4.1665795894E-2f));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.6666665459E-1f));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(5.0000001201E-1f));
        p = Vector256.FusedMultiplyAdd(p, r * r, r) + Vector256<float>.One;
        Vector256<int> k = Vector256.ConvertToInt32Native(n);
        Vector256<int> half = Vector256.ShiftRightArithmetic(k, 1);
        Vector256<float> e = p * ((half + Vector256.Create(ExponentBias)) << 23).AsSingle() * ((k - half + Vector256.Create(ExponentBias)) << 23).AsSingle();
        return Vector256.ConditionalSelect(Vector256.Equals(x, x), e, x);
    }

    /// <inheritdoc cref="Exp(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Exp(Vector128<float> x)
    {
        Vector128<float> y = Vector128.MinNative(Vector128.MaxNative(x, Vector128.Create(ExpClampLow)), Vector128.Create(ExpClampHigh));
        Vector128<float> n = Vector128.Round(y * Vector128.Create(Log2OfE));
        Vector128<float> r = Vector128.FusedMultiplyAdd(n, Vector128.Create(-Ln2High), y);
        r = Vector128.FusedMultiplyAdd(n, Vector128.Create(-Ln2Low), r);
        Vector128<float> p = Vector128.FusedMultiplyAdd(Vector128.Create(1.9875691500E-4f), r, Vector128.Create(1.3981999507E-3f));
        p = Vector128.FusedMultiplyAdd(p, r, Vector128.Create(8.3334519073E-3f));
        p = Vector128.FusedMultiplyAdd(p, r, Vector128.Create(4.1665795894E-2f));
        p = Vector128.FusedMultiplyAdd(p, r, Vector128.Create(1.6666665459E-1f));
        p = Vector128.FusedMultiplyAdd(p, r, Vector128.Create(5.0000001201E-1f));
        p = Vector128.FusedMultiplyAdd(p, r * r, r) + Vector128<float>.One;
        Vector128<int> k = Vector128.ConvertToInt32Native(n);
        Vector128<int> half = Vector128.ShiftRightArithmetic(k, 1);
        Vector128<float> e = p * ((half + Vector128.Create(ExponentBias)) << 23).AsSingle() * ((k - half + Vector128.Create(ExponentBias)) << 23).AsSingle();
        return Vector128.ConditionalSelect(Vector128.Equals(x, x), e, x);
    }
}

using System.Collections.Generic;

namespace Tandem.Generator.Emitting;

/// <summary>
/// HLSL functions that give C# semantics where HLSL's built-ins differ (remainder signs, NaN in min/max, Pow of a
/// negative base, Tanh overflow). The emitter includes only those a kernel uses.
/// </summary>
internal static class HlslHelpers
{
    public static readonly IReadOnlyDictionary<string, string> Sources = new Dictionary<string, string>
    {
        // C#'s % truncates toward zero (the sign of the dividend); HLSL's int % is OpSMod (the sign of the divisor).
        ["tandem_rem_int"] = "int tandem_rem_int(int a, int b) { return a - (a / b) * b; }",
        // HLSL's float % and fmod become OpFMod (the sign of the divisor); C# keeps the dividend's sign.
        ["tandem_rem_float"] = "float tandem_rem_float(float a, float b) { float r = fmod(a, b); return (r != 0.0f && (r < 0.0f) != (a < 0.0f)) ? r - b : r; }",
        ["tandem_rem_double"] = "double tandem_rem_double(double a, double b) { double r = fmod(a, b); return (r != 0.0L && (r < 0.0L) != (a < 0.0L)) ? r - b : r; }",
        // Math.Min/Max return NaN when either argument is NaN; SPIR-V's FMin/FMax may return the other one.
        ["tandem_min_float"] = "float tandem_min_float(float a, float b) { return (isnan(a) || isnan(b)) ? a + b : min(a, b); }",
        ["tandem_max_float"] = "float tandem_max_float(float a, float b) { return (isnan(a) || isnan(b)) ? a + b : max(a, b); }",
        ["tandem_min_double"] = "double tandem_min_double(double a, double b) { return (a != a || b != b) ? a + b : min(a, b); }",
        ["tandem_max_double"] = "double tandem_max_double(double a, double b) { return (a != a || b != b) ? a + b : max(a, b); }",
        // SPIR-V's Pow is undefined for a negative base or a zero base with y <= 0; C# follows IEEE pow.
        ["tandem_pow"] = """
            float tandem_pow(float x, float y)
            {
                if (y == 0.0f) return 1.0f;
                if (isnan(x) || isnan(y)) return x + y;
                if (isinf(y)) { float ax = abs(x); return ax == 1.0f ? 1.0f : (((ax > 1.0f) == (y > 0.0f)) ? asfloat(0x7f800000u) : 0.0f); }
                if (x > 0.0f) return pow(x, y);
                bool oddInteger = floor(y) == y && fmod(abs(y), 2.0f) == 1.0f;
                if (x == 0.0f) return y > 0.0f ? (oddInteger ? x : 0.0f) : (oddInteger && asuint(x) != 0u ? asfloat(0xff800000u) : asfloat(0x7f800000u));
                if (floor(y) != y) return asfloat(0x7fc00000u);
                float r = pow(-x, y);
                return oddInteger ? -r : r;
            }
            """,
        // tanh(x) = (e^2x - 1) / (e^2x + 1) overflows to NaN in some drivers for large |x|; tanh(15) is 1 in float.
        ["tandem_tanh"] = "float tandem_tanh(float x) { return isnan(x) ? x : tanh(clamp(x, -15.0f, 15.0f)); }",
    };
}

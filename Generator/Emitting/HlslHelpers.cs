using System.Collections.Generic;

namespace Tandem.Generator.Emitting;

/// <summary>
/// HLSL functions that give C# semantics where HLSL's built-ins differ (remainder signs, NaN in min/max, Pow of a
/// negative base, Tanh overflow). The emitter includes only those a kernel uses.
/// </summary>
internal static partial class HlslHelpers
{
    /// <summary>Each helper's HLSL source by name: these, those for long, ulong and Half, and the 64-bit wave operations.</summary>
    public static readonly IReadOnlyDictionary<string, string> Sources = Merge(new Dictionary<string, string>
    {
        // C#'s % truncates toward zero (the sign of the dividend); HLSL's int % is OpSMod (the sign of the divisor).
        ["tandem_rem_int"] = "int tandem_rem_int(int a, int b) { return a - (a / b) * b; }",
        // HLSL's float % and fmod become OpFMod (the sign of the divisor); C# keeps the dividend's sign.
        ["tandem_rem_float"] = "float tandem_rem_float(float a, float b) { float r = fmod(a, b); return (r != 0.0f && (r < 0.0f) != (a < 0.0f)) ? r - b : r; }",
        // glslc lowers double fmod to float: truncate the quotient with the double rounding helpers instead (exact while
        // the quotient has fewer than 53 integer bits). x % 0 and inf % y are NaN, x % inf is x, as in .NET.
        ["tandem_rem_double"] = """
            double tandem_rem_double(double a, double b)
            {
                if (b != 0.0L && b * 2.0L == b && tandem_sub_double(a, a) == 0.0L) return a;
                double q = a / b;
                precise double r = a - (q < 0.0L ? tandem_ceil_double(q) : tandem_floor_double(q)) * b;
                return r == 0.0L ? tandem_mul_double(a, 0.0L) : r;
            }
            """,
        // Math.Min/Max as .NET defines them: NaN when either argument is NaN (a + b keeps it), and -0 below +0, which
        // SPIR-V's FMin/FMax leave open. Equal zeros combine by IEEE addition: x + y is +0 unless both are -0 (Max), and
        // -((-x) + (-y)) is -0 unless both are +0 (Min). glslc lowers HLSL's double min/max to float (checked with
        // spirv-dis), so both widths use comparisons and the exact sums.
        ["tandem_min_float"] = "float tandem_min_float(float a, float b) { return a < b ? a : (b < a ? b : (a == b && a != 0.0f ? a : (a == b ? -tandem_add_float(-a, -b) : tandem_add_float(a, b)))); }",
        ["tandem_max_float"] = "float tandem_max_float(float a, float b) { return a > b ? a : (b > a ? b : (a == b && a != 0.0f ? a : tandem_add_float(a, b))); }",
        ["tandem_min_double"] = "double tandem_min_double(double a, double b) { return a < b ? a : (b < a ? b : (a == b && a != 0.0L ? a : (a == b ? -tandem_add_double(-a, -b) : tandem_add_double(a, b)))); }",
        ["tandem_max_double"] = "double tandem_max_double(double a, double b) { return a > b ? a : (b > a ? b : (a == b && a != 0.0L ? a : tandem_add_double(a, b))); }",
        // Round half to even: adding and subtracting 2^52 rounds |x| < 2^52 to an integer in round-to-nearest-even;
        // larger values, infinities and NaN are integral already. 'precise' keeps the compiler from folding it.
        ["tandem_round_double"] = """
            double tandem_round_double(double x)
            {
                if (!(abs(x) < 4503599627370496.0L)) return x;
                precise double big = x < 0.0L ? -4503599627370496.0L : 4503599627370496.0L;
                precise double r = (x + big) - big;
                return r == 0.0L ? tandem_mul_double(x, 0.0L) : r;
            }
            """,
        ["tandem_floor_double"] = "double tandem_floor_double(double x) { double r = tandem_round_double(x); return r > x ? r - 1.0L : r; }",
        // Ceiling of x in (-1, 0) is -0, as x * 0 gives (-1 + 1 would give +0).
        ["tandem_ceil_double"] = "double tandem_ceil_double(double x) { double r = tandem_round_double(x); return r < x ? (r == -1.0L ? tandem_mul_double(x, 0.0L) : r + 1.0L) : r; }",
        // A float estimate refined by two Newton steps (24 → 48 → 53 bits), the argument first scaled by powers of
        // 2^120 into float's range. (isinf on a double is lowered to float too: x * 2 == x tests infinity.)
        ["tandem_sqrt_double"] = """
            double tandem_sqrt_double(double x)
            {
                if (!(x > 0.0L) || x * 2.0L == x) return x < 0.0L ? asdouble(0u, 0xfff80000u) : x;
                double scale = 1.0L;
                while (x > 1.329227995784916e36L) { x *= 7.52316384526264e-37L; scale *= 1.152921504606847e18L; }
                while (x < 7.52316384526264e-37L) { x *= 1.329227995784916e36L; scale *= 8.673617379884035e-19L; }
                precise double y = (double)sqrt((float)x);
                y = 0.5L * (y + x / y);
                y = 0.5L * (y + x / y);
                return y * scale;
            }
            """,
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
    }, Merge(TypeSources(), Merge(ExactSources(), WaveSources())));

    /// <summary>Helpers that call other helpers, with those they call.</summary>
    private static readonly IReadOnlyDictionary<string, string[]> Dependencies = Merge(new Dictionary<string, string[]>
    {
        ["tandem_floor_double"] = new[] { "tandem_round_double" },
        ["tandem_ceil_double"] = new[] { "tandem_round_double", "tandem_mul_double" },
        ["tandem_rem_double"] = new[] { "tandem_floor_double", "tandem_ceil_double", "tandem_sub_double", "tandem_mul_double" },
        ["tandem_round_double"] = new[] { "tandem_mul_double" },
        ["tandem_min_float"] = new[] { "tandem_add_float" },
        ["tandem_max_float"] = new[] { "tandem_add_float" },
        ["tandem_min_double"] = new[] { "tandem_add_double" },
        ["tandem_max_double"] = new[] { "tandem_add_double" },
    }, Merge(TypeDependencies(), Merge(ExactDependencies(), WaveDependencies())));

    // The other part's tables are methods, not fields: static initializers of partial parts run in no defined order.
    private static Dictionary<string, T> Merge<T>(Dictionary<string, T> first, Dictionary<string, T> second)
    {
        foreach (var pair in second)
        {
            first.Add(pair.Key, pair.Value);
        }

        return first;
    }

    /// <summary><paramref name="helper"/> and every helper it calls, directly or not.</summary>
    public static IEnumerable<string> WithDependencies(string helper)
    {
        yield return helper;
        if (Dependencies.TryGetValue(helper, out var called))
        {
            foreach (var callee in called)
            {
                foreach (var dependency in WithDependencies(callee))
                {
                    yield return dependency;
                }
            }
        }
    }

    /// <summary>
    /// Where a helper goes among the others: after every helper it calls (HLSL needs a function declared before use),
    /// so its depth in the dependency graph.
    /// </summary>
    public static int DeclarationOrder(string helper)
    {
        var depth = 0;
        if (Dependencies.TryGetValue(helper, out var called))
        {
            foreach (var callee in called)
            {
                depth = System.Math.Max(depth, DeclarationOrder(callee) + 1);
            }
        }

        return depth;
    }
}

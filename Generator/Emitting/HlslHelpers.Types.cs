using System.Collections.Generic;

namespace Tandem.Generator.Emitting;

/// <summary>
/// Helpers for long, ulong and Half. glslc's HLSL front end (checked with shaderc 2023.2) has <c>uint64_t</c> but no
/// <c>int64_t</c>, no cast to <c>uint64_t</c> (only implicit conversions from int and uint), no 64-bit min/max/abs,
/// and it truncates 64-bit literals to 32 bits; so both 64-bit types are <c>uint64_t</c>, signed operations are
/// spelled out here, and constants are assembled from two 32-bit halves. Half values are their 16 bits in a uint,
/// converted in integer arithmetic exactly as System.Half converts (round to nearest even), so no device's float16
/// rounding mode or denormal flushing is involved.
/// </summary>
internal static partial class HlslHelpers
{
    private static Dictionary<string, string> TypeSources() => new()
    {
        ["tandem_u64"] = "uint64_t tandem_u64(uint hi, uint lo) { uint64_t h = hi; uint64_t l = lo; return (h << 32) | l; }",
        // Assignment converts (int sign-extends, uint zero-extends, as C# does); glslc refuses every cast to uint64_t.
        ["tandem_i32_to_64"] = "uint64_t tandem_i32_to_64(int v) { uint64_t r = v; return r; }",
        ["tandem_u32_to_64"] = "uint64_t tandem_u32_to_64(uint v) { uint64_t r = v; return r; }",
        ["tandem_i64_negative"] = "bool tandem_i64_negative(uint64_t a) { return (uint)(a >> 32) >= 0x80000000u; }",
        // Flipping the sign bit turns signed order into unsigned order: signed comparisons compare the keys.
        ["tandem_i64_key"] = "uint64_t tandem_i64_key(uint64_t a) { return a ^ tandem_u64(0x80000000u, 0u); }",
        // long.MinValue stays long.MinValue (C#'s Math.Abs throws there; a GPU cannot).
        ["tandem_abs_i64"] = "uint64_t tandem_abs_i64(uint64_t a) { return tandem_i64_negative(a) ? -a : a; }",
        // Truncating division on magnitudes, as C#; long.MinValue / -1 wraps to long.MinValue (C# throws OverflowException).
        ["tandem_div_i64"] = """
            uint64_t tandem_div_i64(uint64_t a, uint64_t b)
            {
                uint64_t q = tandem_abs_i64(a) / tandem_abs_i64(b);
                return tandem_i64_negative(a) != tandem_i64_negative(b) ? -q : q;
            }
            """,
        // The dividend's sign, as C#; long.MinValue % -1 is 0 (C# throws OverflowException).
        ["tandem_rem_i64"] = """
            uint64_t tandem_rem_i64(uint64_t a, uint64_t b)
            {
                uint64_t r = tandem_abs_i64(a) % tandem_abs_i64(b);
                return tandem_i64_negative(a) ? -r : r;
            }
            """,
        // Arithmetic shift from a logical one: complement negative values around it. n is already masked to 0..63.
        ["tandem_sar_i64"] = """
            uint64_t tandem_sar_i64(uint64_t a, int n)
            {
                uint64_t fill = tandem_i64_negative(a) ? tandem_u64(0xFFFFFFFFu, 0xFFFFFFFFu) : tandem_u64(0u, 0u);
                return ((a ^ fill) >> n) ^ fill;
            }
            """,
        ["tandem_min_i64"] = "uint64_t tandem_min_i64(uint64_t a, uint64_t b) { return tandem_i64_key(b) < tandem_i64_key(a) ? b : a; }",
        ["tandem_max_i64"] = "uint64_t tandem_max_i64(uint64_t a, uint64_t b) { return tandem_i64_key(b) > tandem_i64_key(a) ? b : a; }",
        ["tandem_min_u64"] = "uint64_t tandem_min_u64(uint64_t a, uint64_t b) { return b < a ? b : a; }",
        ["tandem_max_u64"] = "uint64_t tandem_max_u64(uint64_t a, uint64_t b) { return b > a ? b : a; }",
        // Math.Clamp's order of tests (C# throws when min > max; here the min test wins).
        ["tandem_clamp_i64"] = """
            uint64_t tandem_clamp_i64(uint64_t v, uint64_t lo, uint64_t hi)
            {
                return tandem_i64_key(v) < tandem_i64_key(lo) ? lo : (tandem_i64_key(v) > tandem_i64_key(hi) ? hi : v);
            }
            """,
        ["tandem_clamp_u64"] = "uint64_t tandem_clamp_u64(uint64_t v, uint64_t lo, uint64_t hi) { return v < lo ? lo : (v > hi ? hi : v); }",
        // Rounding to nearest even is symmetric, so converting the magnitude and negating equals a signed conversion.
        ["tandem_i64_to_float"] = "float tandem_i64_to_float(uint64_t a) { return tandem_i64_negative(a) ? -(float)(-a) : (float)a; }",
        ["tandem_i64_to_double"] = "double tandem_i64_to_double(uint64_t a) { return tandem_i64_negative(a) ? -(double)(-a) : (double)a; }",
        // .NET saturates float -> ulong (NaN and negatives give 0). Both halves are exact: f * 2^-32 scales by a power
        // of two, truncation keeps a float's integer part, and the remainder below 2^32 has at most 24 bits.
        ["tandem_float_to_u64"] = """
            uint64_t tandem_float_to_u64(float f)
            {
                if (!(f >= 1.0f)) return tandem_u64(0u, 0u);
                if (f >= 18446744073709551616.0f) return tandem_u64(0xFFFFFFFFu, 0xFFFFFFFFu);
                uint hi = (uint)(f * 2.3283064365386963e-10f);
                precise float rest = f - (float)hi * 4294967296.0f;
                uint lo = (uint)rest;
                return tandem_u64(hi, lo);
            }
            """,
        // isnan, not f != f: glslc's optimizer crashed (SIGSEGV) folding f != f on a NaN constant that came through the
        // Half helpers (fuzz seed 2000266).
        ["tandem_float_to_i64"] = """
            uint64_t tandem_float_to_i64(float f)
            {
                if (isnan(f)) return tandem_u64(0u, 0u);
                if (f >= 9223372036854775808.0f) return tandem_u64(0x7FFFFFFFu, 0xFFFFFFFFu);
                if (f <= -9223372036854775808.0f) return tandem_u64(0x80000000u, 0u);
                uint64_t m = tandem_float_to_u64(abs(f));
                return f < 0.0f ? -m : m;
            }
            """,
        ["tandem_double_to_u64"] = """
            uint64_t tandem_double_to_u64(double d)
            {
                if (!(d >= 1.0L)) return tandem_u64(0u, 0u);
                if (d >= 18446744073709551616.0L) return tandem_u64(0xFFFFFFFFu, 0xFFFFFFFFu);
                uint hi = (uint)(d * 2.3283064365386963e-10L);
                precise double rest = d - (double)hi * 4294967296.0L;
                uint lo = (uint)rest;
                return tandem_u64(hi, lo);
            }
            """,
        ["tandem_double_to_i64"] = """
            uint64_t tandem_double_to_i64(double d)
            {
                if (d != d) return tandem_u64(0u, 0u);
                if (d >= 9223372036854775808.0L) return tandem_u64(0x7FFFFFFFu, 0xFFFFFFFFu);
                if (d <= -9223372036854775808.0L) return tandem_u64(0x80000000u, 0u);
                uint64_t m = tandem_double_to_u64(d < 0.0L ? -d : d);
                return d < 0.0L ? -m : m;
            }
            """,
        // asdouble takes the low word first; uint64_t -> uint keeps the low 32 bits.
        ["tandem_bits_to_double"] = "double tandem_bits_to_double(uint64_t b) { return asdouble((uint)b, (uint)(b >> 32)); }",
        // Every Half is a float: exponent rebiased, mantissa shifted; subnormals are mantissa * 2^-24, exact in float.
        // NaNs come back quiet with their payload, as .NET's conversion does.
        ["tandem_f16_to_f32"] = """
            float tandem_f16_to_f32(uint h)
            {
                uint sign = (h & 0x8000u) << 16;
                uint exponent = (h >> 10) & 0x1Fu;
                uint mantissa = h & 0x3FFu;
                if (exponent == 0x1Fu) return asfloat(sign | 0x7F800000u | (mantissa << 13) | (mantissa != 0u ? 0x400000u : 0u));
                if (exponent != 0u) return asfloat(sign | ((exponent + 112u) << 23) | (mantissa << 13));
                return asfloat(sign | asuint((float)mantissa * 5.9604644775390625e-8f));
            }
            """,
        // Round to nearest even on the bits: the kept bits plus a carry that may run into the exponent (up to infinity).
        ["tandem_f32_to_f16"] = """
            uint tandem_f32_to_f16(float value)
            {
                uint bits = asuint(value);
                uint sign = (bits >> 16) & 0x8000u;
                uint exponent = (bits >> 23) & 0xFFu;
                uint mantissa = bits & 0x7FFFFFu;
                if (exponent == 0xFFu) return sign | (mantissa != 0u ? 0x7E00u | (mantissa >> 13) : 0x7C00u);
                if (exponent > 142u) return sign | 0x7C00u;
                if (exponent < 102u) return sign;
                bool normal = exponent >= 113u;
                uint m = normal ? mantissa : (mantissa | 0x800000u);
                uint shift = normal ? 13u : 126u - exponent;
                uint result = (normal ? (exponent - 112u) << 10 : 0u) + (m >> shift);
                uint rest = m & ((1u << shift) - 1u);
                uint halfway = 1u << (shift - 1u);
                if (rest > halfway || (rest == halfway && (result & 1u) != 0u)) result += 1u;
                return sign | result;
            }
            """,
        // .NET divides Half values as floats, correctly rounded; Vulkan's float division may be 2.5 ulp off. So the
        // significands (subnormals normalized) are divided as integers: 20 quotient bits plus a sticky bit for the
        // remainder round to Half exactly as the exact quotient does. Special values follow IEEE (and x64's NaN choice).
        ["tandem_div_f16"] = """
            uint tandem_div_f16(uint a, uint b)
            {
                uint sign = (a ^ b) & 0x8000u;
                uint absA = a & 0x7FFFu;
                uint absB = b & 0x7FFFu;
                if (absA > 0x7C00u || absB > 0x7C00u) return (absA > 0x7C00u ? a : b) | 0x200u;
                if ((absA == 0u && absB == 0u) || (absA == 0x7C00u && absB == 0x7C00u)) return 0xFE00u;
                if (absA == 0x7C00u || absB == 0u) return sign | 0x7C00u;
                if (absA == 0u || absB == 0x7C00u) return sign;
                int ea = (int)(absA >> 10);
                int eb = (int)(absB >> 10);
                uint ma = absA & 0x3FFu;
                uint mb = absB & 0x3FFu;
                if (ea == 0) { uint s = 10u - firstbithigh(ma); ma <<= s; ea = 1 - (int)s; } else { ma |= 0x400u; }
                if (eb == 0) { uint s = 10u - firstbithigh(mb); mb <<= s; eb = 1 - (int)s; } else { mb |= 0x400u; }
                uint numerator = ma << 20;
                uint q = numerator / mb;
                uint sticky = numerator - q * mb != 0u ? 1u : 0u;
                float scale = asfloat((uint)(ea - eb - 20 + 127) << 23);
                return sign | tandem_f32_to_f16((float)(q | sticky) * scale);
            }
            """,
        // Directly from double, as .NET does (through float would round twice). glslc lowers asuint(double) through
        // float, so the bits are out of reach: round with double arithmetic instead. Adding and subtracting ulp * 2^52
        // rounds to a multiple of the Half ulp, to nearest even; the float's exponent gives the ulp (when the float
        // rounded up to a power of two the ulp is twice too large, but the result is that power of two either way).
        ["tandem_f64_to_f16"] = """
            uint tandem_f64_to_f16(double value)
            {
                float narrow = (float)value;
                uint bits = asuint(narrow);
                uint sign = (bits >> 16) & 0x8000u;
                if (value != value) return tandem_f32_to_f16(narrow);
                double magnitude = value < 0.0L ? -value : value;
                if (magnitude >= 65536.0L) return sign | 0x7C00u;
                int exponent = max((int)((bits >> 23) & 0xFFu) - 127, -14);
                precise double big = asdouble(0u, (uint)(exponent - 10 + 52 + 1023) << 20);
                precise double rounded = (magnitude + big) - big;
                return sign | tandem_f32_to_f16((float)rounded);
            }
            """,
        // fmod is exact in .NET but not in Vulkan (x - y * trunc(x / y), and NaN for y infinite): the significands'
        // integer remainder, shifted up through the exponent difference 20 bits at a time, is exact. The result takes
        // the dividend's sign, as fmod does (also -0).
        ["tandem_rem_f16"] = """
            uint tandem_rem_f16(uint a, uint b)
            {
                uint absA = a & 0x7FFFu;
                uint absB = b & 0x7FFFu;
                if (absA > 0x7C00u || absB > 0x7C00u) return (absA > 0x7C00u ? a : b) | 0x200u;
                if (absA == 0x7C00u || absB == 0u) return 0xFE00u;
                if (absB == 0x7C00u || absA < absB) return a;
                int ea = (int)(absA >> 10);
                int eb = (int)(absB >> 10);
                uint ma = absA & 0x3FFu;
                uint mb = absB & 0x3FFu;
                if (ea == 0) { ea = 1; } else { ma |= 0x400u; }
                if (eb == 0) { eb = 1; } else { mb |= 0x400u; }
                uint r = ma % mb;
                for (int gap = ea - eb; gap > 0; gap -= 20)
                {
                    r = (r << (uint)min(gap, 20)) % mb;
                }

                return (a & 0x8000u) | tandem_f32_to_f16((float)r * asfloat((uint)(eb - 25 + 127) << 23));
            }
            """,
    };

    private static Dictionary<string, string[]> TypeDependencies() => new()
    {
        ["tandem_i64_key"] = new[] { "tandem_u64" },
        ["tandem_abs_i64"] = new[] { "tandem_i64_negative" },
        ["tandem_div_i64"] = new[] { "tandem_abs_i64", "tandem_i64_negative" },
        ["tandem_rem_i64"] = new[] { "tandem_abs_i64", "tandem_i64_negative" },
        ["tandem_sar_i64"] = new[] { "tandem_u64", "tandem_i64_negative" },
        ["tandem_min_i64"] = new[] { "tandem_i64_key" },
        ["tandem_max_i64"] = new[] { "tandem_i64_key" },
        ["tandem_clamp_i64"] = new[] { "tandem_i64_key" },
        ["tandem_i64_to_float"] = new[] { "tandem_i64_negative" },
        ["tandem_i64_to_double"] = new[] { "tandem_i64_negative" },
        ["tandem_float_to_u64"] = new[] { "tandem_u64" },
        ["tandem_float_to_i64"] = new[] { "tandem_u64", "tandem_float_to_u64" },
        ["tandem_double_to_u64"] = new[] { "tandem_u64" },
        ["tandem_double_to_i64"] = new[] { "tandem_u64", "tandem_double_to_u64" },
        ["tandem_div_f16"] = new[] { "tandem_f32_to_f16" },
        ["tandem_rem_f16"] = new[] { "tandem_f32_to_f16" },
        ["tandem_f64_to_f16"] = new[] { "tandem_f32_to_f16" },
    };
}

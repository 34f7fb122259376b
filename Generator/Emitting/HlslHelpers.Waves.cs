using System.Collections.Generic;

namespace Tandem.Generator.Emitting;

/// <summary>
/// Wave operations on long and ulong. glslc's HLSL front end has no 64-bit integer wave operations (<c>WaveActiveSum</c>
/// of a <c>uint64_t</c> comes back as a <c>double</c>; shaderc 2023.2), so these combine 32-bit pieces: the device
/// needs no <c>shaderSubgroupExtendedTypes</c> either.
/// </summary>
internal static partial class HlslHelpers
{
    private static Dictionary<string, string> WaveSources() => new()
    {
        // The sum modulo 2^64 (C#'s wrapping) from three chunks of 22, 22 and 20 bits: a chunk's sum over the at most
        // 128 lanes of a subgroup fits in 29 bits, and the shifted sums add up to the wrapped total.
        ["tandem_wave_sum_64"] = """
            uint64_t tandem_wave_sum_64(uint64_t v)
            {
                uint lo = (uint)v;
                uint hi = (uint)(v >> 32);
                uint64_t s0 = WaveActiveSum(lo & 0x3fffffu);
                uint64_t s1 = WaveActiveSum((lo >> 22) | ((hi & 0xfffu) << 10));
                uint64_t s2 = WaveActiveSum(hi >> 12);
                return s0 + (s1 << 22) + (s2 << 44);
            }
            """,
        // The extreme of the high halves (signed for long), then of the low halves among the lanes that hold it.
        ["tandem_wave_max_i64"] = WaveExtreme("max_i64", "int", "Max", "0u"),
        ["tandem_wave_min_i64"] = WaveExtreme("min_i64", "int", "Min", "0xffffffffu"),
        ["tandem_wave_max_u64"] = WaveExtreme("max_u64", "uint", "Max", "0u"),
        ["tandem_wave_min_u64"] = WaveExtreme("min_u64", "uint", "Min", "0xffffffffu"),
        ["tandem_wave_read_lane_64"] =
            "uint64_t tandem_wave_read_lane_64(uint64_t v, uint lane) { return tandem_u64(WaveReadLaneAt((uint)(v >> 32), lane), WaveReadLaneAt((uint)v, lane)); }",
    };

    private static Dictionary<string, string[]> WaveDependencies() => new()
    {
        ["tandem_wave_max_i64"] = new[] { "tandem_u64" },
        ["tandem_wave_min_i64"] = new[] { "tandem_u64" },
        ["tandem_wave_max_u64"] = new[] { "tandem_u64" },
        ["tandem_wave_min_u64"] = new[] { "tandem_u64" },
        ["tandem_wave_read_lane_64"] = new[] { "tandem_u64" },
    };

    private static string WaveExtreme(string name, string high, string op, string ignored) =>
        $"uint64_t tandem_wave_{name}(uint64_t v) {{ {high} hi = ({high})(uint)(v >> 32); {high} top = WaveActive{op}(hi); "
        + $"return tandem_u64((uint)top, WaveActive{op}(hi == top ? (uint)v : {ignored})); }}";
}

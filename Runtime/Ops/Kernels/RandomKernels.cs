using System;

namespace Tandem.Ops.Kernels;

/// <summary>
/// Counter-based random numbers: element <c>i</c> is a hash of (key, i), so the same key gives the same numbers on
/// any device and however the work is split. The hash is two rounds of the lowbias32 integer finalizer, keyed by the
/// two halves of the key between and before the rounds; a third round gives the second number Box–Muller needs.
/// </summary>
/// <remarks>
/// Kernels cannot call helper methods, so each kernel spells the rounds out. Vulkan has only 32-bit <c>log</c> and
/// <c>cos</c>: on the GPU the double normal is computed from them (TK0017); its uniform bits are exact everywhere.
/// </remarks>
internal static partial class RandomKernels
{
    private const uint Multiplier1 = 0x7feb352d;
    private const uint Multiplier2 = 0x846ca68b;
    private const uint SecondStream = 0x9e3779b9;
    private const float Float24BitUnit = 1f / 16777216f;
    private const double Double53BitUnit = 1.0 / 9007199254740992.0;
    private const double Double32BitUnit = 1.0 / 4294967296.0;

    [Kernel]
    public static void UniformFloat(int i, uint key0, uint key1, float low, float high, Span<float> output)
    {
        uint x = (uint)i ^ key0;
        x ^= x >> 16; x *= Multiplier1; x ^= x >> 15; x *= Multiplier2; x ^= x >> 16;
        x ^= key1;
        x ^= x >> 16; x *= Multiplier1; x ^= x >> 15; x *= Multiplier2; x ^= x >> 16;
        float unit = (x >> 8) * Float24BitUnit;
        output[i] = low + ((high - low) * unit);
    }

    [Kernel]
    public static void UniformDouble(int i, uint key0, uint key1, double low, double high, Span<double> output)
    {
        uint x = (uint)i ^ key0;
        x ^= x >> 16; x *= Multiplier1; x ^= x >> 15; x *= Multiplier2; x ^= x >> 16;
        x ^= key1;
        x ^= x >> 16; x *= Multiplier1; x ^= x >> 15; x *= Multiplier2; x ^= x >> 16;
        uint y = x ^ SecondStream;
        y ^= y >> 16; y *= Multiplier1; y ^= y >> 15; y *= Multiplier2; y ^= y >> 16;
        double unit = (((x >> 5) * 67108864.0) + (y >> 6)) * Double53BitUnit;
        output[i] = low + ((high - low) * unit);
    }

    [Kernel]
    public static void NormalFloat(int i, uint key0, uint key1, float mean, float std, Span<float> output)
    {
        uint x = (uint)i ^ key0;
        x ^= x >> 16; x *= Multiplier1; x ^= x >> 15; x *= Multiplier2; x ^= x >> 16;
        x ^= key1;
        x ^= x >> 16; x *= Multiplier1; x ^= x >> 15; x *= Multiplier2; x ^= x >> 16;
        uint y = x ^ SecondStream;
        y ^= y >> 16; y *= Multiplier1; y ^= y >> 15; y *= Multiplier2; y ^= y >> 16;

        // u1 in (0, 1] keeps the logarithm finite.
        float u1 = ((x >> 8) + 1) * Float24BitUnit;
        float u2 = (y >> 8) * Float24BitUnit;
        float radius = MathF.Sqrt(-2f * MathF.Log(u1));
        output[i] = mean + (std * radius * MathF.Cos(6.28318530717958647692f * u2));
    }

    [Kernel]
    public static void NormalDouble(int i, uint key0, uint key1, double mean, double std, Span<double> output)
    {
        uint x = (uint)i ^ key0;
        x ^= x >> 16; x *= Multiplier1; x ^= x >> 15; x *= Multiplier2; x ^= x >> 16;
        x ^= key1;
        x ^= x >> 16; x *= Multiplier1; x ^= x >> 15; x *= Multiplier2; x ^= x >> 16;
        uint y = x ^ SecondStream;
        y ^= y >> 16; y *= Multiplier1; y ^= y >> 15; y *= Multiplier2; y ^= y >> 16;
        double u1 = (x + 1.0) * Double32BitUnit;
        double u2 = y * Double32BitUnit;
        double radius = Math.Sqrt(-2.0 * Math.Log(u1));
        output[i] = mean + (std * radius * Math.Cos(6.28318530717958647692 * u2));
    }
}

using System;

namespace Tandem.Runtime.Tests.Kernels;

/// <summary>
/// BitConverter's reinterpretations inside kernels: element-wise, so the GPU's wide entry point and the CPU's SIMD loop
/// run them, and mixed with float arithmetic the way bit tricks use them (read the exponent field, build a power of
/// two from its bits), which must keep the SIMD loop.
/// </summary>
public static partial class BitConversionKernels
{
    [Kernel]
    public static void SingleBits(int i, ReadOnlySpan<float> x, ReadOnlySpan<int> bits, Span<int> signed, Span<uint> unsigned,
        Span<float> fromSigned, Span<float> fromUnsigned)
    {
        signed[i] = BitConverter.SingleToInt32Bits(x[i]);
        unsigned[i] = BitConverter.SingleToUInt32Bits(x[i]);
        fromSigned[i] = BitConverter.Int32BitsToSingle(bits[i]);
        fromUnsigned[i] = BitConverter.UInt32BitsToSingle((uint)bits[i]);
    }

    [Kernel]
    public static void DoubleFromBits(int i, ReadOnlySpan<long> bits, Span<double> fromSigned, Span<double> fromUnsigned)
    {
        fromSigned[i] = BitConverter.Int64BitsToDouble(bits[i]);
        fromUnsigned[i] = BitConverter.UInt64BitsToDouble((ulong)bits[i]);
    }

    /// <summary>The biased exponent field of x, and x times the power of two whose field mirrors it (254 - field).</summary>
    [Kernel]
    public static void ExponentMirror(int i, ReadOnlySpan<float> x, Span<int> exponent, Span<float> scaled)
    {
        int field = (BitConverter.SingleToInt32Bits(x[i]) >> 23) & 0xFF;
        exponent[i] = field;
        scaled[i] = x[i] * BitConverter.Int32BitsToSingle((254 - field) << 23);
    }
}

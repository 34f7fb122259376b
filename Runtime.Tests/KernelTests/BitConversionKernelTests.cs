using System;
using System.Linq;
using Tandem.Runtime.Tests.Infrastructure;
using Tandem.Runtime.Tests.Kernels;
using Xunit;

namespace Tandem.Runtime.Tests.KernelTests;

/// <summary>
/// BitConverter's reinterpretations in a kernel give the bits the direct C# call gives, on every device, for every
/// bit pattern: NaN payloads (quiet and signaling, either sign), negative zero, infinities and subnormals included,
/// which no arithmetic touches on the way (a comparison of values would let any NaN pass for any other).
/// </summary>
public sealed class BitConversionKernelTests
{
    private const int RandomCount = 1003; // whole vectors and a scalar tail on the CPU

    private static readonly int[] SpecialSingleBits =
    [
        0x7FC00000, 0x7FC00001, 0x7F800001, 0x7FBFFFFF, unchecked((int)0xFFC12345), unchecked((int)0xFF800001), // NaNs
        0x7F800000, unchecked((int)0xFF800000), 0, unchecked((int)0x80000000), // infinities, zeros
        1, 0x007FFFFF, unchecked((int)0x80000001), unchecked((int)0x807FFFFF), // subnormals
        0x00800000, 0x3F800000, unchecked((int)0xBF800000), 0x7F7FFFFF, unchecked((int)0xFF7FFFFF),
    ];

    private static readonly long[] SpecialDoubleBits =
    [
        0x7FF8000000000000, 0x7FF8000000000001, 0x7FF0000000000001, 0x7FF7FFFFFFFFFFFF, unchecked((long)0xFFF123456789ABCD), // NaNs
        0x7FF0000000000000, unchecked((long)0xFFF0000000000000), 0, long.MinValue, // infinities, zeros
        1, 0x000FFFFFFFFFFFFF, unchecked((long)0x8000000000000001), // subnormals
        0x0010000000000000, 0x3FF0000000000000, unchecked((long)0xBFF0000000000000), 0x7FEFFFFFFFFFFFFF, -1,
    ];

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void Single_reinterpretations_give_the_bits_of_the_direct_call(string device)
    {
        var random = new Random(71);
        int[] bits = [.. SpecialSingleBits, .. Enumerable.Range(0, RandomCount).Select(_ => random.Next(int.MinValue, int.MaxValue))];
        float[] x = [.. bits.Reverse().Select(BitConverter.Int32BitsToSingle)];
        var n = bits.Length;
        var (signed, unsigned, fromSigned, fromUnsigned) = (new int[n], new uint[n], new float[n], new float[n]);
        for (var i = 0; i < n; i++)
        {
            BitConversionKernels.SingleBits(i, x, bits, signed, unsigned, fromSigned, fromUnsigned);
        }

        using var signedArray = Mx.Zeros<int>([n]);
        using var unsignedArray = Mx.Zeros<uint>([n]);
        using var fromSignedArray = Mx.Zeros<float>([n]);
        using var fromUnsignedArray = Mx.Zeros<float>([n]);
        BitConversionKernels.SingleBits(n, Mx.Array(x), Mx.Array(bits), signedArray, unsignedArray, fromSignedArray, fromUnsignedArray,
            stream: TestDevices.Resolve(device));
        Assert.Equal(signed, signedArray.ToArray());
        Assert.Equal(unsigned, unsignedArray.ToArray());
        Assert.Equal(Bits(fromSigned), Bits(fromSignedArray.ToArray()));
        Assert.Equal(Bits(fromUnsigned), Bits(fromUnsignedArray.ToArray()));
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void Double_reinterpretations_give_the_bits_of_the_direct_call(string device)
    {
        var random = new Random(72);
        long[] bits = [.. SpecialDoubleBits, .. Enumerable.Range(0, RandomCount).Select(_ => random.NextInt64(long.MinValue, long.MaxValue))];
        var n = bits.Length;
        var (fromSigned, fromUnsigned) = (new double[n], new double[n]);
        for (var i = 0; i < n; i++)
        {
            BitConversionKernels.DoubleFromBits(i, bits, fromSigned, fromUnsigned);
        }

        using var fromSignedArray = Mx.Zeros<double>([n]);
        using var fromUnsignedArray = Mx.Zeros<double>([n]);
        BitConversionKernels.DoubleFromBits(n, Mx.Array(bits), fromSignedArray, fromUnsignedArray, stream: TestDevices.Resolve(device));
        Assert.Equal(Bits(fromSigned), Bits(fromSignedArray.ToArray()));
        Assert.Equal(Bits(fromUnsigned), Bits(fromUnsignedArray.ToArray()));
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void Bit_tricks_mixed_with_float_arithmetic_equal_the_direct_call(string device)
    {
        var random = new Random(73);
        // Normal numbers and infinities only: a device may flush a subnormal operand of arithmetic, and which NaN a
        // product of NaN gives is open.
        float[] x = [1f, -1f, 0.75f, 3e38f, -1e-37f, float.PositiveInfinity, float.NegativeInfinity,
            .. Enumerable.Range(0, RandomCount).Select(_ => BitConverter.Int32BitsToSingle(random.Next(0x01000000, 0x7E800000)) * (random.Next(2) * 2 - 1))];
        var n = x.Length;
        var (exponent, scaled) = (new int[n], new float[n]);
        for (var i = 0; i < n; i++)
        {
            BitConversionKernels.ExponentMirror(i, x, exponent, scaled);
        }

        using var exponentArray = Mx.Zeros<int>([n]);
        using var scaledArray = Mx.Zeros<float>([n]);
        BitConversionKernels.ExponentMirror(n, Mx.Array(x), exponentArray, scaledArray, stream: TestDevices.Resolve(device));
        Assert.Equal(exponent, exponentArray.ToArray());
        Assert.Equal(Bits(scaled), Bits(scaledArray.ToArray()));
    }

    private static int[] Bits(float[] values) => [.. values.Select(BitConverter.SingleToInt32Bits)];

    private static long[] Bits(double[] values) => [.. values.Select(BitConverter.DoubleToInt64Bits)];
}

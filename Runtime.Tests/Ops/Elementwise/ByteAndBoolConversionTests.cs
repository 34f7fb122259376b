using System;
using System.Linq;
using System.Numerics;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Ops.Elementwise;

/// <summary>
/// AsType to and from the 1-byte types on both devices, against C#'s own casts: to byte a float goes through int
/// (saturating, then wrapping: <c>(byte)300f</c> is 44), an integer wraps; to bool is "not zero" (NaN is true); from
/// byte and bool every value is exact.
/// </summary>
public sealed class ByteAndBoolConversionTests
{
    private static readonly double[] Values =
    [
        double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0, -0.0, 0.5, -0.5, 1, -1, 255, 255.9, 256, 300.75, -7.25,
        65504, 1e10, -1e10, 4294967296, (1L << 40) + 3,
    ];

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void Every_type_converts_to_byte_and_bool_as_CSharp_does(string device)
    {
        StreamOrDevice stream = TestDevices.Resolve(device);
        To<float>(stream, v => (byte)v, v => v != 0);
        To<double>(stream, v => (byte)v, v => v != 0);
        To<Half>(stream, v => (byte)v, v => v != Half.Zero);
        To<int>(stream, v => (byte)v, v => v != 0);
        To<uint>(stream, v => (byte)v, v => v != 0);
        To<long>(stream, v => (byte)v, v => v != 0);
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void Byte_and_bool_convert_to_every_type_exactly(string device)
    {
        StreamOrDevice stream = TestDevices.Resolve(device);
        byte[] bytes = Enumerable.Range(0, 256).Select(i => (byte)((i * 37) + 11)).ToArray();
        bool[] bools = bytes.Select(b => b % 3 == 0).ToArray();
        using Array<byte> byteArray = Mx.Array(bytes, [16, 16]);
        using Array<byte> byteView = byteArray[3..11, 5..];
        using Array<bool> boolArray = Mx.Array(bools, [16, 16]);
        using Array<bool> boolView = boolArray.T;
        byte[] viewBytes = byteView.ToArray();
        bool[] viewBools = boolView.ToArray();
        Assert.Equal(8 * 11, viewBytes.Length);

        From(byteView, viewBytes, b => (double)b, stream);
        From(boolView, viewBools, b => b ? 1.0 : 0.0, stream);
        using Array<bool> nonZero = byteView.AsType<bool>(stream);
        Assert.Equal(viewBytes.Select(b => b != 0), nonZero.ToArray());
        using Array<byte> ones = boolView.AsType<byte>(stream);
        Assert.Equal(viewBools.Select(b => b ? (byte)1 : (byte)0), ones.ToArray());
        using Array<byte> byteCopy = byteView.AsType<byte>(stream);
        Assert.Equal(viewBytes, byteCopy.ToArray());
        using Array<bool> boolCopy = boolView.AsType<bool>(stream);
        Assert.Equal(viewBools, boolCopy.ToArray());
    }

    private static void To<T>(StreamOrDevice stream, Func<T, byte> toByte, Func<T, bool> toBool) where T : unmanaged, INumber<T>
    {
        T[] values = ElementValues.IsInteger<T>()
            ? Values.Where(double.IsFinite).Select(v => T.CreateTruncating((long)v)).ToArray()
            : Values.Select(T.CreateTruncating).ToArray();
        using Array<T> source = Mx.Array(values);
        using Array<byte> bytes = source.AsType<byte>(stream);
        using Array<bool> bools = source.AsType<bool>(stream);
        Assert.Equal(values.Select(toByte), bytes.ToArray());
        Assert.Equal(values.Select(toBool), bools.ToArray());
    }

    private static void From<TFrom>(Array<TFrom> source, TFrom[] values, Func<TFrom, double> value, StreamOrDevice stream) where TFrom : unmanaged
    {
        Check<TFrom, float>(source, values, value, stream);
        Check<TFrom, double>(source, values, value, stream);
        Check<TFrom, Half>(source, values, value, stream);
        Check<TFrom, int>(source, values, value, stream);
        Check<TFrom, uint>(source, values, value, stream);
        Check<TFrom, long>(source, values, value, stream);
    }

    private static void Check<TFrom, TTo>(Array<TFrom> source, TFrom[] values, Func<TFrom, double> value, StreamOrDevice stream)
        where TFrom : unmanaged where TTo : unmanaged, INumber<TTo>
    {
        using Array<TTo> converted = source.AsType<TTo>(stream);
        Assert.Equal(source.Shape, converted.Shape);
        Assert.Equal(values.Select(v => TTo.CreateTruncating(value(v))), converted.ToArray());
    }
}

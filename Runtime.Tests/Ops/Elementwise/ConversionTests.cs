using System;
using System.Linq;
using System.Numerics;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Ops.Elementwise;

/// <summary>
/// AsType between every pair of element types on both devices, bit for bit against C#'s own conversions, on the edge
/// values: NaN, infinities, values past the target's range, halves, negative values into unsigned types.
/// </summary>
public sealed class ConversionTests
{
    private static readonly double[] FloatingEdges =
    [
        double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0, -0.0, 0.5, -0.5, 1.5, -1.5, 255.5, 300.75, -7.25,
        65504, 70000, 2147483520, 2147483648, -2147483648, -2147483904, 4294967040, 4294967296, 3e10, -3e10, 1e20, -1e20, 6e-5,
    ];

    private static readonly long[] IntegerEdges =
    [
        0, 1, -1, 255, 256, -129, 65504, 65520, int.MaxValue, int.MinValue, uint.MaxValue, 1L << 32, (1L << 32) + 5,
        -(1L << 40) - 3, (1L << 53) + 1, long.MaxValue, long.MinValue, 16_777_217, -16_777_217,
    ];

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void Every_pair_converts_as_CSharp_does(string device)
    {
        StreamOrDevice stream = TestDevices.Resolve(device);
        From<float>(stream);
        From<double>(stream);
        From<Half>(stream);
        From<int>(stream);
        From<uint>(stream);
        From<long>(stream);
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void A_view_converts_its_own_elements_and_the_same_type_is_a_copy(string device)
    {
        StreamOrDevice stream = TestDevices.Resolve(device);
        using Array<float> a = Mx.Array(Enumerable.Range(0, 12).Select(i => i - 5.5f).ToArray(), [3, 4]);
        using Array<float> t = a.T;
        using Array<int> ints = t.AsType<int>(stream);
        Assert.Equal(new[] { 4, 3 }, ints.Shape);
        Assert.Equal(t.ToArray().Select(v => (int)v), ints.ToArray());

        using Array<float> copy = t.AsType<float>(stream);
        Assert.NotSame(a.Buffer, copy.Buffer);
        Assert.Equal(t.ToArray(), copy.ToArray());
    }

    [Fact]
    public void An_unsupported_conversion_names_both_types()
    {
        using Array<float> a = Mx.Zeros([2]);
        var failure = Assert.Throws<NotSupportedException>(() => a.AsType<ulong>(Mx.Cpu));
        Assert.Contains("float32 to uint64", failure.Message, StringComparison.Ordinal);
    }

    private static void From<TFrom>(StreamOrDevice stream) where TFrom : unmanaged, INumber<TFrom>
    {
        TFrom[] values = ElementValues.IsInteger<TFrom>()
            ? IntegerEdges.Select(TFrom.CreateTruncating).ToArray()
            : FloatingEdges.Select(TFrom.CreateTruncating).ToArray();
        using Array<TFrom> source = Mx.Array(values);
        To<TFrom, float>(source, values, stream);
        To<TFrom, double>(source, values, stream);
        To<TFrom, Half>(source, values, stream);
        To<TFrom, int>(source, values, stream);
        To<TFrom, uint>(source, values, stream);
        To<TFrom, long>(source, values, stream);
    }

    private static void To<TFrom, TTo>(Array<TFrom> source, TFrom[] values, StreamOrDevice stream)
        where TFrom : unmanaged, INumber<TFrom> where TTo : unmanaged, INumber<TTo>
    {
        using Array<TTo> converted = source.AsType<TTo>(stream);
        TTo[] actual = converted.ToArray();
        TTo[] expected = values.Select(Convert<TFrom, TTo>).ToArray();
        for (int i = 0; i < values.Length; i++)
        {
            Assert.True(Same(expected[i], actual[i]),
                $"({typeof(TTo).Name}){typeof(TFrom).Name} {values[i]} gave {actual[i]}, C# gives {expected[i]}");
        }
    }

    /// <summary>C#'s explicit conversion: floating point to integer saturates (NaN to 0); anything else rounds or wraps.</summary>
    private static TTo Convert<TFrom, TTo>(TFrom value) where TFrom : INumber<TFrom> where TTo : INumber<TTo>
        => !ElementValues.IsInteger<TFrom>() && ElementValues.IsInteger<TTo>() ? TTo.CreateSaturating(value) : TTo.CreateTruncating(value);

    /// <summary>Equal bit for bit, any NaN matching any NaN.</summary>
    private static bool Same<T>(T expected, T actual) where T : INumber<T>
        => T.IsNaN(expected) ? T.IsNaN(actual) : expected == actual && T.IsNegative(expected) == T.IsNegative(actual);
}

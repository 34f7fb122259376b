using System;
using System.Linq;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Ops;

/// <summary>
/// Creation for every element type on both devices: Full, Ones, Zeros, Eye, the *Like creators, Arange and Linspace,
/// against values written out in C# (Arange and Linspace against a double reference, rounded once).
/// </summary>
public sealed class CreationTypesTests
{
    public static TheoryData<string> Devices() => TestDevices.All();

    [Theory]
    [MemberData(nameof(Devices))]
    public void Full_ones_and_eye_cover_every_element_type(string device)
    {
        Device on = TestDevices.Resolve(device);
        Check(on, 2.5f, -0f);
        Check(on, -1e300, double.NaN);
        Check(on, (Half)0.333f, Half.NegativeInfinity);
        Check(on, -7, int.MinValue);
        Check(on, 4_000_000_000u, 1u);
        Check(on, long.MaxValue - 3, -5L);
        Check(on, (byte)200, (byte)255);
        Check(on, true, false);
    }

    [Theory]
    [MemberData(nameof(Devices))]
    public void Eye_puts_ones_on_any_diagonal(string device)
    {
        Device on = TestDevices.Resolve(device);
        using Array<float> square = Mx.Eye(3, stream: on);
        Assert.Equal(new float[] { 1, 0, 0, 0, 1, 0, 0, 0, 1 }, square.ToArray());
        using Array<int> above = Mx.Eye<int>(2, 4, 1, on);
        Assert.Equal(new[] { 0, 1, 0, 0, 0, 0, 1, 0 }, above.ToArray());
        using Array<bool> below = Mx.Eye<bool>(3, 2, -1, on);
        Assert.Equal(new[] { false, false, true, false, false, true }, below.ToArray());
        using Array<byte> odd = Mx.Eye<byte>(5, stream: on);       // 25 bytes: the last word is partly padding
        Assert.Equal(Enumerable.Range(0, 25).Select(e => (byte)(e % 6 == 0 ? 1 : 0)), odd.ToArray());
        using Array<Half> tall = Mx.Eye<Half>(4, 2, -1, on);
        Assert.Equal(new[] { 0, 0, 1, 0, 0, 1, 0, 0 }.Select(v => (Half)v), tall.ToArray());
        using Array<long> wide = Mx.Eye<long>(37, 45, 3, on);   // rows longer than a SIMD vector, with a remainder
        Assert.Equal(Enumerable.Range(0, 37 * 45).Select(e => (e % 45) - (e / 45) == 3 ? 1L : 0L), wide.ToArray());
        using Array<double> none = Mx.Eye<double>(0, stream: on);
        using Array<float> noColumns = Mx.Eye<float>(3, 0, 0, on);
        Assert.Equal(new[] { 3, 0 }, noColumns.Shape);
        Assert.Equal(new[] { 0, 0 }, none.Shape);
        Assert.Throws<ArgumentOutOfRangeException>(() => Mx.Eye(-1));
    }

    [Theory]
    [MemberData(nameof(Devices))]
    public void Arange_covers_every_number_type(string device)
    {
        Device on = TestDevices.Resolve(device);
        using Array<Half> halves = Mx.Arange((Half)1, (Half)3, (Half)0.5f, on);
        Assert.Equal(new[] { 1f, 1.5f, 2f, 2.5f }, halves.ToArray().Select(h => (float)h));
        using Array<uint> unsigned = Mx.Arange(4_000_000_000u, 4_000_000_010u, 3u, on);
        Assert.Equal(new[] { 4_000_000_000u, 4_000_000_003u, 4_000_000_006u, 4_000_000_009u }, unsigned.ToArray());
        using Array<long> longs = Mx.Arange(10_000_000_000L, 9_999_999_990L, -4L, on);
        Assert.Equal(new[] { 10_000_000_000L, 9_999_999_996L, 9_999_999_992L }, longs.ToArray());
        using Array<byte> bytes = Mx.Arange((byte)3, (byte)250, (byte)7, on);
        Assert.Equal(Enumerable.Range(0, 36).Select(i => (byte)(3 + (7 * i))), bytes.ToArray());

        // Each float is start + i * step, the product rounded and then the sum, whatever the device.
        using Array<float> floats = Mx.Arange(0.1f, 3f, 0.3f, on);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => 0.1f + (i * 0.3f)), floats.ToArray());
        Assert.Throws<NotSupportedException>(() => Mx.Arange(false, true, true));
    }

    [Theory]
    [MemberData(nameof(Devices))]
    public void Linspace_spaces_evenly_and_ends_exactly_at_stop(string device)
    {
        Device on = TestDevices.Resolve(device);
        using Array<float> floats = Mx.Linspace(0, 1, 5, on);
        Assert.Equal(new[] { 0f, 0.25f, 0.5f, 0.75f, 1f }, floats.ToArray());

        using Array<double> doubles = Mx.Linspace(-1.0, 2.0, 7, on);
        double[] expected = Enumerable.Range(0, 7).Select(i => i == 6 ? 2.0 : -1.0 + (i * 0.5)).ToArray();
        Numerics.AssertExact(expected, doubles.ToArray());

        // A step that does not divide evenly: within an ULP of the exact value, and the last one exact.
        using Array<float> thirds = Mx.Linspace(0.1f, 0.9f, 13, on);
        float[] values = thirds.ToArray();
        double[] exact = Enumerable.Range(0, 13).Select(i => 0.1f + (i * (0.9 - 0.1f) / 12)).ToArray();
        Numerics.AssertUlps(exact.Select(x => (float)x).ToArray(), values, 2);
        Assert.Equal(0.9f, values[^1]);

        using Array<float> one = Mx.Linspace(3, 7, 1, on);
        Assert.Equal(new[] { 3f }, one.ToArray());
        using Array<float> none = Mx.Linspace(3, 7, 0, on);
        Assert.Empty(none.ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => Mx.Linspace(0, 1, -1));
    }

    [Fact]
    public void Like_creators_take_shape_and_type_from_a_view()
    {
        using Array<long> a = Mx.Arange(0L, 6L, 1L);
        using Array<long> matrix = a.Reshape(2, 3);
        using Array<long> view = matrix.T;
        using Array<long> zeros = Mx.ZerosLike(view);
        using Array<long> ones = Mx.OnesLike(view, Mx.Cpu);
        Assert.Equal(new[] { 3, 2 }, zeros.Shape);
        Assert.Equal(new long[6], zeros.ToArray());
        Assert.Equal(Enumerable.Repeat(1L, 6), ones.ToArray());
        Assert.Throws<ArgumentNullException>(() => Mx.ZerosLike<float>(null!));
    }

    private static void Check<T>(Device device, T value, T other) where T : unmanaged
    {
        // Odd lengths exercise the packed words' padding for 1-byte types.
        foreach (int[] shape in new[] { new[] { 7 }, new[] { 2, 3 }, Array.Empty<int>(), new[] { 0, 4 } })
        {
            int length = shape.Aggregate(1, (p, s) => p * s);
            using Array<T> full = Mx.Full(shape, value, device);
            Assert.Equal(shape, full.Shape);
            Assert.Equal(Enumerable.Repeat(value, length), full.ToArray());
            using Array<T> second = Mx.Full(shape, other, device);
            Assert.Equal(Enumerable.Repeat(other, length), second.ToArray());
            using Array<T> ones = Mx.Ones<T>(shape, device);
            Assert.Equal(Enumerable.Repeat(One<T>(), length), ones.ToArray());
            using Array<T> zeros = Mx.Zeros<T>(shape, device);
            Assert.Equal(Enumerable.Repeat(default(T), length), zeros.ToArray());
        }
    }

    private static T One<T>() where T : unmanaged => (T)(typeof(T) switch
    {
        var t when t == typeof(float) => (object)1f,
        var t when t == typeof(double) => 1d,
        var t when t == typeof(Half) => Half.One,
        var t when t == typeof(int) => 1,
        var t when t == typeof(uint) => 1u,
        var t when t == typeof(long) => 1L,
        var t when t == typeof(byte) => (byte)1,
        _ => true,
    });
}

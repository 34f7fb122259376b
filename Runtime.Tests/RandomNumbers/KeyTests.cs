using System;
using System.Linq;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.RandomNumbers;

/// <summary>
/// Keys: what Key and Split make, that a seed and its key array are one key, that any view of two elements serves, and
/// the numbers of key 0 pinned bit for bit on both devices (they change only with a note in docs/RANDOM.md).
/// </summary>
public sealed class KeyTests
{
    public static TheoryData<string> Devices() => TestDevices.All();

    [Fact]
    public void A_key_is_two_words_and_a_seed_is_the_same_key()
    {
        using Array<uint> key = Mx.Random.Key(0x0123456789ABCDEFUL);
        Assert.Equal(new[] { 2 }, key.Shape);
        Assert.Equal(new[] { 0x01234567u, 0x89ABCDEFu }, key.ToArray());
        using Array<uint> negative = Mx.Random.Key(-1);
        Assert.Equal(new[] { uint.MaxValue, uint.MaxValue }, negative.ToArray());

        using Array<float> fromSeed = Mx.Random.Normal([9], key: 0x0123456789ABCDEFUL, stream: Mx.Cpu);
        using Array<float> fromArray = Mx.Random.Normal([9], key: key, stream: Mx.Cpu);
        Assert.Equal(fromSeed.ToArray(), fromArray.ToArray());
    }

    [Fact]
    public void Any_view_of_two_words_is_a_key()
    {
        using Array<uint> words = Mx.Array(new uint[] { 9, 5, 7, 11 });
        using Array<uint> pair = words[1..3];                                  // 5, 7 at an offset
        using Array<uint> matrix = words.Reshape(2, 2);
        using Array<uint> column = matrix[.., 1];                              // 5, 11 with stride 2
        using Array<uint> standing = pair.Reshape(2, 1);

        Assert.Equal(Draw(Mx.Array(new uint[] { 5, 7 })), Draw(pair));
        Assert.Equal(Draw(Mx.Array(new uint[] { 5, 11 })), Draw(column));
        Assert.Equal(Draw(pair), Draw(standing));
        Assert.NotEqual(Draw(pair), Draw(column));

        static int[] Draw(Array<uint> key) => Mx.Random.RandInt(0, 1000, [8], key, Mx.Cpu).ToArray();
    }

    [Fact]
    public void Split_makes_distinct_keys_and_repeats()
    {
        using Array<uint> key = Mx.Random.Key(5);
        using Array<uint> keys = Mx.Random.Split(key, 4);
        using Array<uint> again = Mx.Random.Split(key, 4);
        using Array<uint> pair = Mx.Random.Split(key);
        Assert.Equal(new[] { 4, 2 }, keys.Shape);
        Assert.Equal(keys.ToArray(), again.ToArray());
        Assert.Equal(keys.ToArray().Take(4), pair.ToArray());
        uint[][] rows = Enumerable.Range(0, 4).Select(i => keys[i].ToArray()).Append(key.ToArray()).ToArray();
        Assert.Equal(5, rows.Select(r => ((ulong)r[0] << 32) | r[1]).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Devices))]
    public void The_numbers_of_key_0_are_pinned(string device)
    {
        // Philox4x32-10 block 0 of key (0, 0) is 6627e8d5 e169c58d bc57ac4c 9b00dbd8 (Random123's known answer).
        Device on = TestDevices.Resolve(device);
        using Array<uint> key = Mx.Random.Key(0);
        Assert.Equal(new uint[] { 0x3ecc4fd0, 0x3f6169c5, 0x3f3c57ac, 0x3f1b00db, 0x3f78e4cc, 0x3eb96400 },
            Mx.Random.Uniform([6], key: key, stream: on).ToArray().Select(BitConverter.SingleToUInt32Bits));
        Assert.Equal(new uint[] { 0x3f7dbb2f, 0xbf6cb6b3, 0xbf1e1ba0, 0xbef6d1a8, 0xbe1d534f, 0x3e392a6b },
            Mx.Random.Normal([6], key: key, stream: on).ToArray().Select(BitConverter.SingleToUInt32Bits));
        Assert.Equal(new ulong[] { 0x3fd989fa370b4e2c, 0x3fe78af58a6c036f, 0x3fef1c999572c803 },
            Mx.Random.Uniform([3], 0.0, 1.0, key: key, stream: on).ToArray().Select(BitConverter.DoubleToUInt64Bits));
        Assert.Equal(new ulong[] { 0xbfbf1bcd1a2003c4, 0xbff599bbd8432448, 0xbfb4f5b550f3ae82 },
            Mx.Random.Normal([3], 0.0, 1.0, key: key, stream: on).ToArray().Select(BitConverter.DoubleToUInt64Bits));
        Assert.Equal(new[] { 39, 88, 73, 60, 97, 36, 69, 3 }, Mx.Random.RandInt(0, 100, [8], key: key, stream: on).ToArray());
        Assert.Equal(new[] { true, false, false, false, false, true, false, true }, Mx.Random.Bernoulli(0.5f, [8], key: key, stream: on).ToArray());
        Assert.Equal(new uint[] { 0x2dce73e5, 0x1348e23f, 0xe9535be3, 0x510c4549 }, Mx.Random.Split(key, 2, on).ToArray());
    }

    [Fact]
    public void Bad_arguments_throw_naming_the_op()
    {
        using Array<uint> three = Mx.Array(new uint[] { 1, 2, 3 });
        string message = Assert.Throws<ArgumentException>(() => Mx.Random.Normal([4], key: three)).Message;
        Assert.Contains("Mx.Random.Normal", message, StringComparison.Ordinal);
        Assert.Contains("[3]", message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Mx.Random.Split(three));
        Assert.Throws<ArgumentOutOfRangeException>(() => Mx.Random.Split(Mx.Random.Key(1), 0));
        Assert.Throws<ArgumentException>(() => Mx.Random.RandInt(5, 5, [3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Mx.Random.Bernoulli(1.5f, [3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Mx.Random.Bernoulli(float.NaN, [3]));
        Assert.Throws<ArgumentNullException>(() => RandomKey.FromArray(null!));
        using Array<uint> disposed = Mx.Random.Key(3);
        disposed.Dispose();
        Assert.Throws<ObjectDisposedException>(() => Mx.Random.Uniform([2], key: disposed));
    }
}

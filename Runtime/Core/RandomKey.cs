using System;

namespace Tandem;

/// <summary>
/// What a <c>key:</c> argument of <see cref="Mx.Random"/> accepts: a key array (an <c>Array&lt;uint&gt;</c> of two
/// elements, from <see cref="Mx.Random.Key(ulong)"/> or a row of <see cref="Mx.Random.Split"/>) or a 64-bit seed.
/// Both convert implicitly, so pass either: <c>key: Mx.Random.Key(42)</c>, <c>key: keys[1]</c>, <c>key: 42</c>.
/// </summary>
/// <remarks>
/// A seed is the same key as the array <c>Mx.Random.Key(seed)</c>: <c>[seed &gt;&gt; 32, seed &amp; 0xFFFFFFFF]</c>.
/// A key array is read by the kernel on the device, so a key another op is still writing needs no host wait.
/// </remarks>
public sealed class RandomKey
{
    private RandomKey(Array<uint>? array, ulong seed)
    {
        Array = array;
        Seed = seed;
    }

    /// <summary>The key array, or null for a seed.</summary>
    internal Array<uint>? Array { get; }

    /// <summary>The seed, when <see cref="Array"/> is null.</summary>
    internal ulong Seed { get; }

    /// <summary>A key array: two <c>uint</c> elements.</summary>
    /// <param name="key">The key.</param>
    public static implicit operator RandomKey(Array<uint> key) => FromArray(key);

    /// <summary>A seed: the same key as <c>Mx.Random.Key(seed)</c>.</summary>
    /// <param name="seed">The seed.</param>
    public static implicit operator RandomKey(ulong seed) => FromSeed(seed);

    /// <summary>A key array: two <c>uint</c> elements.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The key argument.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    public static RandomKey FromArray(Array<uint> key) => new(key ?? throw new ArgumentNullException(nameof(key)), 0);

    /// <summary>A seed: the same key as <c>Mx.Random.Key(seed)</c>.</summary>
    /// <param name="seed">The seed.</param>
    /// <returns>The key argument.</returns>
    public static RandomKey FromSeed(ulong seed) => new(null, seed);
}

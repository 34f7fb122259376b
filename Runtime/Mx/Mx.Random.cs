using System;
using Tandem.Ops;

namespace Tandem;

public static partial class Mx
{
    /// <summary>
    /// Random numbers from a counter-based generator (Philox4x32-10), keyed like MLX's and JAX's: element <c>i</c> of a
    /// draw depends only on the key and <c>i</c>, so the same key gives the same bits on the CPU and the GPU, in every
    /// run, and a longer array of the same key starts with a shorter one's numbers. Each draw takes an optional
    /// <c>key:</c> (a key array or a seed, see <see cref="RandomKey"/>); without one it takes the next key of a global
    /// sequence that <see cref="Seed"/> restarts. The numbers of a key and shape stay the same across versions unless
    /// <c>docs/RANDOM.md</c> records a change.
    /// </summary>
    /// <remarks>
    /// Draws of different kinds with one key share its bits (a <c>Uniform</c> and a <c>Bernoulli</c> of the same key are
    /// not independent): <see cref="Split"/> a key to get independent ones.
    /// </remarks>
    public static class Random
    {
        /// <summary>Restarts the global key sequence, so the following draws without a key repeat.</summary>
        /// <param name="seed">The seed.</param>
        public static void Seed(ulong seed) => RandomKeys.Seed(seed);

        /// <summary>A key: the array <c>[seed &gt;&gt; 32, seed &amp; 0xFFFFFFFF]</c> of two <c>uint</c>, as MLX's <c>random.key</c>.</summary>
        /// <param name="seed">The seed.</param>
        /// <returns>A new array of shape [2].</returns>
        public static Array<uint> Key(ulong seed)
        {
            (uint first, uint second) = RandomKeys.Words(seed);
            return Mx.Array(new[] { first, second });
        }

        /// <summary>A key from a signed seed: its 64 bits, as <see cref="Key(ulong)"/> takes them.</summary>
        /// <param name="seed">The seed.</param>
        /// <returns>A new array of shape [2].</returns>
        public static Array<uint> Key(long seed) => Key(unchecked((ulong)seed));

        /// <summary>
        /// <paramref name="count"/> new keys derived from <paramref name="key"/>, independent of it and of each other,
        /// as MLX's <c>random.split</c>: row <c>i</c> is a key (<c>keys[i]</c>).
        /// </summary>
        /// <param name="key">The key to split: an array of two <c>uint</c> (it may still be being written: the kernel reads it).</param>
        /// <param name="count">How many keys (MLX's <c>num</c>).</param>
        /// <param name="stream">Where the op runs.</param>
        /// <returns>A new array of shape [count, 2].</returns>
        /// <exception cref="ArgumentException"><paramref name="key"/> does not hold two elements.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than 1.</exception>
        public static Array<uint> Split(Array<uint> key, int count = 2, StreamOrDevice stream = default)
        {
            OpArguments.RequireUsable(key, "Random.Split", nameof(key));
            return RandomDraws.Split(key, count, stream);
        }

        /// <summary>float32 numbers drawn uniformly from [<paramref name="low"/>, <paramref name="high"/>).</summary>
        /// <param name="shape">The shape.</param>
        /// <param name="low">The lower bound (included).</param>
        /// <param name="high">The upper bound (excluded: a value that would round to it becomes the float below it).</param>
        /// <param name="key">The key (an array or a seed); null takes the next global key.</param>
        /// <param name="stream">Where the op runs.</param>
        /// <returns>The array: <c>low + (high - low) * u</c>, u a multiple of 2^-24 in [0, 1).</returns>
        /// <remarks>Integer bounds pick this overload, as MLX's default type is float32.</remarks>
        public static Array<float> Uniform(ReadOnlySpan<int> shape, float low = 0, float high = 1, RandomKey? key = null,
            StreamOrDevice stream = default)
            => RandomDraws.Uniform(shape, low, high, key, stream);

        /// <summary>float64 numbers drawn uniformly from [<paramref name="low"/>, <paramref name="high"/>).</summary>
        /// <param name="shape">The shape.</param>
        /// <param name="low">The lower bound (included).</param>
        /// <param name="high">The upper bound (excluded: a value that would round to it becomes the double below it).</param>
        /// <param name="key">The key (an array or a seed); null takes the next global key.</param>
        /// <param name="stream">Where the op runs.</param>
        /// <returns>The array: <c>low + (high - low) * u</c>, u a multiple of 2^-53 in [0, 1).</returns>
        public static Array<double> Uniform(ReadOnlySpan<int> shape, double low, double high, RandomKey? key = null,
            StreamOrDevice stream = default)
            => RandomDraws.Uniform(shape, low, high, key, stream);

        /// <summary>float32 numbers drawn from a normal distribution (Box-Muller).</summary>
        /// <param name="shape">The shape.</param>
        /// <param name="mean">The mean (MLX's <c>loc</c>).</param>
        /// <param name="std">The standard deviation (MLX's <c>scale</c>).</param>
        /// <param name="key">The key (an array or a seed); null takes the next global key.</param>
        /// <param name="stream">Where the op runs.</param>
        /// <returns>The array. Standard values stay within ±5.77 (the radius comes from a 24-bit uniform).</returns>
        public static Array<float> Normal(ReadOnlySpan<int> shape, float mean = 0, float std = 1, RandomKey? key = null,
            StreamOrDevice stream = default)
            => RandomDraws.Normal(shape, mean, std, key, stream);

        /// <summary>float64 numbers drawn from a normal distribution (Box-Muller, 53-bit uniforms).</summary>
        /// <param name="shape">The shape.</param>
        /// <param name="mean">The mean.</param>
        /// <param name="std">The standard deviation.</param>
        /// <param name="key">The key (an array or a seed); null takes the next global key.</param>
        /// <param name="stream">Where the op runs.</param>
        /// <returns>The array. Standard values stay within ±8.57.</returns>
        public static Array<double> Normal(ReadOnlySpan<int> shape, double mean, double std, RandomKey? key = null,
            StreamOrDevice stream = default)
            => RandomDraws.Normal(shape, mean, std, key, stream);

        /// <summary>int32 numbers drawn uniformly from [<paramref name="low"/>, <paramref name="high"/>), as MLX's <c>random.randint</c>.</summary>
        /// <param name="low">The lowest value.</param>
        /// <param name="high">One past the highest value; more than <paramref name="low"/>.</param>
        /// <param name="shape">The shape.</param>
        /// <param name="key">The key (an array or a seed); null takes the next global key.</param>
        /// <param name="stream">Where the op runs.</param>
        /// <returns>The array. Each value is <c>low + floor(w * (high - low) / 2^32)</c> for a 32-bit word w: a value's
        /// probability is off by at most (high - low) / 2^32 relative.</returns>
        /// <exception cref="ArgumentException"><paramref name="high"/> is not more than <paramref name="low"/>.</exception>
        public static Array<int> RandInt(int low, int high, ReadOnlySpan<int> shape, RandomKey? key = null, StreamOrDevice stream = default)
            => RandomDraws.RandInt(low, high, shape, key, stream);

        /// <summary>bool values, each true with probability <paramref name="p"/>, as MLX's <c>random.bernoulli</c>.</summary>
        /// <param name="p">The probability of true, in [0, 1].</param>
        /// <param name="shape">The shape.</param>
        /// <param name="key">The key (an array or a seed); null takes the next global key.</param>
        /// <param name="stream">Where the op runs.</param>
        /// <returns>The array: true where a float32 uniform (as <see cref="Uniform(ReadOnlySpan{int}, float, float, RandomKey?, StreamOrDevice)"/>) is below p.</returns>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is outside [0, 1].</exception>
        public static Array<bool> Bernoulli(float p, ReadOnlySpan<int> shape, RandomKey? key = null, StreamOrDevice stream = default)
            => RandomDraws.Bernoulli(p, shape, key, stream);

        /// <summary>
        /// Category indices drawn from the unnormalized log-probabilities <paramref name="logits"/> along
        /// <paramref name="axis"/>, as MLX's <c>random.categorical</c> (one sample per row), by the Gumbel-max trick:
        /// the index of the largest <c>logit + g</c>, g Gumbel noise.
        /// </summary>
        /// <param name="logits">The log-probabilities (any scale: a softmax is not needed); -infinity excludes a category.</param>
        /// <param name="axis">The axis of the categories; negative counts from the end.</param>
        /// <param name="key">The key (an array or a seed); null takes the next global key.</param>
        /// <param name="stream">Where the op runs.</param>
        /// <returns>int32 indices, of <paramref name="logits"/>' shape without <paramref name="axis"/>.</returns>
        /// <exception cref="ArgumentException">The axis is empty.</exception>
        public static Array<int> Categorical(Array<float> logits, int axis = -1, RandomKey? key = null, StreamOrDevice stream = default)
        {
            OpArguments.RequireUsable(logits, "Random.Categorical", nameof(logits));
            return RandomDraws.Categorical(logits, axis, key, stream);
        }
    }
}

using System;
using Tandem.Memory;
using Tandem.Ops;

namespace Tandem;

public static partial class Mx
{
    /// <summary>
    /// Random numbers, counter-based like MLX's: the same key gives the same numbers on any device. Calls without a
    /// key take the next key of a global sequence that <see cref="Seed"/> restarts.
    /// </summary>
    public static class Random
    {
        /// <summary>Restarts the global key sequence, so the following calls without a key repeat.</summary>
        /// <param name="seed">The seed.</param>
        public static void Seed(ulong seed) => RandomKeys.Seed(seed);

        /// <summary>float32 numbers drawn uniformly from [<paramref name="low"/>, <paramref name="high"/>).</summary>
        /// <param name="shape">The shape.</param>
        /// <param name="low">The lower bound (included).</param>
        /// <param name="high">The upper bound (excluded).</param>
        /// <param name="key">The key; null takes the next global key.</param>
        /// <param name="stream">Where the op runs.</param>
        /// <returns>The array.</returns>
        public static Array<float> Uniform(ReadOnlySpan<int> shape, float low = 0, float high = 1, ulong? key = null,
            StreamOrDevice stream = default)
            => Draw(OpKernels.Uniform, shape, low, high, key, stream);

        /// <summary>float64 numbers drawn uniformly from [<paramref name="low"/>, <paramref name="high"/>).</summary>
        /// <param name="shape">The shape.</param>
        /// <param name="low">The lower bound (included).</param>
        /// <param name="high">The upper bound (excluded).</param>
        /// <param name="key">The key; null takes the next global key.</param>
        /// <param name="stream">Where the op runs.</param>
        /// <returns>The array.</returns>
        /// <remarks>Integer bounds pick the float32 overload, as MLX's default type is float32.</remarks>
        public static Array<double> Uniform(ReadOnlySpan<int> shape, double low, double high, ulong? key = null,
            StreamOrDevice stream = default)
            => Draw(OpKernels.Uniform, shape, low, high, key, stream);

        /// <summary>float32 numbers drawn from a normal distribution.</summary>
        /// <param name="shape">The shape.</param>
        /// <param name="mean">The mean.</param>
        /// <param name="std">The standard deviation.</param>
        /// <param name="key">The key; null takes the next global key.</param>
        /// <param name="stream">Where the op runs.</param>
        /// <returns>The array.</returns>
        public static Array<float> Normal(ReadOnlySpan<int> shape, float mean = 0, float std = 1, ulong? key = null,
            StreamOrDevice stream = default)
            => Draw(OpKernels.Normal, shape, mean, std, key, stream);

        /// <summary>float64 numbers drawn from a normal distribution.</summary>
        /// <param name="shape">The shape.</param>
        /// <param name="mean">The mean.</param>
        /// <param name="std">The standard deviation.</param>
        /// <param name="key">The key; null takes the next global key.</param>
        /// <param name="stream">Where the op runs.</param>
        /// <returns>The array.</returns>
        public static Array<double> Normal(ReadOnlySpan<int> shape, double mean, double std, ulong? key = null,
            StreamOrDevice stream = default)
            => Draw(OpKernels.Normal, shape, mean, std, key, stream);

        private static Array<T> Draw<T>(KernelFamily family, ReadOnlySpan<int> shape, T first, T second, ulong? key,
            StreamOrDevice stream) where T : unmanaged
        {
            RandomLauncher<T> launch = family.For<T, RandomLauncher<T>>();
            (uint key0, uint key1) = RandomKeys.Expand(key ?? RandomKeys.Next());
            var result = new Array<T>(shape, BufferContents.Undefined);
            try
            {
                launch(result.Length, key0, key1, first, second, result, stream);
                return result;
            }
            catch
            {
                result.Dispose();
                throw;
            }
        }
    }
}

using System;
using System.Numerics;
using Tandem.Ops.Kernels;

namespace Tandem.Ops;

/// <summary>
/// The random-number ops behind <see cref="Mx.Random"/>: resolve the key, allocate the result padded to whole Philox
/// blocks (<see cref="Padded"/>), and queue the kernel that reads the key from uniforms (a seed) or from the key
/// array (see <see cref="RandomKernels"/>). On a CPU stream, <c>Uniform</c>, <c>Normal</c>, <c>RandInt</c> and
/// <c>Bernoulli</c> run <see cref="CpuRandom"/> instead (SIMD, the kernels' bits).
/// </summary>
internal static class RandomDraws
{
    public static Array<float> Uniform(ReadOnlySpan<int> shape, float low, float high, RandomKey? key, StreamOrDevice stream)
    {
        var draw = DrawKey.Resolve(key, "Random.Uniform");
        float range = high - low;
        float limit = high > low ? MathF.BitDecrement(high) : float.PositiveInfinity;
        (Array<float> result, Array<Vector4> blocks) = Padded.Allocate<float, Vector4>(shape, 4);
        using (blocks)
        {
            return Fill.Launched(result, () => draw.Launch(stream,
                (k0, k1) => RandomKernels.UniformFloatSeeded(blocks.Length, k0, k1, low, range, limit, Unfused.One, blocks, stream),
                (at, stride, words) => RandomKernels.UniformFloatKeyed(blocks.Length, at, stride, words, low, range, limit, Unfused.One, blocks, stream),
                (cpuKey, cpu) => CpuRandom.Uniform(cpuKey, low, range, limit, blocks, cpu)));
        }
    }

    public static Array<double> Uniform(ReadOnlySpan<int> shape, double low, double high, RandomKey? key, StreamOrDevice stream)
    {
        var draw = DrawKey.Resolve(key, "Random.Uniform");
        double range = high - low;
        double limit = high > low ? Math.BitDecrement(high) : double.PositiveInfinity;
        (Array<double> result, Array<double> values) = Padded.Allocate<double, double>(shape, 2);
        using (values)
        {
            int blocks = values.Length / 2;
            return Fill.Launched(result, () => draw.Launch(stream,
                (k0, k1) => RandomKernels.UniformDoubleSeeded(blocks, k0, k1, low, range, limit, Unfused.One, values, stream),
                (at, stride, words) => RandomKernels.UniformDoubleKeyed(blocks, at, stride, words, low, range, limit, Unfused.One, values, stream),
                (cpuKey, cpu) => CpuRandom.Uniform(cpuKey, low, range, limit, values, cpu)));
        }
    }

    public static Array<float> Normal(ReadOnlySpan<int> shape, float mean, float std, RandomKey? key, StreamOrDevice stream)
    {
        var draw = DrawKey.Resolve(key, "Random.Normal");
        (Array<float> result, Array<Vector4> blocks) = Padded.Allocate<float, Vector4>(shape, 4);
        using (blocks)
        {
            return Fill.Launched(result, () => draw.Launch(stream,
                (k0, k1) => RandomKernels.NormalFloatSeeded(blocks.Length, k0, k1, mean, std, Unfused.One, blocks, stream),
                (at, stride, words) => RandomKernels.NormalFloatKeyed(blocks.Length, at, stride, words, mean, std, Unfused.One, blocks, stream),
                (cpuKey, cpu) => CpuRandom.Normal(cpuKey, mean, std, blocks, cpu)));
        }
    }

    public static Array<double> Normal(ReadOnlySpan<int> shape, double mean, double std, RandomKey? key, StreamOrDevice stream)
    {
        var draw = DrawKey.Resolve(key, "Random.Normal");
        (Array<double> result, Array<double> values) = Padded.Allocate<double, double>(shape, 2);
        using (values)
        {
            int blocks = values.Length / 2;
            return Fill.Launched(result, () => draw.Launch(stream,
                (k0, k1) => RandomKernels.NormalDoubleSeeded(blocks, k0, k1, mean, std, Unfused.One, values, stream),
                (at, stride, words) => RandomKernels.NormalDoubleKeyed(blocks, at, stride, words, mean, std, Unfused.One, values, stream),
                (cpuKey, cpu) => CpuRandom.Normal(cpuKey, mean, std, values, cpu)));
        }
    }

    public static Array<int> RandInt(int low, int high, ReadOnlySpan<int> shape, RandomKey? key, StreamOrDevice stream)
    {
        if (high <= low)
        {
            throw new ArgumentException($"Mx.Random.RandInt: the range [{low}, {high}) is empty; pass low < high.", nameof(high));
        }

        var draw = DrawKey.Resolve(key, "Random.RandInt");
        uint range = unchecked((uint)(high - low));
        (Array<int> result, Array<int> values) = Padded.Allocate<int, int>(shape, 4);
        using (values)
        {
            int blocks = values.Length / 4;
            return Fill.Launched(result, () => draw.Launch(stream,
                (k0, k1) => RandomKernels.RandIntSeeded(blocks, k0, k1, low, range, values, stream),
                (at, stride, words) => RandomKernels.RandIntKeyed(blocks, at, stride, words, low, range, values, stream),
                (cpuKey, cpu) => CpuRandom.RandInt(cpuKey, low, range, values, cpu)));
        }
    }

    public static Array<bool> Bernoulli(float p, ReadOnlySpan<int> shape, RandomKey? key, StreamOrDevice stream)
    {
        if (!(p >= 0 && p <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "Mx.Random.Bernoulli: the probability must be in [0, 1].");
        }

        var draw = DrawKey.Resolve(key, "Random.Bernoulli");
        (Array<bool> result, Array<uint> words) = Padded.Bytes<bool>(shape);
        using (words)
        {
            return Fill.Launched(result, () => draw.Launch(stream,
                (k0, k1) => RandomKernels.BernoulliSeeded(words.Length, k0, k1, p, words, stream),
                (at, stride, keyWords) => RandomKernels.BernoulliKeyed(words.Length, at, stride, keyWords, p, words, stream),
                (cpuKey, cpu) => CpuRandom.Bernoulli(cpuKey, p, words, cpu)));
        }
    }

    public static Array<uint> Split(Array<uint> key, int count, StreamOrDevice stream)
    {
        var draw = DrawKey.Resolve(RandomKey.FromArray(key), "Random.Split");
        if (count < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "Mx.Random.Split: split into at least one key.");
        }

        var result = new Array<uint>([count, 2]);
        return Fill.Launched(result, () => draw.Launch(
            (_, _) => throw new InvalidOperationException("A split always has a key array."),
            (at, stride, words) => RandomKernels.SplitKeys(count, at, stride, words, result, stream)));
    }

    /// <summary>The elements a thread of the first categorical pass looks at.</summary>
    private const int CategoricalChunk = 1024;

    public static Array<int> Categorical(Array<float> logits, int axis, RandomKey? key, StreamOrDevice stream)
    {
        int along = Axes.Normalize(axis, logits.Rank, "Random.Categorical");
        ReadOnlySpan<int> shape = logits.ShapeSpan;
        int n = shape[along];
        int[] resultShape = [.. shape[..along], .. shape[(along + 1)..]];
        var draw = DrawKey.Resolve(key, "Random.Categorical");
        var result = new Array<int>(resultShape);
        if (n == 0 && result.Length > 0)
        {
            result.Dispose();
            throw new ArgumentException(
                $"Mx.Random.Categorical: axis {axis} of shape {UnifiedArray.FormatShape(shape)} is empty: there is no category to draw.", nameof(axis));
        }

        int outer = 1;
        foreach (int size in shape[..along])
        {
            outer *= size;
        }

        return Fill.Launched(result, () =>
        {
            int inner = result.Length / outer;
            int[] blocks = [outer, n, inner];
            using Array<float> contiguous = logits.Layout.TryReshape(blocks) is null ? Copy.Contiguous(logits, stream) : logits.View(logits.Layout);
            ArrayLayout layout = contiguous.Layout.TryReshape(blocks)!;
            using var source = new Array<float>(contiguous.Buffer, layout);
            using var operand = KernelOperand<float>.Cover(source);
            int chunks = (n + CategoricalChunk - 1) / CategoricalChunk;
            int threads = result.Length * chunks;
            using var scores = new Array<float>([threads]);
            using var indices = new Array<int>([threads]);
            int offset = operand.Offset, outerStride = layout.Strides[0], axisStride = layout.Strides[1], innerStride = layout.Strides[2];
            draw.Launch(
                (k0, k1) => CategoricalKernels.ChunkBestSeeded(threads, k0, k1, n, inner, CategoricalChunk, chunks, offset, outerStride, axisStride,
                    innerStride, Unfused.One, operand.Binding, scores, indices, stream),
                (at, stride, words) => CategoricalKernels.ChunkBestKeyed(threads, at, stride, words, n, inner, CategoricalChunk, chunks, offset,
                    outerStride, axisStride, innerStride, Unfused.One, operand.Binding, scores, indices, stream));
            CategoricalKernels.RowBest(result.Length, chunks, scores, indices, result, stream);
        });
    }

    /// <summary>A resolved key: the key array (checked), or the words of a seed (the next global one when none was given).</summary>
    private readonly struct DrawKey
    {
        private readonly Array<uint>? _array;
        private readonly uint _first;
        private readonly uint _second;

        private DrawKey(Array<uint>? array, uint first, uint second)
        {
            _array = array;
            _first = first;
            _second = second;
        }

        /// <exception cref="ArgumentException">The key array does not hold two elements.</exception>
        public static DrawKey Resolve(RandomKey? key, string op)
        {
            if (key?.Array is not { } array)
            {
                (uint first, uint second) = RandomKeys.Words(key?.Seed ?? RandomKeys.Next());
                return new DrawKey(null, first, second);
            }

            OpArguments.RequireUsable(array, op, "key");
            if (array.Length != 2)
            {
                throw new ArgumentException(
                    $"Mx.{op}: a key is an Array<uint> of 2 elements (Mx.Random.Key(seed), or a row of Mx.Random.Split); this one has shape {UnifiedArray.FormatShape(array.ShapeSpan)}.",
                    "key");
            }

            return new DrawKey(array, 0, 0);
        }

        /// <summary>Queues <paramref name="seeded"/> with the seed's words, or <paramref name="keyed"/> with the key array's binding, offset and stride.</summary>
        public void Launch(Action<uint, uint> seeded, Action<int, int, Array<uint>> keyed)
        {
            if (_array is null)
            {
                seeded(_first, _second);
                return;
            }

            // Two elements lie along the one axis of size 2; its stride is the distance between them.
            int stride = 0;
            for (int axis = 0; axis < _array.Rank; axis++)
            {
                stride = _array.ShapeSpan[axis] == 2 ? _array.Layout.Strides[axis] : stride;
            }

            using var operand = KernelOperand<uint>.Cover(_array);
            keyed(operand.Offset, stride, operand.Binding);
        }

        /// <summary>
        /// Queues <paramref name="onCpu"/> (<see cref="CpuRandom"/>) where it serves <paramref name="stream"/>, else the
        /// <paramref name="seeded"/> or <paramref name="keyed"/> kernel as <see cref="Launch(Action{uint, uint}, Action{int, int, Array{uint}})"/>.
        /// </summary>
        public void Launch(StreamOrDevice stream, Action<uint, uint> seeded, Action<int, int, Array<uint>> keyed, Action<CpuRandom.Key, DeviceStream> onCpu)
        {
            DeviceStream target = stream.Resolve();
            if (CpuRandom.Serves(target))
            {
                Launch((k0, k1) => onCpu(new CpuRandom.Key(k0, k1), target), (at, stride, words) => onCpu(new CpuRandom.Key(words, at, stride), target));
            }
            else
            {
                Launch(seeded, keyed);
            }
        }
    }
}

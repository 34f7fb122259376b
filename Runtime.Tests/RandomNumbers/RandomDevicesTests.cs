using System;
using System.Linq;
using System.Runtime.InteropServices;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.RandomNumbers;

/// <summary>
/// The same key gives the same bits on the CPU and the GPU, for every draw and both ways of giving a key (a seed, a key
/// array, a row of a split that another stream is still writing), at sizes that leave partial Philox blocks and
/// partial SIMD vectors of blocks (on a CPU stream <c>Uniform</c>, <c>Normal</c>, <c>RandInt</c> and <c>Bernoulli</c>
/// run hand-written SIMD code, on the GPU the kernels).
/// </summary>
public sealed class RandomDevicesTests
{
    private static readonly int[][] Shapes = [[1], [3], [4], [5], [7], [3, 5], [1001], [100_003]];

    [MxGpuFact]
    public void Every_draw_gives_the_same_bits_on_both_devices()
    {
        foreach (int[] shape in Shapes)
        {
            foreach (RandomKey key in Keys())
            {
                Same(shape, (s, device) => Mx.Random.Uniform(s, key: key, stream: device));
                Same(shape, (s, device) => Mx.Random.Uniform(s, -3.5f, 12.25f, key, device));
                Same(shape, (s, device) => Mx.Random.Uniform(s, -1e10, 7.5, key, device));
                Same(shape, (s, device) => Mx.Random.Normal(s, key: key, stream: device));
                Same(shape, (s, device) => Mx.Random.Normal(s, 1.5f, 0.3f, key, device));
                Same(shape, (s, device) => Mx.Random.Normal(s, -2.0, 3.0, key, device));
                Same(shape, (s, device) => Mx.Random.RandInt(-1000, 1000, s, key, device));
                Same(shape, (s, device) => Mx.Random.RandInt(int.MinValue, int.MaxValue, s, key, device));
                Same(shape, (s, device) => Mx.Random.Bernoulli(0.3f, s, key, device));
            }
        }
    }

    [MxGpuFact]
    public void The_SIMD_draws_give_the_same_bits_on_both_devices_over_a_million_elements()
    {
        // Many tasks of the CPU's split over the cores, the last one ending in a partial vector and a partial block.
        int[] shape = [1_000_003];
        foreach (RandomKey key in (RandomKey[])[0xDEADBEEF_CAFEF00DUL, Keys()[3]])
        {
            Same(shape, (s, device) => Mx.Random.Uniform(s, -3.5f, 12.25f, key, device));
            Same(shape, (s, device) => Mx.Random.Normal(s, 1.5f, 0.3f, key, device));
            Same(shape, (s, device) => Mx.Random.Uniform(s, -1e10, 7.5, key, device));
            Same(shape, (s, device) => Mx.Random.Normal(s, -2.0, 3.0, key, device));
            Same(shape, (s, device) => Mx.Random.RandInt(-1000, 1000, s, key, device));
            Same(shape, (s, device) => Mx.Random.Bernoulli(0.3f, s, key, device));
        }
    }

    [MxGpuFact]
    public void Split_gives_the_same_keys_on_both_devices_and_a_key_another_stream_writes_needs_no_wait()
    {
        using Array<uint> root = Mx.Random.Key(2024);
        using Array<uint> onCpu = Mx.Random.Split(root, 5, Mx.Cpu);
        using Array<uint> onGpu = Mx.Random.Split(root, 5, Mx.Gpu);
        Assert.Equal(onCpu.ToArray(), onGpu.ToArray());

        // A GPU stream splits, a CPU stream draws with a row of the split at once: the draw waits for the split.
        using DeviceStream gpu = Mx.NewStream(Mx.Gpu);
        using Array<uint> keys = Mx.Random.Split(root, 3, gpu);
        using Array<uint> row = keys[2];
        using Array<float> drawn = Mx.Random.Normal([1000], key: row, stream: Mx.Cpu);
        using Array<float> expected = Mx.Random.Normal([1000], key: onCpu[2], stream: Mx.Cpu);
        Assert.Equal(expected.ToArray(), drawn.ToArray());
    }

    private static RandomKey[] Keys()
    {
        Array<uint> split = Mx.Random.Split(Mx.Random.Key(7), 3, Mx.Cpu);
        return [0UL, 0xDEADBEEF_CAFEF00DUL, Mx.Random.Key(123), split[1]];
    }

    private static void Same<T>(int[] shape, Func<int[], Device, Array<T>> draw) where T : unmanaged
    {
        using Array<T> cpu = draw(shape, Mx.Cpu);
        using Array<T> gpu = draw(shape, Mx.Gpu);
        Assert.Equal(shape, cpu.Shape);
        T[] expected = cpu.ToArray();
        T[] actual = gpu.ToArray();
        for (int i = 0; i < expected.Length; i++)
        {
            if (!MemoryMarshal.AsBytes(expected.AsSpan(i, 1)).SequenceEqual(MemoryMarshal.AsBytes(actual.AsSpan(i, 1))))
            {
                Assert.Fail($"{typeof(T).Name} draw of shape {UnifiedArray.FormatShape(shape)}: element {i} is {actual[i]} on the GPU, {expected[i]} on the CPU.");
            }
        }
    }
}

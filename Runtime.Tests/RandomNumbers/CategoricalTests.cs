using System;
using System.Linq;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.RandomNumbers;

/// <summary>Categorical: the frequencies its logits give, the same indices on both devices, any axis, views as logits.</summary>
public sealed class CategoricalTests
{
    [Fact]
    public void Frequencies_follow_the_softmax_of_the_logits()
    {
        const int Rows = 200_000;
        double[] probabilities = [0.1, 0.2, 0.3, 0.4];
        using Array<float> logits = Mx.Array(probabilities.Select(p => (float)Math.Log(p) + 3f).ToArray());
        using Array<float> rows = Mx.BroadcastTo(logits, [Rows, 4]);       // a view: every row the same logits
        using Array<int> drawn = Mx.Random.Categorical(rows, key: Mx.Random.Key(21), stream: Mx.Cpu);

        Assert.Equal(new[] { Rows }, drawn.Shape);
        int[] values = drawn.ToArray();
        long[] counts = Enumerable.Range(0, 4).Select(c => values.LongCount(v => v == c)).ToArray();
        Statistics.AssertChiSquare(counts, probabilities.Select(p => p * Rows).ToArray(), "categorical");
    }

    [Fact]
    public void Minus_infinity_excludes_a_category_and_a_row_of_one_always_draws_it()
    {
        using Array<float> logits = Mx.Array(new[] { float.NegativeInfinity, 0f, float.NegativeInfinity, 0f }, [1, 4]);
        using Array<float> rows = Mx.BroadcastTo(logits, [5000, 4]);
        using Array<int> drawn = Mx.Random.Categorical(rows, key: 3, stream: Mx.Cpu);
        Assert.All(drawn.ToArray(), v => Assert.True(v is 1 or 3));

        using Array<float> single = Mx.Zeros([7, 1]);
        using Array<int> zeros = Mx.Random.Categorical(single, key: 3, stream: Mx.Cpu);
        Assert.Equal(new int[7], zeros.ToArray());

        using Array<float> vector = Mx.Array(new[] { -50f, 50f, -50f });
        using Array<int> scalar = Mx.Random.Categorical(vector, key: 3);
        Assert.Empty(scalar.Shape);
        Assert.Equal(1, scalar.Item());
    }

    [MxGpuFact]
    public void The_same_key_draws_the_same_indices_on_both_devices_along_any_axis()
    {
        // 3 x 2500 x 4 with the categories along the middle axis: three chunks per row, rows strided by 4.
        using Array<float> logits = Mx.Random.Normal([3, 2500, 4], 0f, 3f, key: 8, stream: Mx.Cpu);
        using Array<float> transposed = Mx.Transpose(logits, [2, 0, 1]);    // [4, 3, 2500], categories last, a view
        foreach ((Array<float> input, int axis) in new[] { (logits, 1), (logits, -1), (logits, 0), (transposed, -1) })
        {
            using Array<int> cpu = Mx.Random.Categorical(input, axis, Mx.Random.Key(4), Mx.Cpu);
            using Array<int> gpu = Mx.Random.Categorical(input, axis, Mx.Random.Key(4), Mx.Gpu);
            Assert.Equal(cpu.ToArray(), gpu.ToArray());
        }

        // The categories of the transposed view along its last axis are the original's middle axis, row by row.
        using Array<int> direct = Mx.Random.Categorical(logits, 1, key: 4, stream: Mx.Cpu);
        Assert.Equal(new[] { 3, 4 }, direct.Shape);
    }

    [Fact]
    public void An_empty_axis_throws()
    {
        using Array<float> empty = Mx.Zeros([3, 0]);
        Assert.Contains("Mx.Random.Categorical", Assert.Throws<ArgumentException>(() => Mx.Random.Categorical(empty)).Message, StringComparison.Ordinal);
        using Array<float> noRows = Mx.Zeros([0, 3]);
        using Array<int> none = Mx.Random.Categorical(noRows);
        Assert.Equal(new[] { 0 }, none.Shape);
    }
}

using System;

namespace Tandem.Samples.Attention;

/// <summary>The four projection matrices of a multi-head self-attention layer, each (model, model).</summary>
/// <param name="Query">Projects the input to the queries.</param>
/// <param name="Key">Projects the input to the keys.</param>
/// <param name="Value">Projects the input to the values.</param>
/// <param name="Output">Projects the joined heads back to the model's width.</param>
public sealed record AttentionWeights(Array<float> Query, Array<float> Key, Array<float> Value, Array<float> Output) : IDisposable
{
    /// <summary>Weights drawn from N(0, 1 / model), each from its own key split off <paramref name="key"/>.</summary>
    public static AttentionWeights Random(int model, ulong key)
    {
        using Array<uint> root = Mx.Random.Key(key);
        using Array<uint> keys = Mx.Random.Split(root, 4);
        float scale = 1f / MathF.Sqrt(model);
        return new(Draw(0), Draw(1), Draw(2), Draw(3));

        Array<float> Draw(int index)
        {
            using Array<uint> own = keys[index];
            return Mx.Random.Normal([model, model], std: scale, key: own);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Query.Dispose();
        Key.Dispose();
        Value.Dispose();
        Output.Dispose();
    }
}

/// <summary>
/// Causal multi-head self-attention, <c>softmax(Q K^T / sqrt(d) + mask) V</c> per head, written with array ops only: no
/// kernel of its own. Every op runs on the caller's default stream (<see cref="Mx.StreamScope"/>), so the same code
/// runs on the CPU or the GPU.
/// </summary>
public static class SelfAttention
{
    /// <summary>The layer's output for <paramref name="x"/>, a (sequence, model) array.</summary>
    public static Array<float> Forward(Array<float> x, AttentionWeights weights, int heads)
    {
        int sequence = x.Shape[0];
        int model = x.Shape[1];
        int width = model / heads;

        // (sequence, model) -> (heads, sequence, width): a reshape and a transpose, both views of the projection.
        using Array<float> q = Mx.Matmul(x, weights.Query);
        using Array<float> k = Mx.Matmul(x, weights.Key);
        using Array<float> v = Mx.Matmul(x, weights.Value);
        using Array<float> queries = SplitHeads(q, heads);
        using Array<float> keys = SplitHeads(k, heads);
        using Array<float> values = SplitHeads(v, heads);

        // Batched over the heads; keys.T of each head is a view, read in place.
        using Array<float> keysT = Mx.SwapAxes(keys, -1, -2);
        using Array<float> product = Mx.Matmul(queries, keysT);
        using Array<float> scores = product * (1f / MathF.Sqrt(width));
        using Array<float> mask = CausalMask(sequence);
        using Array<float> masked = scores + mask;              // (heads, s, s) + (s, s): broadcast over the heads

        using Array<float> weightsOfValues = Softmax(masked);
        using Array<float> attended = Mx.Matmul(weightsOfValues, values);   // (heads, sequence, width)

        // Back to (sequence, model): the transpose is a view, the reshape of it a copy (its strides do not allow a view).
        using Array<float> bySequence = Mx.SwapAxes(attended, 0, 1);
        using Array<float> joined = bySequence.Reshape(sequence, model);
        return Mx.Matmul(joined, weights.Output);
    }

    /// <summary>(sequence, heads * width) as (heads, sequence, width), without a copy.</summary>
    private static Array<float> SplitHeads(Array<float> projected, int heads)
    {
        using Array<float> split = projected.Reshape(projected.Shape[0], heads, -1);
        return Mx.SwapAxes(split, 0, 1);
    }

    /// <summary>0 where a position may attend (itself and earlier ones), -1e30 where it may not (later ones).</summary>
    private static Array<float> CausalMask(int sequence)
    {
        using Array<int> positions = Mx.Arange(sequence);
        using Array<int> rows = positions.Reshape(sequence, 1);
        using Array<bool> later = positions > rows;             // (s,) > (s, 1): column after row, broadcast to (s, s)
        return Mx.Where(later, -1e30f, 0f);
    }

    /// <summary>The softmax along the last axis, written out (<c>Mx.Softmax(scores, axis: -1)</c> computes the same).</summary>
    private static Array<float> Softmax(Array<float> scores)
    {
        using Array<float> largest = Mx.Max(scores, axis: -1, keepDims: true);   // (…, 1): each row's maximum
        using Array<float> shifted = scores - largest;                          // broadcast along the row; exp stays <= 1
        using Array<float> exponentials = Mx.Exp(shifted);
        using Array<float> sums = Mx.Sum(exponentials, axis: -1, keepDims: true);
        return exponentials / sums;
    }
}

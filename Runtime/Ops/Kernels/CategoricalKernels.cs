using System;

namespace Tandem.Ops.Kernels;

/// <summary>
/// <c>Random.Categorical</c> by the Gumbel-max trick: the index of the largest <c>logit + g</c>, g = -ln(-ln u) for a
/// uniform u per element (Philox word <c>e</c> of the key, e the element's row-major position among the logits). A row
/// is cut into chunks: the first kernel finds each chunk's best (first index on ties), the second each row's best chunk,
/// so a long row runs in parallel and no thread loops more than a chunk (llvmpipe stops loops after 65,535 iterations).
/// </summary>
internal static partial class CategoricalKernels
{
    [Kernel]
    public static void ChunkBestSeeded(int id, uint key0, uint key1, int n, int inner, int chunk, int chunks, int offset, int outerStride,
        int axisStride, int innerStride, float one, ReadOnlySpan<float> logits, Span<float> bestScores, Span<int> bestIndices)
        => ChunkBest(id, key0, key1, n, inner, chunk, chunks, offset, outerStride, axisStride, innerStride, one, logits, bestScores, bestIndices);

    [Kernel]
    public static void ChunkBestKeyed(int id, int keyAt, int keyStride, ReadOnlySpan<uint> key, int n, int inner, int chunk, int chunks, int offset,
        int outerStride, int axisStride, int innerStride, float one, ReadOnlySpan<float> logits, Span<float> bestScores, Span<int> bestIndices)
        => ChunkBest(id, key[keyAt], key[keyAt + keyStride], n, inner, chunk, chunks, offset, outerStride, axisStride, innerStride, one, logits,
            bestScores, bestIndices);

    /// <summary>Row <paramref name="row"/>'s best chunk: the highest score, the earliest chunk on ties.</summary>
    [Kernel]
    public static void RowBest(int row, int chunks, ReadOnlySpan<float> bestScores, ReadOnlySpan<int> bestIndices, Span<int> result)
    {
        int at = row * chunks;
        float best = bestScores[at];
        int index = bestIndices[at];
        for (int c = 1; c < chunks; c++)
        {
            float score = bestScores[at + c];
            bool better = score > best;
            best = better ? score : best;
            index = better ? bestIndices[at + c] : index;
        }

        result[row] = index;
    }

    private static void ChunkBest(int id, uint key0, uint key1, int n, int inner, int chunk, int chunks, int offset, int outerStride,
        int axisStride, int innerStride, float one, ReadOnlySpan<float> logits, Span<float> bestScores, Span<int> bestIndices)
    {
        int row = id / chunks;
        int first = (id - (row * chunks)) * chunk;
        int last = Math.Min(first + chunk, n);
        int outer = row / inner;
        int column = row - (outer * inner);
        int rowAt = offset + (outer * outerStride) + (column * innerStride);
        int rowElement = (outer * n * inner) + column;
        float best = Score(key0, key1, rowElement + (first * inner), logits[rowAt + (first * axisStride)], one);
        int index = first;
        for (int j = first + 1; j < last; j++)
        {
            float score = Score(key0, key1, rowElement + (j * inner), logits[rowAt + (j * axisStride)], one);
            bool better = score > best;
            best = better ? score : best;
            index = better ? j : index;
        }

        bestScores[id] = best;
        bestIndices[id] = index;
    }

    /// <summary><paramref name="logit"/> plus the Gumbel noise of element <paramref name="element"/>.</summary>
    private static float Score(uint key0, uint key1, int element, float logit, float one)
    {
        Philox.Block((uint)element >> 2, 0u, 0u, 0u, key0, key1, out uint w0, out uint w1, out uint w2, out uint w3);
        int lane = element & 3;
        uint word = lane == 0 ? w0 : lane == 1 ? w1 : lane == 2 ? w2 : w3;

        // u in (0, 1): an odd multiple of 2^-24 (23 random bits), so neither logarithm meets 0.
        float u = (((word >> 9) * 2u) + 1u) * 5.96046448e-08f;
        return logit - PortableMath.Log(-PortableMath.Log(u, one), one);
    }
}

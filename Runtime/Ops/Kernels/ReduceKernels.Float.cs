using System;
using System.Runtime.CompilerServices;

namespace Tandem.Ops.Kernels;

// float32 reductions. The other element types' files repeat this one with their types (see ReduceKernels.cs).
internal static partial class ReduceKernels
{
    /// <summary>Reduces runs of float elements with <paramref name="op"/> (see <see cref="ReduceKernels"/>).</summary>
    [Kernel(Threads)]
    public static void ReduceFloat(int id, int op, int finish, int count, int lanes, int segments, int inner, int outerStride,
        int innerStride, int step, int offset, int length, int segmentLength, bool blocked,
        ReadOnlySpan<float> x, ReadOnlySpan<float> center, Span<float> output)
    {
        Span<float> values = Group.Shared<float>(Threads);
        int t = Group.ThreadIndex.X;
        float acc = IdentityFloat(op);
        bool active = Locate(Group.Index.X, t, lanes, segments, inner, length, segmentLength, blocked,
            out int o, out int i, out int first, out int stride, out int n);
        if (active)
        {
            float c = op >= OpSquaredDeviation ? center[(o * inner) + i] : 0f;
            acc = AccumulateFloat(x, op, offset + (o * outerStride) + (i * innerStride) + (first * step), stride * step, n, c);
        }

        values[t] = acc;
        Group.Barrier();
        for (int half = Threads / lanes / 2; half > 0; half /= 2)
        {
            if (t / lanes < half)
            {
                values[t] = CombineFloat(op, values[t], values[t + (half * lanes)]);
            }

            Group.Barrier();
        }

        if (t < lanes && active)
        {
            float value = segments == 1 ? FinishFloat(finish, values[t], count, center, (o * inner) + i) : values[t];
            output[Destination(o, i, inner, segments, Group.Index.X)] = value;
        }
    }

    /// <summary>
    /// The first (<paramref name="minimum"/>: smallest, else largest) float element of each run and its index along
    /// the run, or, when <paramref name="indexed"/>, the index read from <paramref name="xIndices"/> (a second pass).
    /// </summary>
    [Kernel(Threads)]
    public static void ArgReduceFloat(int id, bool minimum, int lanes, int segments, int inner, int outerStride, int innerStride,
        int step, int offset, int length, int segmentLength, bool blocked, bool indexed,
        ReadOnlySpan<float> x, ReadOnlySpan<int> xIndices, Span<float> values, Span<int> indices)
    {
        Span<float> bestValues = Group.Shared<float>(Threads);
        Span<int> bestIndices = Group.Shared<int>(Threads);
        int t = Group.ThreadIndex.X;
        float best = minimum ? float.PositiveInfinity : float.NegativeInfinity;
        int bestIndex = int.MaxValue;
        bool active = Locate(Group.Index.X, t, lanes, segments, inner, length, segmentLength, blocked,
            out int o, out int i, out int first, out int stride, out int n);
        if (active)
        {
            int at = offset + (o * outerStride) + (i * innerStride) + (first * step);
            for (int k = 0; k < n; k++)
            {
                float v = x[at];
                int index = indexed ? xIndices[at] : first + (k * stride);
                if (BetterFloat(minimum, v, index, best, bestIndex))
                {
                    best = v;
                    bestIndex = index;
                }

                at += stride * step;
            }
        }

        bestValues[t] = best;
        bestIndices[t] = bestIndex;
        Group.Barrier();
        for (int half = Threads / lanes / 2; half > 0; half /= 2)
        {
            int other = t + (half * lanes);
            if (t / lanes < half && BetterFloat(minimum, bestValues[other], bestIndices[other], bestValues[t], bestIndices[t]))
            {
                bestValues[t] = bestValues[other];
                bestIndices[t] = bestIndices[other];
            }

            Group.Barrier();
        }

        if (t < lanes && active)
        {
            int destination = Destination(o, i, inner, segments, Group.Index.X);
            values[destination] = bestValues[t];
            indices[destination] = bestIndices[t];
        }
    }

    // Not inlined, on the CPU: inside the large generated body of a group kernel the JIT spilled the accumulators to
    // the stack on every iteration (3x slower); in a method of its own, with no call in the loops (exp has a method of
    // its own too) and one accumulator per loop, they stay in registers. The GPU inlines everything anyway.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float AccumulateFloat(ReadOnlySpan<float> x, int op, int at, int advance, int n, float c)
    {
        int position = at;
        if (op == OpSum || op == OpSquaredDeviation)
        {
            float sum = 0f;
            float center = op == OpSum ? 0f : c;
            for (int k = 0; k < n; k++)
            {
                float d = x[position] - center;
                sum += op == OpSum ? d : d * d;
                position += advance;
            }

            return sum;
        }

        if (op == OpExpDeviation)
        {
            return SumOfExpFloat(x, at, advance, n, c);
        }

        float acc = IdentityFloat(op);
        for (int k = 0; k < n; k++)
        {
            acc = CombineFloat(op, acc, x[position]);
            position += advance;
        }

        return acc;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float SumOfExpFloat(ReadOnlySpan<float> x, int at, int advance, int n, float c)
    {
        float sum = 0f;
        int position = at;
        for (int k = 0; k < n; k++)
        {
            sum += MathF.Exp(x[position] - c);
            position += advance;
        }

        return sum;
    }

    private static float IdentityFloat(int op) => op == OpProd ? 1f
        : op == OpMax ? float.NegativeInfinity
        : op == OpMin ? float.PositiveInfinity
        : 0f;

    private static float CombineFloat(int op, float a, float b) => op == OpProd ? a * b
        : op == OpMax ? MaxFloat(a, b)
        : op == OpMin ? MinFloat(a, b)
        : a + b;

    // NaN wins from either side, as in NumPy's max and min.
    private static float MaxFloat(float a, float b) => b > a || float.IsNaN(b) ? b : a;

    private static float MinFloat(float a, float b) => b < a || float.IsNaN(b) ? b : a;

    private static float FinishFloat(int finish, float value, int count, ReadOnlySpan<float> center, int at)
    {
        if (finish == FinishDivide)
        {
            return value / count;
        }

        if (finish == FinishLogAddCenter)
        {
            float c = center[at];
            return float.IsInfinity(c) ? c : MathF.Log(value) + c;
        }

        return value;
    }

    // The first NaN beats everything; among equal values the smaller index wins, as NumPy's argmax and argmin.
    private static bool BetterFloat(bool minimum, float v, int index, float best, int bestIndex)
    {
        if (float.IsNaN(best))
        {
            return float.IsNaN(v) && index < bestIndex;
        }

        if (float.IsNaN(v))
        {
            return true;
        }

        if (v == best)
        {
            return index < bestIndex;
        }

        return minimum ? v < best : v > best;
    }
}

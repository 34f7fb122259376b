using System;
using System.Runtime.CompilerServices;

namespace Tandem.Ops.Kernels;

// float16 reductions, accumulated in float32 (partial results and the result too: the caller rounds to Half once, at
// the end). A copy of ReduceKernels.Float.cs that reads Half elements.
internal static partial class ReduceKernels
{
    /// <summary>Reduces runs of Half elements, in float, with <paramref name="op"/> (see <see cref="ReduceKernels"/>).</summary>
    [Kernel(Threads)]
    public static void ReduceHalf(int id, int op, int finish, int count, int lanes, int segments, int inner, int outerStride,
        int innerStride, int step, int offset, int length, int segmentLength, bool blocked,
        ReadOnlySpan<Half> x, ReadOnlySpan<float> center, Span<float> output)
    {
        Span<float> values = Group.Shared<float>(Threads);
        int t = Group.ThreadIndex.X;
        float acc = IdentityFloat(op);
        bool active = Locate(Group.Index.X, t, lanes, segments, inner, length, segmentLength, blocked,
            out int o, out int i, out int first, out int stride, out int n);
        if (active)
        {
            float c = op >= OpSquaredDeviation ? center[(o * inner) + i] : 0f;
            acc = AccumulateHalf(x, op, offset + (o * outerStride) + (i * innerStride) + (first * step), stride * step, n, c);
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

    /// <summary>The first smallest or largest Half element of each run and its index (see <c>ArgReduceFloat</c>).</summary>
    [Kernel(Threads)]
    public static void ArgReduceHalf(int id, bool minimum, int lanes, int segments, int inner, int outerStride, int innerStride,
        int step, int offset, int length, int segmentLength, bool blocked, bool indexed,
        ReadOnlySpan<Half> x, ReadOnlySpan<int> xIndices, Span<float> values, Span<int> indices)
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
                float v = (float)x[at];
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

    [MethodImpl(MethodImplOptions.NoInlining)] // see AccumulateFloat
    private static float AccumulateHalf(ReadOnlySpan<Half> x, int op, int at, int advance, int n, float c)
    {
        float acc = IdentityFloat(op);
        int position = at;
        if (op == OpSum)
        {
            for (int k = 0; k < n; k++)
            {
                acc += (float)x[position];
                position += advance;
            }
        }
        else if (op == OpProd)
        {
            for (int k = 0; k < n; k++)
            {
                acc *= (float)x[position];
                position += advance;
            }
        }
        else if (op == OpMax)
        {
            for (int k = 0; k < n; k++)
            {
                acc = MaxFloat(acc, (float)x[position]);
                position += advance;
            }
        }
        else if (op == OpMin)
        {
            for (int k = 0; k < n; k++)
            {
                acc = MinFloat(acc, (float)x[position]);
                position += advance;
            }
        }
        else if (op == OpSquaredDeviation)
        {
            for (int k = 0; k < n; k++)
            {
                float d = (float)x[position] - c;
                acc += d * d;
                position += advance;
            }
        }
        else
        {
            for (int k = 0; k < n; k++)
            {
                acc += MathF.Exp((float)x[position] - c);
                position += advance;
            }
        }

        return acc;
    }

    /// <summary>Rounds the float results of a Half reduction to Half.</summary>
    [Kernel]
    public static void NarrowFloatToHalf(int i, ReadOnlySpan<float> x, Span<Half> result) => result[i] = (Half)x[i];
}

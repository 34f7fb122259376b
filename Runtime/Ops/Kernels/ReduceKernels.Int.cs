using System;
using System.Runtime.CompilerServices;

namespace Tandem.Ops.Kernels;

// int32 reductions: sums and products wrap, as C# arithmetic does. The uint and long files repeat this one.
internal static partial class ReduceKernels
{
    /// <summary>Reduces runs of int elements with <paramref name="op"/> (sum, product, max or min; see <see cref="ReduceKernels"/>).</summary>
    [Kernel(Threads)]
    public static void ReduceInt(int id, int op, int finish, int count, int lanes, int segments, int inner, int outerStride,
        int innerStride, int step, int offset, int length, int segmentLength, bool blocked,
        ReadOnlySpan<int> x, ReadOnlySpan<int> center, Span<int> output)
    {
        Span<int> values = Group.Shared<int>(Threads);
        int t = Group.ThreadIndex.X;
        int acc = IdentityInt(op);
        bool active = Locate(Group.Index.X, t, lanes, segments, inner, length, segmentLength, blocked,
            out int o, out int i, out int first, out int stride, out int n);
        if (active)
        {
            acc = AccumulateInt(x, op, offset + (o * outerStride) + (i * innerStride) + (first * step), stride * step, n);
        }

        values[t] = acc;
        Group.Barrier();
        for (int half = Threads / lanes / 2; half > 0; half /= 2)
        {
            if (t / lanes < half)
            {
                values[t] = CombineInt(op, values[t], values[t + (half * lanes)]);
            }

            Group.Barrier();
        }

        if (t < lanes && active)
        {
            output[Destination(o, i, inner, segments, Group.Index.X)] = values[t];
        }
    }

    /// <summary>The first smallest or largest int element of each run and its index (see <c>ArgReduceFloat</c>).</summary>
    [Kernel(Threads)]
    public static void ArgReduceInt(int id, bool minimum, int lanes, int segments, int inner, int outerStride, int innerStride,
        int step, int offset, int length, int segmentLength, bool blocked, bool indexed,
        ReadOnlySpan<int> x, ReadOnlySpan<int> xIndices, Span<int> values, Span<int> indices)
    {
        Span<int> bestValues = Group.Shared<int>(Threads);
        Span<int> bestIndices = Group.Shared<int>(Threads);
        int t = Group.ThreadIndex.X;
        int best = minimum ? int.MaxValue : int.MinValue;
        int bestIndex = int.MaxValue;
        bool active = Locate(Group.Index.X, t, lanes, segments, inner, length, segmentLength, blocked,
            out int o, out int i, out int first, out int stride, out int n);
        if (active)
        {
            int at = offset + (o * outerStride) + (i * innerStride) + (first * step);
            for (int k = 0; k < n; k++)
            {
                int v = x[at];
                int index = indexed ? xIndices[at] : first + (k * stride);
                if (BetterInt(minimum, v, index, best, bestIndex))
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
            if (t / lanes < half && BetterInt(minimum, bestValues[other], bestIndices[other], bestValues[t], bestIndices[t]))
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
    private static int AccumulateInt(ReadOnlySpan<int> x, int op, int at, int advance, int n)
    {
        int acc = IdentityInt(op);
        int position = at;
        for (int k = 0; k < n; k++)
        {
            acc = CombineInt(op, acc, x[position]);
            position += advance;
        }

        return acc;
    }

    private static int IdentityInt(int op) => op == OpProd ? 1 : op == OpMax ? int.MinValue : op == OpMin ? int.MaxValue : 0;

    private static int CombineInt(int op, int a, int b) => op == OpProd ? a * b
        : op == OpMax ? (b > a ? b : a)
        : op == OpMin ? (b < a ? b : a)
        : a + b;

    private static bool BetterInt(bool minimum, int v, int index, int best, int bestIndex)
        => v == best ? index < bestIndex : minimum ? v < best : v > best;
}

using System;
using System.Runtime.CompilerServices;

namespace Tandem.Ops.Kernels;

// int64 reductions: a copy of ReduceKernels.Int.cs with long elements.
internal static partial class ReduceKernels
{
    /// <summary>Reduces runs of long elements with <paramref name="op"/> (sum, product, max or min; see <see cref="ReduceKernels"/>).</summary>
    [Kernel(Threads)]
    public static void ReduceLong(int id, int op, int finish, int count, int lanes, int segments, int inner, int outerStride,
        int innerStride, int step, int offset, int length, int segmentLength, bool blocked,
        ReadOnlySpan<long> x, ReadOnlySpan<long> center, Span<long> output)
    {
        Span<long> values = Group.Shared<long>(Threads);
        int t = Group.ThreadIndex.X;
        long acc = IdentityLong(op);
        bool active = Locate(Group.Index.X, t, lanes, segments, inner, length, segmentLength, blocked,
            out int o, out int i, out int first, out int stride, out int n);
        if (active)
        {
            acc = AccumulateLong(x, op, offset + (o * outerStride) + (i * innerStride) + (first * step), stride * step, n);
        }

        values[t] = acc;
        Group.Barrier();
        for (int half = Threads / lanes / 2; half > 0; half /= 2)
        {
            if (t / lanes < half)
            {
                values[t] = CombineLong(op, values[t], values[t + (half * lanes)]);
            }

            Group.Barrier();
        }

        if (t < lanes && active)
        {
            output[Destination(o, i, inner, segments, Group.Index.X)] = values[t];
        }
    }

    /// <summary>The first smallest or largest long element of each run and its index (see <c>ArgReduceFloat</c>).</summary>
    [Kernel(Threads)]
    public static void ArgReduceLong(int id, bool minimum, int lanes, int segments, int inner, int outerStride, int innerStride,
        int step, int offset, int length, int segmentLength, bool blocked, bool indexed,
        ReadOnlySpan<long> x, ReadOnlySpan<int> xIndices, Span<long> values, Span<int> indices)
    {
        Span<long> bestValues = Group.Shared<long>(Threads);
        Span<int> bestIndices = Group.Shared<int>(Threads);
        int t = Group.ThreadIndex.X;
        long best = minimum ? long.MaxValue : long.MinValue;
        int bestIndex = int.MaxValue;
        bool active = Locate(Group.Index.X, t, lanes, segments, inner, length, segmentLength, blocked,
            out int o, out int i, out int first, out int stride, out int n);
        if (active)
        {
            int at = offset + (o * outerStride) + (i * innerStride) + (first * step);
            for (int k = 0; k < n; k++)
            {
                long v = x[at];
                int index = indexed ? xIndices[at] : first + (k * stride);
                if (BetterLong(minimum, v, index, best, bestIndex))
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
            if (t / lanes < half && BetterLong(minimum, bestValues[other], bestIndices[other], bestValues[t], bestIndices[t]))
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
    private static long AccumulateLong(ReadOnlySpan<long> x, int op, int at, int advance, int n)
    {
        long acc = IdentityLong(op);
        int position = at;
        for (int k = 0; k < n; k++)
        {
            acc = CombineLong(op, acc, x[position]);
            position += advance;
        }

        return acc;
    }

    private static long IdentityLong(int op) => op == OpProd ? 1L : op == OpMax ? long.MinValue : op == OpMin ? long.MaxValue : 0L;

    private static long CombineLong(int op, long a, long b) => op == OpProd ? a * b
        : op == OpMax ? (b > a ? b : a)
        : op == OpMin ? (b < a ? b : a)
        : a + b;

    private static bool BetterLong(bool minimum, long v, int index, long best, int bestIndex)
        => v == best ? index < bestIndex : minimum ? v < best : v > best;
}

using System;
using System.Runtime.CompilerServices;

namespace Tandem.Ops.Kernels;

// uint32 reductions: a copy of ReduceKernels.Int.cs with uint elements.
internal static partial class ReduceKernels
{
    /// <summary>Reduces runs of uint elements with <paramref name="op"/> (sum, product, max or min; see <see cref="ReduceKernels"/>).</summary>
    [Kernel(Threads)]
    public static void ReduceUInt(int id, int op, int finish, int count, int lanes, int segments, int inner, int outerStride,
        int innerStride, int step, int offset, int length, int segmentLength, bool blocked,
        ReadOnlySpan<uint> x, ReadOnlySpan<uint> center, Span<uint> output)
    {
        Span<uint> values = Group.Shared<uint>(Threads);
        int t = Group.ThreadIndex.X;
        uint acc = IdentityUInt(op);
        bool active = Locate(Group.Index.X, t, lanes, segments, inner, length, segmentLength, blocked,
            out int o, out int i, out int first, out int stride, out int n);
        if (active)
        {
            acc = AccumulateUInt(x, op, offset + (o * outerStride) + (i * innerStride) + (first * step), stride * step, n);
        }

        values[t] = acc;
        Group.Barrier();
        for (int half = Threads / lanes / 2; half > 0; half /= 2)
        {
            if (t / lanes < half)
            {
                values[t] = CombineUInt(op, values[t], values[t + (half * lanes)]);
            }

            Group.Barrier();
        }

        if (t < lanes && active)
        {
            output[Destination(o, i, inner, segments, Group.Index.X)] = values[t];
        }
    }

    /// <summary>The first smallest or largest uint element of each run and its index (see <c>ArgReduceFloat</c>).</summary>
    [Kernel(Threads)]
    public static void ArgReduceUInt(int id, bool minimum, int lanes, int segments, int inner, int outerStride, int innerStride,
        int step, int offset, int length, int segmentLength, bool blocked, bool indexed,
        ReadOnlySpan<uint> x, ReadOnlySpan<int> xIndices, Span<uint> values, Span<int> indices)
    {
        Span<uint> bestValues = Group.Shared<uint>(Threads);
        Span<int> bestIndices = Group.Shared<int>(Threads);
        int t = Group.ThreadIndex.X;
        uint best = minimum ? uint.MaxValue : uint.MinValue;
        int bestIndex = int.MaxValue;
        bool active = Locate(Group.Index.X, t, lanes, segments, inner, length, segmentLength, blocked,
            out int o, out int i, out int first, out int stride, out int n);
        if (active)
        {
            int at = offset + (o * outerStride) + (i * innerStride) + (first * step);
            for (int k = 0; k < n; k++)
            {
                uint v = x[at];
                int index = indexed ? xIndices[at] : first + (k * stride);
                if (BetterUInt(minimum, v, index, best, bestIndex))
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
            if (t / lanes < half && BetterUInt(minimum, bestValues[other], bestIndices[other], bestValues[t], bestIndices[t]))
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
    private static uint AccumulateUInt(ReadOnlySpan<uint> x, int op, int at, int advance, int n)
    {
        uint acc = IdentityUInt(op);
        int position = at;
        for (int k = 0; k < n; k++)
        {
            acc = CombineUInt(op, acc, x[position]);
            position += advance;
        }

        return acc;
    }

    private static uint IdentityUInt(int op) => op == OpProd ? 1u : op == OpMax ? uint.MinValue : op == OpMin ? uint.MaxValue : 0u;

    private static uint CombineUInt(int op, uint a, uint b) => op == OpProd ? a * b
        : op == OpMax ? (b > a ? b : a)
        : op == OpMin ? (b < a ? b : a)
        : a + b;

    private static bool BetterUInt(bool minimum, uint v, int index, uint best, int bestIndex)
        => v == best ? index < bestIndex : minimum ? v < best : v > best;
}

using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Tandem.Ops.Kernels;

// float32 reductions that read four elements at a time (one 128-bit load; SSE on the CPU), for runs and columns laid
// out so that whole vectors line up: what a discrete GPU needs to reach its memory bandwidth.
internal static partial class ReduceKernels
{
    /// <summary>
    /// Reduces contiguous runs (<c>step = 1</c>), as <c>ReduceFloat</c>: the vectors of each run are shared among its
    /// threads (<paramref name="segmentLength"/> counts vectors); the elements before the first whole vector and after
    /// the last one are added by the run's first thread in the first and the last segment. <paramref name="x4"/> and
    /// <paramref name="x"/> bind the same memory.
    /// </summary>
    [Kernel(Threads)]
    public static void ReduceRowsFloat4(int id, int op, int finish, int count, int lanes, int segments, int inner, int outerStride,
        int innerStride, int offset, int length, int segmentLength, bool blocked,
        ReadOnlySpan<Vector4> x4, ReadOnlySpan<float> x, ReadOnlySpan<float> center, Span<float> output)
    {
        Span<float> values = Group.Shared<float>(Threads);
        int t = Group.ThreadIndex.X;
        int segment = Group.Index.X % segments;
        float acc = IdentityFloat(op);
        bool active = Output(Group.Index.X, t, lanes, segments, inner, out int o, out int i);
        if (active)
        {
            int start = offset + (o * outerStride) + (i * innerStride);
            int head = Math.Min(length, (4 - (start % 4)) % 4);
            int vectors = (length - head) / 4;
            Share(Group.Index.X, t, lanes, segments, vectors, segmentLength, blocked, out int first, out int stride, out int n);
            float c = op >= OpSquaredDeviation ? center[(o * inner) + i] : 0f;
            Vector4 sums = AccumulateFloat4(x4, op, ((start + head) / 4) + first, stride, n, new Vector4(c));
            acc = CombineFloat(op, CombineFloat(op, sums.X, sums.Y), CombineFloat(op, sums.Z, sums.W));
            if (t < lanes && segment == 0)
            {
                acc = CombineFloat(op, acc, AccumulateFloat(x, op, start, 1, head, c));
            }

            if (t < lanes && segment == segments - 1)
            {
                int done = head + (vectors * 4);
                acc = CombineFloat(op, acc, AccumulateFloat(x, op, start + done, 1, length - done, c));
            }
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
    /// Reduces columns (<c>innerStride = 1</c>), as <c>ReduceFloat</c> with <c>lanes = </c><see cref="ColumnLanes"/>,
    /// each lane on four neighbouring outputs. <paramref name="inner"/>, <paramref name="outerStride"/>,
    /// <paramref name="step"/> and <paramref name="offset"/> are multiples of 4 (elements).
    /// </summary>
    [Kernel(Threads)]
    public static void ReduceColumnsFloat4(int id, int op, int finish, int count, int segments, int inner, int outerStride, int step,
        int offset, int length, int segmentLength, bool blocked,
        ReadOnlySpan<Vector4> x4, ReadOnlySpan<float> center, Span<float> output)
    {
        Span<Vector4> values = Group.Shared<Vector4>(Threads);
        int t = Group.ThreadIndex.X;
        Vector4 identity = new Vector4(IdentityFloat(op));
        Vector4 acc = identity;
        bool active = Locate(Group.Index.X, t, ColumnLanes, segments, inner / 4, length, segmentLength, blocked,
            out int o, out int quad, out int first, out int stride, out int n);
        int column = (o * inner) + (quad * 4);
        if (active)
        {
            Vector4 c = op >= OpSquaredDeviation ? new Vector4(center[column], center[column + 1], center[column + 2], center[column + 3]) : identity;
            acc = AccumulateFloat4(x4, op, ((offset + (o * outerStride) + (first * step)) / 4) + quad, stride * step / 4, n, c);
        }

        values[t] = acc;
        Group.Barrier();
        for (int half = Threads / ColumnLanes / 2; half > 0; half /= 2)
        {
            if (t / ColumnLanes < half)
            {
                values[t] = CombineFloat4(op, values[t], values[t + (half * ColumnLanes)]);
            }

            Group.Barrier();
        }

        if (t < ColumnLanes && active)
        {
            Vector4 v = values[t];
            int segment = Group.Index.X % segments;
            StoreFloat(output, (column * segments) + segment, segments, finish, v.X, count, center, column);
            StoreFloat(output, ((column + 1) * segments) + segment, segments, finish, v.Y, count, center, column + 1);
            StoreFloat(output, ((column + 2) * segments) + segment, segments, finish, v.Z, count, center, column + 2);
            StoreFloat(output, ((column + 3) * segments) + segment, segments, finish, v.W, count, center, column + 3);
        }
    }

    private static void StoreFloat(Span<float> output, int at, int segments, int finish, float value, int count, ReadOnlySpan<float> center, int run)
        => output[at] = segments == 1 ? FinishFloat(finish, value, count, center, run) : value;

    // Two accumulators: two loads in flight per iteration, and half as long a chain of dependent additions. Not inlined,
    // and no call in the sum's loop, for the CPU's sake (see AccumulateFloat).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector4 AccumulateFloat4(ReadOnlySpan<Vector4> x4, int op, int at, int advance, int n, Vector4 c)
    {
        if (op != OpSum)
        {
            return FoldFloat4(x4, op, at, advance, n, c);
        }

        Vector4 a = Vector4.Zero;
        Vector4 b = Vector4.Zero;
        int position = at;
        int pairs = n / 2;
        for (int k = 0; k < pairs; k++)
        {
            a += x4[position];
            b += x4[position + advance];
            position += 2 * advance;
        }

        if (n % 2 == 1)
        {
            a += x4[position];
        }

        return a + b;
    }

    /// <summary>Every other op, four lanes at a time.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector4 FoldFloat4(ReadOnlySpan<Vector4> x4, int op, int at, int advance, int n, Vector4 c)
    {
        Vector4 acc = new Vector4(IdentityFloat(op));
        int position = at;
        for (int k = 0; k < n; k++)
        {
            acc = StepFloat4(op, acc, x4[position], c);
            position += advance;
        }

        return acc;
    }

    /// <summary>One element-wise step of <paramref name="op"/>: the accumulator and the next vector.</summary>
    private static Vector4 StepFloat4(int op, Vector4 acc, Vector4 v, Vector4 c)
    {
        if (op == OpSquaredDeviation)
        {
            Vector4 d = v - c;
            return acc + (d * d);
        }

        if (op == OpExpDeviation)
        {
            return acc + new Vector4(MathF.Exp(v.X - c.X), MathF.Exp(v.Y - c.Y), MathF.Exp(v.Z - c.Z), MathF.Exp(v.W - c.W));
        }

        return CombineFloat4(op, acc, v);
    }

    private static Vector4 CombineFloat4(int op, Vector4 a, Vector4 b)
    {
        if (op == OpProd)
        {
            return a * b;
        }

        if (op == OpMax)
        {
            return new Vector4(MaxFloat(a.X, b.X), MaxFloat(a.Y, b.Y), MaxFloat(a.Z, b.Z), MaxFloat(a.W, b.W));
        }

        if (op == OpMin)
        {
            return new Vector4(MinFloat(a.X, b.X), MinFloat(a.Y, b.Y), MinFloat(a.Z, b.Z), MinFloat(a.W, b.W));
        }

        return a + b;
    }
}

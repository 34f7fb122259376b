using System;
using System.Runtime.CompilerServices;

namespace Tandem.Ops.Kernels;

// float64 reductions: a copy of ReduceKernels.Float.cs with double elements. On the GPU exp and log run in single
// precision (Vulkan has no 64-bit versions), so LogSumExp and Softmax of doubles are that accurate there.
internal static partial class ReduceKernels
{
    /// <summary>Reduces runs of double elements with <paramref name="op"/> (see <see cref="ReduceKernels"/>).</summary>
    [Kernel(Threads)]
    public static void ReduceDouble(int id, int op, int finish, int count, int lanes, int segments, int inner, int outerStride,
        int innerStride, int step, int offset, int length, int segmentLength, bool blocked,
        ReadOnlySpan<double> x, ReadOnlySpan<double> center, Span<double> output)
    {
        Span<double> values = Group.Shared<double>(Threads);
        int t = Group.ThreadIndex.X;
        double acc = IdentityDouble(op);
        bool active = Locate(Group.Index.X, t, lanes, segments, inner, length, segmentLength, blocked,
            out int o, out int i, out int first, out int stride, out int n);
        if (active)
        {
            double c = op >= OpSquaredDeviation ? center[(o * inner) + i] : 0.0;
            acc = AccumulateDouble(x, op, offset + (o * outerStride) + (i * innerStride) + (first * step), stride * step, n, c);
        }

        values[t] = acc;
        Group.Barrier();
        for (int half = Threads / lanes / 2; half > 0; half /= 2)
        {
            if (t / lanes < half)
            {
                values[t] = CombineDouble(op, values[t], values[t + (half * lanes)]);
            }

            Group.Barrier();
        }

        if (t < lanes && active)
        {
            double value = segments == 1 ? FinishDouble(finish, values[t], count, center, (o * inner) + i) : values[t];
            output[Destination(o, i, inner, segments, Group.Index.X)] = value;
        }
    }

    /// <summary>
    /// The first (<paramref name="minimum"/>: smallest, else largest) double element of each run and its index along
    /// the run, or, when <paramref name="indexed"/>, the index read from <paramref name="xIndices"/> (a second pass).
    /// </summary>
    [Kernel(Threads)]
    public static void ArgReduceDouble(int id, bool minimum, int lanes, int segments, int inner, int outerStride, int innerStride,
        int step, int offset, int length, int segmentLength, bool blocked, bool indexed,
        ReadOnlySpan<double> x, ReadOnlySpan<int> xIndices, Span<double> values, Span<int> indices)
    {
        Span<double> bestValues = Group.Shared<double>(Threads);
        Span<int> bestIndices = Group.Shared<int>(Threads);
        int t = Group.ThreadIndex.X;
        double best = minimum ? double.PositiveInfinity : double.NegativeInfinity;
        int bestIndex = int.MaxValue;
        bool active = Locate(Group.Index.X, t, lanes, segments, inner, length, segmentLength, blocked,
            out int o, out int i, out int first, out int stride, out int n);
        if (active)
        {
            int at = offset + (o * outerStride) + (i * innerStride) + (first * step);
            for (int k = 0; k < n; k++)
            {
                double v = x[at];
                int index = indexed ? xIndices[at] : first + (k * stride);
                if (BetterDouble(minimum, v, index, best, bestIndex))
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
            if (t / lanes < half && BetterDouble(minimum, bestValues[other], bestIndices[other], bestValues[t], bestIndices[t]))
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
    private static double AccumulateDouble(ReadOnlySpan<double> x, int op, int at, int advance, int n, double c)
    {
        double acc = IdentityDouble(op);
        int position = at;
        if (op == OpSum)
        {
            for (int k = 0; k < n; k++)
            {
                acc += x[position];
                position += advance;
            }
        }
        else if (op == OpProd)
        {
            for (int k = 0; k < n; k++)
            {
                acc *= x[position];
                position += advance;
            }
        }
        else if (op == OpMax)
        {
            for (int k = 0; k < n; k++)
            {
                acc = MaxDouble(acc, x[position]);
                position += advance;
            }
        }
        else if (op == OpMin)
        {
            for (int k = 0; k < n; k++)
            {
                acc = MinDouble(acc, x[position]);
                position += advance;
            }
        }
        else if (op == OpSquaredDeviation)
        {
            for (int k = 0; k < n; k++)
            {
                double d = x[position] - c;
                acc += d * d;
                position += advance;
            }
        }
        else
        {
            for (int k = 0; k < n; k++)
            {
                acc += Math.Exp(x[position] - c);
                position += advance;
            }
        }

        return acc;
    }

    private static double IdentityDouble(int op) => op == OpProd ? 1.0
        : op == OpMax ? double.NegativeInfinity
        : op == OpMin ? double.PositiveInfinity
        : 0.0;

    private static double CombineDouble(int op, double a, double b) => op == OpProd ? a * b
        : op == OpMax ? MaxDouble(a, b)
        : op == OpMin ? MinDouble(a, b)
        : a + b;

    // NaN wins from either side, as in NumPy's max and min.
    private static double MaxDouble(double a, double b) => b > a || double.IsNaN(b) ? b : a;

    private static double MinDouble(double a, double b) => b < a || double.IsNaN(b) ? b : a;

    private static double FinishDouble(int finish, double value, int count, ReadOnlySpan<double> center, int at)
    {
        if (finish == FinishDivide)
        {
            return value / count;
        }

        if (finish == FinishLogAddCenter)
        {
            double c = center[at];
            return double.IsInfinity(c) ? c : Math.Log(value) + c;
        }

        return value;
    }

    // The first NaN beats everything; among equal values the smaller index wins, as NumPy's argmax and argmin.
    private static bool BetterDouble(bool minimum, double v, int index, double best, int bestIndex)
    {
        if (double.IsNaN(best))
        {
            return double.IsNaN(v) && index < bestIndex;
        }

        if (double.IsNaN(v))
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

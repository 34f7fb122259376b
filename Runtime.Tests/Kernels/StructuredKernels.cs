using System;

namespace Tandem.Runtime.Tests.Kernels;

/// <summary>Kernels with control flow, several dimensions or irregular indexing: their CPU version is a scalar loop.</summary>
public static partial class StructuredKernels
{
    private const int Window = 3;

    [Kernel]
    public static void MatMul(Index2D id, int k, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c)
    {
        int n = c.Length / (a.Length / k);
        float acc = 0;
        for (int p = 0; p < k; p++)
            acc += a[id.Y * k + p] * b[p * n + id.X];
        c[id.Y * n + id.X] = acc;
    }

    /// <summary>A 3D grid written in x-fastest order.</summary>
    [Kernel(4, 4, 2)]
    public static void Volume(Index3D id, int width, int height, float scale, Span<float> v)
        => v[(id.Z * height + id.Y) * width + id.X] = scale * (id.X + 10 * id.Y + 100 * id.Z);

    /// <summary>A loop with a branch, break and continue.</summary>
    [Kernel]
    public static void CollatzSteps(int i, ReadOnlySpan<int> start, Span<int> steps)
    {
        int n = start[i];
        int count = 0;
        while (true)
        {
            if (n <= 1)
                break;
            count++;
            if ((n & 1) == 0)
            {
                n /= 2;
                continue;
            }

            n = 3 * n + 1;
            if (count > 1000)
                break;
        }

        steps[i] = count;
    }

    /// <summary>Early return guard plus a guarded neighbour read that must not be evaluated out of range.</summary>
    [Kernel]
    public static void GuardedDifference(int i, int n, ReadOnlySpan<float> x, Span<float> y)
    {
        if (i >= n)
            return;
        float previous = i > 0 && x[i - 1] > 0 ? x[i - 1] : 0f;
        y[i] = x[i] - previous;
    }

    /// <summary>Moving sum over a const window with do/while and the C# remainder of negative numbers.</summary>
    [Kernel]
    public static void WindowSum(int i, ReadOnlySpan<int> x, Span<int> y)
    {
        int sum = 0;
        int k = 0;
        do
        {
            int j = i - k;
            if (j >= 0)
                sum += x[j] % 7;
            k++;
        }
        while (k < Window);
        y[i] = sum;
    }

    /// <summary>Integer division and remainder with negative operands, unsigned shift, wrap-around.</summary>
    [Kernel]
    public static void IntegerSemantics(int i, ReadOnlySpan<int> a, ReadOnlySpan<int> b, Span<int> quotient, Span<int> remainder, Span<int> mixed)
    {
        int d = b[i] == 0 ? 1 : b[i];
        quotient[i] = a[i] / d;
        remainder[i] = a[i] % d;
        mixed[i] = (a[i] >>> 3) + a[i] * 1103515245 + (int)((uint)a[i] >> 29);
    }

    /// <summary>Float math without an exact SIMD form (Pow, Tan) and a bool uniform.</summary>
    [Kernel]
    public static void Activation(int i, bool useTanh, ReadOnlySpan<float> x, Span<float> y)
    {
        float v = x[i];
        y[i] = useTanh ? MathF.Tanh(v) : MathF.Pow(MathF.Abs(v), 1.5f) + MathF.Sin(v) * MathF.Cos(v);
    }

    /// <summary>Side effects inside a conditional expression and a post-increment used as a value.</summary>
    [Kernel]
    public static void SideEffects(int i, Span<int> counter, Span<int> output)
    {
        int k = i;
        int before = k++;
        output[i] = (i % 2 == 0 ? counter[i]++ : counter[i]--) + before + k;
    }

    /// <summary>Double Sqrt, Max, Min, Floor, Ceiling and Round, which the GPU must compute in double, not float.</summary>
    [Kernel]
    public static void DoubleMath(int i, ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> output)
    {
        double a = x[i], b = y[i];
        output[i * 6] = Math.Sqrt(Math.Abs(a));
        output[(i * 6) + 1] = Math.Max(a, b);
        output[(i * 6) + 2] = Math.Min(a, b);
        output[(i * 6) + 3] = Math.Floor(a);
        output[(i * 6) + 4] = Math.Ceiling(a);
        output[(i * 6) + 5] = Math.Round(a);
    }

    /// <summary>Row-wise reduction over a 2D index with a float remainder.</summary>
    [Kernel]
    public static void RowNorms(Index2D id, int columns, ReadOnlySpan<double> m, Span<double> norms)
    {
        if (id.X != 0)
            return;
        double acc = 0;
        for (int c = 0; c < columns; c++)
        {
            double v = m[id.Y * columns + c];
            acc += v * v;
        }

        norms[id.Y] = Math.Sqrt(acc) % 1000.0;
    }
}

using System;

namespace Tandem.Runtime.Tests.Kernels;

/// <summary>
/// Ports of well-known GPU samples (CUDA samples, ILGPU and ComputeSharp tutorials) that use only the foundation's
/// kernel language: they check that typical real-world code builds and matches its direct call.
/// </summary>
public static partial class PortedSampleKernels
{
    private const int MaxIterations = 256;

    /// <summary>Mandelbrot escape counts over a 2D grid.</summary>
    [Kernel]
    public static void Mandelbrot(Index2D id, int width, int height, float scale, Span<int> counts)
    {
        if (id.X >= width || id.Y >= height)
            return;
        float cx = (id.X - width / 2f) * scale - 0.5f;
        float cy = (id.Y - height / 2f) * scale;
        float x = 0, y = 0;
        int iteration = 0;
        while (x * x + y * y <= 4f && iteration < MaxIterations)
        {
            float xt = x * x - y * y + cx;
            y = 2f * x * y + cy;
            x = xt;
            ++iteration;
        }

        counts[id.Y * width + id.X] = iteration;
    }

    /// <summary>Matrix transpose with a guard, the classic CUDA sample.</summary>
    [Kernel]
    public static void Transpose(Index2D id, int rows, int columns, ReadOnlySpan<float> input, Span<float> output)
    {
        if (id.X < columns && id.Y < rows)
            output[id.X * rows + id.Y] = input[id.Y * columns + id.X];
    }

    /// <summary>A 3x3 box blur with clamped borders.</summary>
    [Kernel]
    public static void BoxBlur(Index2D id, int width, int height, ReadOnlySpan<float> image, Span<float> blurred)
    {
        float sum = 0;
        int count = 0;
        for (int dy = -1; dy <= 1; dy++)
        {
            for (int dx = -1; dx <= 1; dx++)
            {
                int x = Math.Clamp(id.X + dx, 0, width - 1);
                int y = Math.Clamp(id.Y + dy, 0, height - 1);
                sum += image[y * width + x];
                count++;
            }
        }

        blurred[id.Y * width + id.X] = sum / count;
    }

    /// <summary>Black-Scholes call and put prices (CUDA sample), with a polynomial normal CDF.</summary>
    [Kernel]
    public static void BlackScholes(int i, float riskFree, float volatility, ReadOnlySpan<float> price, ReadOnlySpan<float> strike,
        ReadOnlySpan<float> years, Span<float> call, Span<float> put)
    {
        float sqrtT = MathF.Sqrt(years[i]);
        float d1 = (MathF.Log(price[i] / strike[i]) + (riskFree + 0.5f * volatility * volatility) * years[i]) / (volatility * sqrtT);
        float d2 = d1 - volatility * sqrtT;
        float discounted = strike[i] * MathF.Exp(-riskFree * years[i]);
        const float A1 = 0.31938153f, A2 = -0.356563782f, A3 = 1.781477937f, A4 = -1.821255978f, A5 = 1.330274429f;
        // Abramowitz-Stegun approximation of the standard normal CDF, for d1 then d2.
        float k1 = 1f / (1f + 0.2316419f * MathF.Abs(d1));
        float tail1 = 0.3989422804f * MathF.Exp(-0.5f * d1 * d1) * (k1 * (A1 + k1 * (A2 + k1 * (A3 + k1 * (A4 + k1 * A5)))));
        float cndD1 = d1 > 0 ? 1f - tail1 : tail1;
        float k2 = 1f / (1f + 0.2316419f * MathF.Abs(d2));
        float tail2 = 0.3989422804f * MathF.Exp(-0.5f * d2 * d2) * (k2 * (A1 + k2 * (A2 + k2 * (A3 + k2 * (A4 + k2 * A5)))));
        float cndD2 = d2 > 0 ? 1f - tail2 : tail2;
        call[i] = price[i] * cndD1 - discounted * cndD2;
        put[i] = discounted * (1f - cndD2) - price[i] * (1f - cndD1);
    }

    /// <summary>A 1D convolution with a const radius and a guarded tail, accumulating in double.</summary>
    [Kernel]
    public static void Convolve(int i, ReadOnlySpan<float> signal, ReadOnlySpan<float> taps, Span<float> output)
    {
        const int Radius = 2;
        double acc = 0;
        for (int k = -Radius; k <= Radius; k++)
        {
            int j = i + k;
            if (j < 0 || j >= signal.Length)
                continue;
            acc += (double)signal[j] * taps[k + Radius];
        }

        output[i] = (float)acc;
    }

    /// <summary>Bit-reversal permutation index and popcount with uint bit twiddling.</summary>
    [Kernel]
    public static void BitTricks(int i, int bits, Span<uint> reversed, Span<int> popcounts)
    {
        uint v = (uint)i;
        uint r = 0;
        int ones = 0;
        for (int b = 0; b < bits; b++)
        {
            r = (r << 1) | (v & 1u);
            ones += (int)(v & 1u);
            v >>= 1;
        }

        reversed[i] = r;
        popcounts[i] = ones;
    }

    /// <summary>One Jacobi sweep of a 1D heat equation, with a chained assignment and multiple declarators.</summary>
    [Kernel]
    public static void HeatStep(int i, float alpha, ReadOnlySpan<float> current, Span<float> next, Span<float> delta)
    {
        int left = i - 1, right = i + 1;
        float l = left >= 0 ? current[left] : current[i];
        float r = right < current.Length ? current[right] : current[i];
        float value = current[i] + alpha * (l - 2f * current[i] + r);
        delta[i] = (next[i] = value) - current[i];
    }
}

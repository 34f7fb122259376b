using System;
using System.Numerics;
using System.Threading;

namespace Tandem.Runtime.Tests.Kernels;

/// <summary>Kernels that use helper methods, atomics, System.Numerics vectors and switch: scalar CPU versions.</summary>
public static partial class LanguageKernels
{
    [Kernel]
    public static void Histogram(int i, int bins, ReadOnlySpan<int> values, Span<int> histogram)
    {
        int bin = Bucket(values[i], bins);
        Interlocked.Add(ref histogram[bin], 1);
    }

    /// <summary>Atomics whose results are used: a ticket counter and a running maximum by compare-exchange.</summary>
    [Kernel]
    public static void AtomicResults(int i, ReadOnlySpan<int> values, Span<int> counters, Span<uint> flags, Span<int> tickets)
    {
        tickets[i] = Interlocked.Increment(ref counters[0]) - 1;
        Interlocked.Decrement(ref counters[1]);
        int value = values[i];
        int seen = counters[2];
        while (value > seen)
        {
            int original = Interlocked.CompareExchange(ref counters[2], value, seen);
            if (original == seen)
                break;
            seen = original;
        }

        Interlocked.Or(ref flags[0], 1u << (value & 31));
        Interlocked.And(ref flags[1], ~(1u << (value & 31)));
        Interlocked.Exchange(ref counters[3], 7);
    }

    /// <summary>Compare-exchanges whose result is discarded: one thread wins each slot.</summary>
    [Kernel]
    public static void ClaimSlots(int i, Span<int> slot, Span<uint> unsignedSlot)
    {
        Interlocked.CompareExchange(ref slot[0], i, -1);
        Interlocked.CompareExchange(ref unsignedSlot[0], (uint)i, uint.MaxValue);
    }

    /// <summary>Helpers: values, early returns, ref/out/in parameters, a span parameter, and a helper calling helpers.</summary>
    [Kernel]
    public static void Helpers(int i, float scale, ReadOnlySpan<float> x, Span<float> y, Span<int> info)
    {
        float v = x[i];
        Accumulate(ref v, scale);
        SplitSign(v, out int sign, out float magnitude);
        y[i] = Smooth(magnitude, in scale) * sign + Neighbours(x, i);
        info[i] = sign;
        Accumulate(ref y[i], 1f);
    }

    /// <summary>One explicit Euler step of softened gravity between all bodies.</summary>
    [Kernel]
    public static void NBodyStep(int i, float dt, float softening, Vector3 gravity, ReadOnlySpan<Vector3> position, ReadOnlySpan<float> mass,
        Span<Vector3> velocity, Span<Vector3> newPosition)
    {
        Vector3 p = position[i];
        Vector3 acceleration = Vector3.Zero;
        for (int j = 0; j < position.Length; j++)
        {
            Vector3 d = position[j] - p;
            float distanceSquared = d.LengthSquared() + softening * softening;
            float inverse = 1f / MathF.Sqrt(distanceSquared);
            acceleration += d * (mass[j] * inverse * inverse * inverse);
        }

        Vector3 v = velocity[i] + (acceleration + gravity) * dt;
        velocity[i] = v;
        newPosition[i] = p + v * dt;
    }

    /// <summary>Vector2/Vector4 elements and the supported vector methods.</summary>
    [Kernel]
    public static void VectorMethods(int i, Vector4 weights, ReadOnlySpan<Vector2> a, ReadOnlySpan<Vector4> b, Span<Vector4> result, Span<float> scalars)
    {
        Vector2 u = a[i];
        Vector4 w = b[i];
        Vector3 n = Vector3.Normalize(new Vector3(u, 1f));
        Vector3 c = Vector3.Cross(n, Vector3.UnitY);
        Vector4 mixed = Vector4.Lerp(w, weights, 0.25f);
        mixed = Vector4.Clamp(mixed, -Vector4.One, new Vector4(2f));
        mixed.W = Vector4.Dot(w, weights) + c.X;
        result[i] = Vector4.Abs(Vector4.Min(mixed, Vector4.Max(w, Vector4.Zero))) + new Vector4(Vector3.SquareRoot(Vector3.Abs(n)), u.Length());
        scalars[i] = Vector2.Distance(u, new Vector2(1f, 2f)) + Vector2.DistanceSquared(u, Vector2.UnitX) / 8f;
    }

    /// <summary>A 5-point stencil on an interior grid; the border copies the input.</summary>
    [Kernel]
    public static void Stencil(Index2D id, int width, int height, float alpha, ReadOnlySpan<float> input, Span<float> output)
    {
        int x = id.X;
        int y = id.Y;
        int at = y * width + x;
        bool border = x == 0 || y == 0 || x == width - 1 || y == height - 1;
        if (border)
        {
            output[at] = input[at];
            return;
        }

        float sum = input[at - 1] + input[at + 1] + input[at - width] + input[at + width];
        output[at] = input[at] + alpha * (sum - 4f * input[at]);
    }

    /// <summary>switch on an int with shared labels, default, and a loop nested in a loop.</summary>
    [Kernel]
    public static void SwitchAndNestedLoops(int i, ReadOnlySpan<int> codes, Span<int> output)
    {
        int code = codes[i];
        int total = 0;
        switch (code % 4)
        {
            case 0:
                total = 10;
                break;
            case 1:
            case -1:
                total = 20;
                break;
            case 2:
                for (int a = 0; a < 3; a++)
                {
                    for (int b = 0; b <= a; b++)
                    {
                        if (b == 2)
                            break;
                        total += a * b;
                    }
                }

                break;
            default:
                total = -code;
                break;
        }

        output[i] = total;
    }

    private static int Bucket(int value, int bins)
    {
        if (value < 0)
            return 0;
        return value >= bins ? bins - 1 : value;
    }

    private static void Accumulate(ref float target, float amount) => target += amount;

    private static void SplitSign(float value, out int sign, out float magnitude)
    {
        sign = value < 0 ? -1 : 1;
        magnitude = Math.Abs(value);
    }

    private static float Smooth(float value, in float scale) => Square(value) / (1f + Square(value) * scale);

    private static float Square(float value) => value * value;

    private static float Neighbours(ReadOnlySpan<float> values, int at)
    {
        float left = at > 0 ? values[at - 1] : 0f;
        float right = at + 1 < values.Length ? values[at + 1] : 0f;
        return 0.5f * (left + right);
    }
}

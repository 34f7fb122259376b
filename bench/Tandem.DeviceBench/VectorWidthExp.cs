using System;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Tandem.Benchmarks;

namespace Tandem.DeviceBench;

/// <summary>
/// A standalone exp loop over 1M floats, one core, with 256- and 512-bit vectors (<c>VectorNNN.Exp</c>): why the
/// generated SIMD loops use 256-bit vectors at most (on the development machine's AVX-512 the 512-bit Exp was
/// several times slower than the 256-bit one).
/// </summary>
internal static class VectorWidthExp
{
    public static void Run(int length)
    {
        var random = new Random(1);
        var x = new float[length];
        for (var i = 0; i < length; i++)
        {
            x[i] = (random.NextSingle() * 20) - 10;
        }

        var y = new float[length];
        Measure("256", x, y, Vector256.IsHardwareAccelerated, () => Exp256(x, y));
        Measure("512", x, y, Vector512.IsHardwareAccelerated, () => Exp512(x, y));
    }

    private static void Measure(string width, float[] x, float[] y, bool accelerated, Action loop)
    {
        if (!accelerated)
        {
            Console.WriteLine($"Vector{width} is not accelerated here: not measured");
            return;
        }

        Array.Clear(y);
        var ms = Report.MedianMs(loop, 50);
        Report.Result($"cpu.vector{width}_exp_1thr.exp_{x.Length >> 20}M", ms, "ms", $"(Vector{width}.Exp over the array, one core)");
        Report.Check($"Vector{width}.Exp against MathF.Exp", OutputChecks.Exp(x, y));
    }

    // One method per width, as the generated code has one loop per width: VectorNNN.Exp has no generic form.
    private static void Exp256(float[] x, float[] y)
    {
        ref var from = ref MemoryMarshal.GetArrayDataReference(x);
        ref var to = ref MemoryMarshal.GetArrayDataReference(y);
        var i = 0;
        for (; i <= x.Length - Vector256<float>.Count; i += Vector256<float>.Count)
        {
            Vector256.Exp(Vector256.LoadUnsafe(ref from, (nuint)i)).StoreUnsafe(ref to, (nuint)i);
        }

        for (; i < x.Length; i++)
        {
            y[i] = MathF.Exp(x[i]);
        }
    }

    private static void Exp512(float[] x, float[] y)
    {
        ref var from = ref MemoryMarshal.GetArrayDataReference(x);
        ref var to = ref MemoryMarshal.GetArrayDataReference(y);
        var i = 0;
        for (; i <= x.Length - Vector512<float>.Count; i += Vector512<float>.Count)
        {
            Vector512.Exp(Vector512.LoadUnsafe(ref from, (nuint)i)).StoreUnsafe(ref to, (nuint)i);
        }

        for (; i < x.Length; i++)
        {
            y[i] = MathF.Exp(x[i]);
        }
    }
}

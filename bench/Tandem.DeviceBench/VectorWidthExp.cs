using System;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Tandem.Benchmarks;
using Tandem.CompilerServices;

namespace Tandem.DeviceBench;

/// <summary>
/// A standalone exp loop over 16K floats held in the core's cache (a larger array measured the memory, not the math),
/// one core, with 256- and 512-bit vectors, through .NET's <c>VectorNNN.Exp</c> (a float computed in double) and
/// through <c>VectorMath.Exp</c> (computed in float), which the generated SIMD loops call: what each width and each
/// form costs on the machine. Each form has a loop of its own (a generic method over a struct), as in generated code.
/// </summary>
internal static class VectorWidthExp
{
    private const int Length = 1 << 14;

    private const int Repeats = 64;

    private interface IExp256
    {
        static abstract Vector256<float> Exp(Vector256<float> x);
    }

    private interface IExp512
    {
        static abstract Vector512<float> Exp(Vector512<float> x);
    }

    public static void Run()
    {
        var random = new Random(1);
        var x = new float[Length];
        for (var i = 0; i < Length; i++)
        {
            x[i] = (random.NextSingle() * 20) - 10;
        }

        var y = new float[Length];
        Measure("vector256", "Vector256.Exp", x, y, Vector256.IsHardwareAccelerated, () => Loop256<DotNet>(x, y));
        Measure("vectormath256", "VectorMath.Exp in 256 bits", x, y, Vector256.IsHardwareAccelerated, () => Loop256<Tandem>(x, y));
        Measure("vector512", "Vector512.Exp", x, y, Vector512.IsHardwareAccelerated, () => Loop512<DotNet>(x, y));
        Measure("vectormath512", "VectorMath.Exp in 512 bits", x, y, Vector512.IsHardwareAccelerated, () => Loop512<Tandem>(x, y));
    }

    private static void Measure(string name, string form, float[] x, float[] y, bool accelerated, Action loop)
    {
        if (!accelerated)
        {
            Console.WriteLine($"{form}: not accelerated here, not measured");
            return;
        }

        Array.Clear(y);
        var nsPerFloat = Report.MedianMs(loop, 50) * 1e6 / (Length * Repeats);
        Report.Result($"cpu.{name}_exp_1thr.ns_per_float", nsPerFloat, "ns", $"({form} over {Length} floats in cache, {Repeats} times, one core)");
        Report.Check($"{form} against MathF.Exp", OutputChecks.Exp(x, y));
    }

    private static void Loop256<TForm>(float[] x, float[] y)
        where TForm : IExp256
    {
        ref var from = ref MemoryMarshal.GetArrayDataReference(x);
        ref var to = ref MemoryMarshal.GetArrayDataReference(y);
        for (var repeat = 0; repeat < Repeats; repeat++)
        {
            for (var i = 0; i <= x.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                TForm.Exp(Vector256.LoadUnsafe(ref from, (nuint)i)).StoreUnsafe(ref to, (nuint)i);
            }
        }
    }

    private static void Loop512<TForm>(float[] x, float[] y)
        where TForm : IExp512
    {
        ref var from = ref MemoryMarshal.GetArrayDataReference(x);
        ref var to = ref MemoryMarshal.GetArrayDataReference(y);
        for (var repeat = 0; repeat < Repeats; repeat++)
        {
            for (var i = 0; i <= x.Length - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                TForm.Exp(Vector512.LoadUnsafe(ref from, (nuint)i)).StoreUnsafe(ref to, (nuint)i);
            }
        }
    }

    private readonly struct DotNet : IExp256, IExp512
    {
        public static Vector256<float> Exp(Vector256<float> x) => Vector256.Exp(x);

        public static Vector512<float> Exp(Vector512<float> x) => Vector512.Exp(x);
    }

    private readonly struct Tandem : IExp256, IExp512
    {
        public static Vector256<float> Exp(Vector256<float> x) => VectorMath.Exp(x);

        public static Vector512<float> Exp(Vector512<float> x) => VectorMath.Exp(x);
    }
}

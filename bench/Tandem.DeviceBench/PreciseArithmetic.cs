using System;
using System.Globalization;
using Tandem.Backends.Vulkan.Compute;
using Tandem.Benchmarks;

namespace Tandem.DeviceBench;

/// <summary>
/// What exact float arithmetic costs on the GPU (every <c>+ - * /</c> of a kernel is <c>precise</c>: no folding, no
/// fused multiply-add): Saxpy (bandwidth-bound), an arithmetic chain of 64 multiply-adds and an exp chain of 32 steps
/// per element (compute-bound), and the headline's chain of 500 <c>Mx.Exp</c> launches. Run it twice, once with
/// <c>TANDEM_RELAXED_FLOATS=1</c> (the kernels compiled without the exact form): the keys end in <c>exact</c> or
/// <c>relaxed</c>, and the ratio of the two is the cost.
/// </summary>
internal static class PreciseArithmetic
{
    private const int ChainLength = 16 << 20;
    private const float Scale = 0.999f;
    private const float Shift = 0.001f;

    private static string Mode => ComputePipelineCache.RelaxedFloats ? "relaxed" : "exact";

    public static void Run()
    {
        if (!Mx.IsGpuAvailable)
        {
            return;
        }

        Console.WriteLine($"precise: GPU kernels compiled {Mode} ({ComputePipelineCache.RelaxedFloatsVariable}={(ComputePipelineCache.RelaxedFloats ? "1" : "unset")})");
        var stream = Mx.NewStream(Mx.Gpu);
        Saxpy(stream, 256 << 20);
        Chains(stream);
        HeadlineExpChain(stream);
    }

    private static void Saxpy(DeviceStream stream, int length)
    {
        using var x = Mx.Full([length], 1f, stream);
        using var y = Mx.Full([length], 2f, stream);
        stream.Synchronize();
        var launches = 0;
        var ms = Report.MedianMs(() => { BenchKernels.Saxpy(length, 0.5f, x, y, stream); stream.Synchronize(); launches++; }, 30);
        Report.Result($"precise.gpu.saxpy_256M.{Mode}", 3.0 * sizeof(float) * length / (ms * 1e-3) / 1e9, "GB/s", $"({ms:F3} ms per launch + sync)");
        Report.Check($"precise ({Mode}): saxpy gives 2 + 0.5 x {launches}", OutputChecks.All(y.ToArray(), 2f + (0.5f * launches)));
    }

    private static void Chains(DeviceStream stream)
    {
        var random = new Random(3);
        var input = new float[ChainLength];
        for (var i = 0; i < input.Length; i++)
        {
            input[i] = random.NextSingle();
        }

        using var x = Mx.Array(input);
        using var y = Mx.Zeros<float>([ChainLength], stream);
        stream.Synchronize();

        var horner = Report.MedianMs(() => { PreciseKernels.MultiplyAddChain(ChainLength, Scale, Shift, x, y, stream); stream.Synchronize(); }, 20);
        Report.Result($"precise.gpu.multiply_add_chain_64_16M.{Mode}", 2.0 * 64 * ChainLength / (horner * 1e-3) / 1e9, "GFLOP/s", $"({horner:F3} ms per launch + sync)");
        var expected = new float[ChainLength];
        for (var i = 0; i < expected.Length; i++)
        {
            PreciseKernels.MultiplyAddChain(i, Scale, Shift, input, expected);
        }

        // Exact: bit for bit as C# rounds each operation; relaxed: a fused multiply-add rounds once, a few ulps away.
        Report.Check($"precise ({Mode}): multiply-add chain against C#", Compare(expected, y.ToArray(), ComputePipelineCache.RelaxedFloats ? 1e-5f : 0f));

        var exp = Report.MedianMs(() => { PreciseKernels.ExpChain(ChainLength, x, y, stream); stream.Synchronize(); }, 20);
        Report.Result($"precise.gpu.exp_chain_32_16M.{Mode}", 32.0 * ChainLength / (exp * 1e-3) / 1e9, "Gexp/s", $"({exp:F3} ms per launch + sync)");
        for (var i = 0; i < expected.Length; i++)
        {
            PreciseKernels.ExpChain(i, input, expected);
        }

        // The GPU's exp is within a few ulps of MathF.Exp; the chain contracts errors (|d/dv| < 1).
        Report.Check($"precise ({Mode}): exp chain against C#", Compare(expected, y.ToArray(), 1e-5f));
    }

    private static void HeadlineExpChain(DeviceStream stream)
    {
        using var b = Mx.Full([512, 4], 0.5f, stream);
        var ms = Report.MedianMs(() =>
        {
            var r = b;
            for (var i = 0; i < 500; i++)
            {
                r = Mx.Exp(r, stream);
            }

            stream.Synchronize();
        }, 20);
        Report.Result($"precise.gpu.exp2048_chain_500.{Mode}", ms, "ms", "(r = Mx.Exp(r) on (512, 4), 500 then 1 sync)");
    }

    private static string? Compare(float[] expected, float[] actual, float relative)
    {
        for (var i = 0; i < expected.Length; i++)
        {
            var close = relative == 0f
                ? BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i])
                : MathF.Abs(expected[i] - actual[i]) <= relative * MathF.Abs(expected[i]);
            if (!close)
            {
                return string.Create(CultureInfo.InvariantCulture, $"element {i}: {actual[i]:R}, expected {expected[i]:R}");
            }
        }

        return null;
    }
}

/// <summary>The compute-bound kernels of <see cref="PreciseArithmetic"/>.</summary>
public static partial class PreciseKernels
{
    /// <summary>64 multiply-adds per element, each rounded twice as C# does (a compiler would otherwise fuse them).</summary>
    [Kernel]
    public static void MultiplyAddChain(int i, float scale, float shift, ReadOnlySpan<float> x, Span<float> y)
    {
        float v = x[i];
        for (int k = 0; k < 64; k++)
        {
            v = (v * scale) + shift;
        }

        y[i] = v;
    }

    /// <summary>32 steps of v = exp(-v / 2) + 1/4 per element.</summary>
    [Kernel]
    public static void ExpChain(int i, ReadOnlySpan<float> x, Span<float> y)
    {
        float v = x[i];
        for (int k = 0; k < 32; k++)
        {
            v = MathF.Exp(v * -0.5f) + 0.25f;
        }

        y[i] = v;
    }
}

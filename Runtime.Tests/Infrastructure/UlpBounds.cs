using System;

namespace Tandem.Runtime.Tests.Infrastructure;

/// <summary>
/// How far (units in the last place, for <see cref="Numerics.AssertUlps{T}(T[], T[], int, string)"/>) a device's
/// results may lie from the direct C# call, for what does not round exactly. One home for the bounds every float test
/// states. +, -, *, selects, clamps, min/max, floor/ceiling/round and conversions have no entry: they compare bit for
/// bit on every device.
/// <para>
/// The CPU's generated SIMD loop computes a float's exp with the runtime's <c>VectorMath.Exp</c> (within 1 ULP of
/// <see cref="MathF"/>'s for every float) and log with .NET's vector math (up to 2 ULP, measured over 100,000
/// inputs); its quotients and roots round correctly. On the GPU the bounds are Vulkan's precision requirements where
/// those are tight, and llvmpipe's measured error with margin where Vulkan allows far more (sin and cos: 2^-11
/// absolute): a driver that used Vulkan's whole allowance there would fail, which is what such a test should say.
/// </para>
/// </summary>
public static class UlpBounds
{
    private const int CpuVectorMath = 4;

    /// <summary>
    /// A quotient or a square root: exact on the CPU; Vulkan allows 2.5 ULP for a quotient and inherits the square
    /// root's from 1/inversesqrt (llvmpipe rounds both correctly).
    /// </summary>
    public static int Divide(string device) => device == "gpu" ? 3 : 0;

    /// <summary>exp(x) for |x| up to <paramref name="largestArgument"/>: Vulkan's 3 + 2|x| ULP on the GPU (llvmpipe: 17 at x = -17).</summary>
    public static int Exp(string device, float largestArgument) =>
        device == "gpu" ? 3 + (int)MathF.Ceiling(2 * largestArgument) : CpuVectorMath;

    /// <summary>
    /// log, at the scale max(|log x|, 1): Vulkan's 3 ULP, or 2^-21 absolute for x in
    /// [0.5, 2], which is 4 ULP at scale 1.
    /// </summary>
    public static int Log(string device) => CpuVectorMath;

    /// <summary>
    /// tanh, sin, cos and pow at the scale max(|result|, 1): llvmpipe stays within 1 ULP
    /// there (measured over 100,000 inputs in [-5, 5]).
    /// </summary>
    public static int Trigonometric(string device) => device == "gpu" ? 16 : CpuVectorMath;

    /// <summary>
    /// pow(x, y) where |y · log2 x| stays below <paramref name="largestExp2Argument"/>: Vulkan defines pow as
    /// exp2(y · log2 x), so its error grows like exp2's (3 + 2|argument| ULP); the CPU's MathF.Pow is within 1 ULP.
    /// </summary>
    public static int Power(string device, float largestExp2Argument) =>
        device == "gpu" ? 3 + (int)MathF.Ceiling(2 * largestExp2Argument) : 1;

    /// <summary>A double square root on the GPU: two Newton steps on a float estimate land within 2 ULP.</summary>
    public static int DoubleSqrt(string device) => device == "gpu" ? 2 : 0;
}

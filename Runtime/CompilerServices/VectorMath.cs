using System.ComponentModel;

namespace Tandem.CompilerServices;

/// <summary>
/// Vector forms of math functions that <see cref="System.Runtime.Intrinsics"/> lacks or computes in a wider type,
/// called by the SIMD loops of generated CPU kernels (a kernel's <c>MathF.Tanh</c> becomes <c>VectorMath.Tanh</c>
/// there, a float <c>MathF.Sin</c> <c>VectorMath.Sin</c>). Not meant to be called directly.
/// </summary>
/// <remarks>
/// Each width is written out: the generated loops call the 256-bit form where it is accelerated and the 128-bit one
/// elsewhere (Arm), and the two vector types share no public generic interface to write it once over. The float
/// forms use fused multiply-adds, which every processor with AVX2 or Arm's AdvSimd has (elsewhere .NET emulates them:
/// the same results, slower).
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class VectorMath
{
}

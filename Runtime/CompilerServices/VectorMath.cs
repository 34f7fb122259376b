using System.ComponentModel;

namespace Tandem.CompilerServices;

/// <summary>
/// Vector forms of math functions that <see cref="System.Runtime.Intrinsics"/> lacks or computes in a wider type,
/// called by the SIMD loops of generated CPU kernels (a kernel's <c>MathF.Tanh</c> becomes <c>VectorMath.Tanh</c>
/// there, a float <c>MathF.Sin</c> <c>VectorMath.Sin</c>). Not meant to be called directly.
/// </summary>
/// <remarks>
/// Each width is written out: the generated loops call the 512-bit form where .NET accelerates it, the 256- and
/// 128-bit ones for what is left and where it does not (Arm has 128 only), and the vector types share no public
/// generic interface to write it once over. The float
/// forms use fused multiply-adds, which every processor with AVX2 or Arm's AdvSimd has (elsewhere .NET emulates them:
/// the same results, slower).
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class VectorMath
{
}

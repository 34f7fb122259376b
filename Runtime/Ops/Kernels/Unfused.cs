namespace Tandem.Ops.Kernels;

/// <summary>
/// How the built-in kernels get the same float bits on every device where a product feeds a sum.
/// </summary>
/// <remarks>
/// <para>
/// C# rounds <c>a * b + c</c> twice (the product, then the sum). A GPU compiler may fuse the two into one
/// multiply-add rounded once (SPIR-V allows it unless told otherwise; NVIDIA's does it), and Vulkan lets a device
/// implement an explicit <c>fma</c> as a multiply and an add (llvmpipe does), so neither spelling gives the same bits
/// everywhere.
/// </para>
/// <para>
/// The kernels multiply the product once more by <see cref="One"/>, passed as a uniform so that no compiler knows its
/// value: <c>c + a * b * one</c>. The product <c>a * b</c> feeds a multiply, which no compiler fuses, so it is rounded;
/// multiplying by 1 is exact, so whether the last multiply and the sum are fused or not, the result is the sum rounded
/// once. Every device then computes exactly what C# computes.
/// </para>
/// <para>
/// The same kernels use only operations Vulkan rounds correctly (+, -, *, comparisons, conversions of integers that
/// fit the significand) and values far from the subnormal range (which a device may flush to zero): no division, no
/// <c>sqrt</c>, no built-in transcendentals.
/// </para>
/// </remarks>
internal static class Unfused
{
    /// <summary>The value every kernel's <c>one</c> parameter gets.</summary>
    public const float One = 1f;
}

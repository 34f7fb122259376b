namespace Tandem.Abi;

/// <summary>
/// Every HLSL source a device may compile for one kernel's shader. The runtime compiles the one its device needs; the
/// ahead-of-time compilers (the build step, <c>Mx.Precompile</c>) compile them all, so every device finds its own.
/// </summary>
internal static class ShaderVariants
{
    /// <summary>
    /// The sources a device may compile for the kernel whose generated HLSL is <paramref name="hlsl"/>: the plain one,
    /// and the one for software devices such as llvmpipe (<see cref="KernelAbi.ForSoftwareDevice"/>).
    /// </summary>
    public static string[] Of(string hlsl) => new[] { hlsl, KernelAbi.ForSoftwareDevice(hlsl) };
}

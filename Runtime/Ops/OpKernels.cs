using Tandem.Ops.Kernels;

namespace Tandem.Ops;

/// <summary>The kernel families behind <see cref="Mx"/>'s ops.</summary>
internal static class OpKernels
{
    public static readonly KernelFamily Uniform = new("Random.Uniform",
        new RandomLauncher<float>(RandomKernels.UniformFloat), new RandomLauncher<double>(RandomKernels.UniformDouble), null);

    public static readonly KernelFamily Normal = new("Random.Normal",
        new RandomLauncher<float>(RandomKernels.NormalFloat), new RandomLauncher<double>(RandomKernels.NormalDouble), null);
}

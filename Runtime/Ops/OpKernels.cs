using Tandem.Ops.Kernels;

namespace Tandem.Ops;

/// <summary>The kernel families behind <see cref="Mx"/>'s ops.</summary>
internal static class OpKernels
{
    public static readonly KernelFamily SumChunks = new("Sum",
        new SumChunksLauncher<float>(SumKernels.SumChunksFloat), new SumChunksLauncher<double>(SumKernels.SumChunksDouble),
        new SumChunksLauncher<int>(SumKernels.SumChunksInt));

    public static readonly KernelFamily SumPartials = new("Sum",
        new SumPartialsLauncher<float>(SumKernels.SumPartialsFloat), new SumPartialsLauncher<double>(SumKernels.SumPartialsDouble),
        new SumPartialsLauncher<int>(SumKernels.SumPartialsInt));
}

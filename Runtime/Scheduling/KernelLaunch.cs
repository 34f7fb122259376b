using Tandem.CompilerServices;

namespace Tandem.Scheduling;

/// <summary>One validated kernel launch, in the form every device backend can run.</summary>
/// <param name="Kernel">The generated descriptor (HLSL, bindings, group size).</param>
/// <param name="Extent">Threads along each axis; axes beyond the kernel's rank are 1.</param>
/// <param name="Uniforms">
/// The uniform block as the launcher wrote it: the user's scalars after room for the header and buffer lengths, which
/// the GPU backend fills at dispatch. Empty on a stream that does not read it (<see cref="StreamExecutor.ReadsUniformBlock"/>).
/// </param>
/// <param name="CpuBody">The generated CPU version bound to this launch's arguments.</param>
/// <param name="Arrays">The arrays bound to the kernel's buffer parameters, in parameter order (each binds in place).</param>
internal sealed record KernelLaunch(KernelDescriptor Kernel, Index3D Extent, byte[] Uniforms, CpuKernelBody CpuBody,
    UnifiedArray[] Arrays)
{
    /// <summary>
    /// The arrays the launcher was given, where some differ from <see cref="Arrays"/> (read-only views replaced by
    /// contiguous copies); null when all were bound as given. The CPU body captured these and resolves them through
    /// <see cref="LaunchBindings"/>.
    /// </summary>
    public UnifiedArray[]? Requested { get; init; }
}

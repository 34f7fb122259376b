using System.Reflection;
using Tandem.CompilerServices;
using Tandem.Devices;

namespace Tandem;

public static partial class Mx
{
    /// <summary>
    /// Compiles every <c>[Kernel]</c> of <paramref name="assembly"/> to SPIR-V now, into the shader cache, so later
    /// GPU launches skip the compiler — and a machine without glslc can run them from a copy of the cache. Needs glslc
    /// (or dxc) for kernels not cached yet; needs no GPU.
    /// </summary>
    /// <param name="assembly">An assembly with kernels, e.g. <c>typeof(MyKernels).Assembly</c>.</param>
    /// <returns>How many kernels there were, and how many came from the cache.</returns>
    /// <remarks>
    /// The cache directory is <c>TANDEM_SHADER_CACHE</c>, else <c>$XDG_CACHE_HOME/tandem/shaders</c>, else
    /// <c>~/.cache/tandem/shaders</c>. Entries are verified when read (length, SHA-256, and the key of what they were
    /// compiled from); a corrupt or misplaced one is rebuilt.
    /// </remarks>
    /// <exception cref="System.InvalidOperationException">
    /// No shader compiler is installed and a kernel is not cached, a kernel does not compile (the message names it and
    /// carries the compiler's output), or the cache directory cannot be written (the message names TANDEM_SHADER_CACHE).
    /// </exception>
    public static PrecompileReport Precompile(Assembly assembly)
        => DeviceRegistry.PrecompileForGpu(KernelRegistry.KernelsOf(assembly));
}

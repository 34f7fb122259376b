namespace Tandem.Backends.Vulkan.Compute;

/// <summary>
/// SPIR-V compiled before the program ran (when the kernels' assembly was built), which
/// <see cref="ComputePipelineCache"/> uses instead of running the shader compiler.
/// </summary>
/// <remarks>Implementations are thread-safe.</remarks>
internal interface IPrecompiledShaders
{
    /// <summary>The SPIR-V of <paramref name="entryPoint"/> in <paramref name="hlsl"/>.</summary>
    /// <returns>The module's bytes; null when it was not compiled ahead of time (the compiler then makes it).</returns>
    byte[]? Find(string hlsl, string entryPoint);
}

namespace Tandem;

/// <summary>What <see cref="Mx.Precompile"/> did.</summary>
/// <param name="Kernels">The kernels found in the assembly.</param>
/// <param name="FromCache">Those whose SPIR-V was already in the cache (and verified).</param>
/// <param name="Compiled">Those compiled now (missing or corrupt entries), and written to the cache.</param>
/// <param name="CacheDirectory">The shader cache directory (<c>TANDEM_SHADER_CACHE</c>, else <c>~/.cache/tandem/shaders</c>).</param>
public sealed record PrecompileReport(int Kernels, int FromCache, int Compiled, string CacheDirectory);

using System;
using System.Collections.Generic;
using Tandem.Abi;
using Tandem.Backends.Vulkan.Compute;
using Tandem.CompilerServices;

namespace Tandem.Backends.Vulkan.GpuDevice;

/// <summary>
/// Compiles kernels ahead of time into the shader disk cache, so a machine without glslc (the GPU machine, a
/// container) can run them from the cache: copy the cache directory there, or point <c>TANDEM_SHADER_CACHE</c> at it.
/// </summary>
/// <remarks>
/// Each kernel is compiled (or verified in the cache) under both the compiler-specific key and the portable key that a
/// compiler-less machine looks up.
/// </remarks>
internal static class ShaderPrecompiler
{
    /// <summary>Compiles <paramref name="kernels"/> through <paramref name="compiler"/>'s cache.</summary>
    /// <exception cref="ShaderCompilerNotFoundException">No compiler, and some kernel is not cached.</exception>
    /// <exception cref="ShaderCompilationException">A kernel does not compile; the message names its entry point.</exception>
    /// <exception cref="InvalidOperationException">The cache directory cannot be used; the message names <c>TANDEM_SHADER_CACHE</c>.</exception>
    public static PrecompileReport Precompile(IReadOnlyCollection<KernelDescriptor> kernels, ShaderCompiler compiler)
    {
        ArgumentNullException.ThrowIfNull(kernels);
        ArgumentNullException.ThrowIfNull(compiler);
        int fromCache = 0;
        foreach (KernelDescriptor kernel in kernels)
        {
            // A kernel counts as cached when every entry point it may launch was, in every variant a device may compile.
            bool cached = true;
            foreach (string? entryPoint in (string?[])[kernel.EntryPoint, kernel.WideEntryPoint])
            {
                if (entryPoint is null)
                {
                    continue;
                }

                try
                {
                    foreach (string source in ShaderVariants.Of(kernel.Hlsl))
                    {
                        cached &= compiler.Compile(source, entryPoint).FromCache;
                    }
                }
                catch (ShaderCompilationException e)
                {
                    throw new ShaderCompilationException(e.EntryPoint, e.CompilerOutput, $"Kernel '{kernel.Name}' does not compile: {e.Message}");
                }
            }

            fromCache += cached ? 1 : 0;
        }

        if (compiler.Cache.Problem is { } problem)
        {
            // Precompiling is filling the cache: without one, the work is lost.
            throw new InvalidOperationException("Mx.Precompile could not store the compiled kernels. " + problem);
        }

        return new PrecompileReport(kernels.Count, fromCache, kernels.Count - fromCache, compiler.Cache.Directory);
    }
}

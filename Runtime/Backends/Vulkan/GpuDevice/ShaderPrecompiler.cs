using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Tandem.CompilerServices;
using Tandem.Backends.Vulkan.Compute;

namespace Tandem.Backends.Vulkan.GpuDevice;

/// <summary>
/// Compiles kernels ahead of time into the shader disk cache, so a machine without glslc (the GPU machine, a
/// container) can run them from the cache: copy the cache directory there, or point <c>TANDEM_SHADER_CACHE</c> at it.
/// </summary>
/// <remarks>
/// Kernels are found by reflection: the generator emits, per <c>[Kernel]</c> method, a nested class named
/// <c>__TandemKernel_&lt;Method&gt;</c> with a static field <c>Descriptor</c>. Each is compiled (or verified in the
/// cache) under both the compiler-specific key and the portable key that a compiler-less machine looks up.
/// </remarks>
internal static class ShaderPrecompiler
{
    /// <summary>The prefix of the generated classes that hold a kernel's descriptor.</summary>
    public const string KernelClassPrefix = "__TandemKernel_";

    [RequiresUnreferencedCode("Finds the generated kernel classes by reflection; trimming may remove them.")]
    public static PrecompileReport Precompile(Assembly assembly, ShaderCompiler compiler)
        => Precompile(FindKernels(assembly), compiler);

    /// <summary>Compiles <paramref name="kernels"/> through <paramref name="compiler"/>'s cache.</summary>
    /// <exception cref="ShaderCompilerNotFoundException">No compiler, and some kernel is not cached.</exception>
    /// <exception cref="ShaderCompilationException">A kernel does not compile; the message names its entry point.</exception>
    public static PrecompileReport Precompile(IReadOnlyCollection<KernelDescriptor> kernels, ShaderCompiler compiler)
    {
        ArgumentNullException.ThrowIfNull(kernels);
        ArgumentNullException.ThrowIfNull(compiler);
        int fromCache = 0;
        foreach (KernelDescriptor kernel in kernels)
        {
            // A kernel counts as cached when every entry point it may launch was.
            bool cached = true;
            foreach (string? entryPoint in (string?[])[kernel.EntryPoint, kernel.WideEntryPoint])
            {
                if (entryPoint is null)
                {
                    continue;
                }

                try
                {
                    cached &= compiler.Compile(kernel.Hlsl, entryPoint).FromCache;
                }
                catch (ShaderCompilationException e)
                {
                    throw new ShaderCompilationException(e.EntryPoint, e.CompilerOutput, $"Kernel '{kernel.Name}' does not compile: {e.Message}");
                }
            }

            fromCache += cached ? 1 : 0;
        }

        return new PrecompileReport(kernels.Count, fromCache, kernels.Count - fromCache, compiler.Cache.Directory);
    }

    /// <summary>The descriptors of every generated kernel in <paramref name="assembly"/>, in a stable order.</summary>
    [RequiresUnreferencedCode("Finds the generated kernel classes by reflection; trimming may remove them.")]
    public static IReadOnlyList<KernelDescriptor> FindKernels(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        Type?[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException partial)
        {
            types = partial.Types; // the types that did load still count
        }

        var kernels = new List<KernelDescriptor>();
        foreach (Type? type in types)
        {
            if (type is { IsNested: true } && type.Name.StartsWith(KernelClassPrefix, StringComparison.Ordinal)
                && type.GetField("Descriptor", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static) is { } field
                && field.GetValue(null) is KernelDescriptor descriptor)
            {
                kernels.Add(descriptor);
            }
        }

        kernels.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return kernels;
    }
}

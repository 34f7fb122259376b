using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Tandem.Abi;
using Tandem.Backends.Vulkan.Compute;

namespace Tandem.ShaderBuild;

/// <summary>What compiling an assembly's kernels gave.</summary>
/// <param name="Bundle">The modules that compiled; empty when no compiler was found.</param>
/// <param name="Errors">One MSBuild-format error line per rejected shader, at its kernel's declaration.</param>
/// <param name="Warning">An MSBuild-format warning line when no compiler was found; null otherwise.</param>
internal sealed record BundleResult(ShaderBundle Bundle, IReadOnlyList<string> Errors, string? Warning);

/// <summary>
/// Compiles every entry point of every kernel, in every source variant a device may compile
/// (<see cref="ShaderVariants"/>), in parallel, through the runtime's <see cref="ShaderCompiler"/> and its disk
/// cache, so an unchanged kernel is read back instead of compiled again.
/// </summary>
internal static class BundleCompiler
{
    /// <summary>The diagnostic of a shader the compiler rejects.</summary>
    public const string RejectedShaderId = "TK0100";

    /// <summary>The diagnostic of a build without a shader compiler.</summary>
    public const string NoCompilerId = "TK0101";

    /// <param name="kernels">The assembly's kernels.</param>
    /// <param name="compiler">The compiler (and cache) to use.</param>
    /// <param name="fallbackLocation">Where to report what has no kernel location (the project file).</param>
    /// <param name="assemblyName">The assembly's name, for the messages.</param>
    public static BundleResult Compile(IReadOnlyList<KernelShader> kernels, ShaderCompiler compiler, string fallbackLocation, string assemblyName)
    {
        var jobs = (from kernel in kernels
                    from source in ShaderVariants.Of(kernel.Hlsl)
                    from entryPoint in kernel.EntryPoints
                    select (Kernel: kernel, Source: source, EntryPoint: entryPoint)).ToList();
        var modules = new ConcurrentDictionary<string, byte[]>(StringComparer.Ordinal);
        var errors = new ConcurrentBag<(string Kernel, string EntryPoint, string Line)>();
        var missingCompiler = new ConcurrentBag<string>();
        Parallel.ForEach(jobs, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, job =>
        {
            try
            {
                SpirvModule module = compiler.Compile(job.Source, job.EntryPoint);
                modules[ShaderCompiler.PortableKey(job.Source, job.EntryPoint)] = module.Code;
            }
            catch (ShaderCompilationException e)
            {
                errors.Add((job.Kernel.Name, job.EntryPoint, Rejected(job.Kernel, job.EntryPoint, e, fallbackLocation)));
            }
            catch (ShaderCompilerNotFoundException e)
            {
                missingCompiler.Add(e.Message);
            }
        });

        if (!missingCompiler.IsEmpty)
        {
            string warning = $"{fallbackLocation}: warning {NoCompilerId}: No HLSL compiler was found at build time, so the kernels of "
                + $"{assemblyName} will be compiled when first launched on a GPU, which then needs one. {missingCompiler.First()}";
            return new BundleResult(new ShaderBundle(string.Empty, new Dictionary<string, byte[]>()), [], warning);
        }

        // A variant's rejection repeats its kernel's: one error per kernel and entry point.
        string[] lines = [.. errors.DistinctBy(e => (e.Kernel, e.EntryPoint)).OrderBy(e => e.Kernel, StringComparer.Ordinal)
            .ThenBy(e => e.EntryPoint, StringComparer.Ordinal).Select(e => e.Line)];
        string identity = jobs.Count == 0 ? "no kernels" : compiler.CompilerIdentity;
        return new BundleResult(new ShaderBundle(identity, modules), lines, null);
    }

    private static string Rejected(KernelShader kernel, string entryPoint, ShaderCompilationException e, string fallbackLocation)
    {
        string location = kernel.SourcePath is null ? fallbackLocation : $"{kernel.SourcePath}({kernel.Line},{kernel.Column})";
        string output = string.Join(" ", e.CompilerOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return $"{location}: error {RejectedShaderId}: Kernel '{kernel.Name}': the shader compiler rejected its generated HLSL "
            + $"(entry point '{entryPoint}'), which is a bug in Tandem's generator: please report it with the kernel. {output}";
    }
}

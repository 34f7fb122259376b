using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Linq;
using System.Reflection;
using Tandem.CompilerServices;
using Tandem.Devices;

namespace Tandem.Cli;

/// <summary>
/// <c>tandem precompile &lt;assembly&gt;</c>: every kernel of an assembly compiled to SPIR-V into the shader cache, one
/// at a time with a progress bar, failures listed by kernel.
/// </summary>
internal static class PrecompileCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var assemblyPath = new Argument<FileInfo>("assembly") { Description = "The .dll built with the Tandem generator whose kernels to compile." };
        Option<bool> json = TandemCommand.JsonOption();
        var command = new Command("precompile", "Compile every [Kernel] of an assembly to SPIR-V into the shader cache, so later runs (or machines without glslc given a copy of the cache) skip the compiler.")
        {
            assemblyPath,
            json,
        };
        command.SetAction(parsed =>
        {
            FileInfo file = parsed.GetValue(assemblyPath)!;
            if (!file.Exists)
            {
                error.WriteLine($"No such assembly: {file.FullName}");
                return ExitCodes.Failure;
            }

            Assembly assembly;
            try
            {
                assembly = LoadUserAssembly(file.FullName);
            }
            catch (BadImageFormatException notAssembly)
            {
                error.WriteLine($"{file.FullName} is not a .NET assembly: {notAssembly.Message}");
                return ExitCodes.Failure;
            }

            PrecompileSummary summary = Compile(assembly, file.FullName, parsed.GetValue(json) ? null : new ProgressBar(error));
            output.WriteLine(parsed.GetValue(json) ? CliJson.Write(summary, CliJson.Default.PrecompileSummary) : Text(summary));
            return summary.Failures.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    // The tandem tool itself is never trimmed; a trimmed program that embeds the tool (the device benchmark) uses
    // only its info and trace commands, so loading a user's assembly by path is not reached there.
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The tandem tool is published untrimmed.")]
    private static Assembly LoadUserAssembly(string path) => Assembly.LoadFrom(path);

    private static PrecompileSummary Compile(Assembly assembly, string path, ProgressBar? progress)
    {
        IReadOnlyList<KernelDescriptor> kernels = KernelRegistry.KernelsOf(assembly);
        var failures = new List<KernelFailure>();
        int fromCache = 0, compiled = 0;
        string? directory = null;
        for (int i = 0; i < kernels.Count; i++)
        {
            progress?.Show(i, kernels.Count, kernels[i].Name);
            try
            {
                PrecompileReport one = DeviceRegistry.PrecompileForGpu([kernels[i]]);
                fromCache += one.FromCache;
                compiled += one.Compiled;
                directory = one.CacheDirectory;
            }
            catch (InvalidOperationException failure)
            {
                failures.Add(new KernelFailure(kernels[i].Name, failure.Message));
            }
        }

        progress?.Done(kernels.Count);
        return new PrecompileSummary(path, kernels.Count, fromCache, compiled, failures, directory ?? Backends.Vulkan.Compute.ShaderCompiler.DefaultCacheDirectory());
    }

    private static string Text(PrecompileSummary summary)
    {
        string line = summary.Kernels == 0
            ? $"{summary.Assembly} has no kernels (is it built with the Tandem generator?)."
            : $"{summary.Kernels} kernels: {summary.Compiled} compiled, {summary.FromCache} already cached, {summary.Failures.Count} failed; cache: {summary.CacheDirectory}";
        return line + string.Concat(summary.Failures.Select(f => $"{Environment.NewLine}FAILED {f.Kernel}: {f.Message}"));
    }

    /// <summary>One line redrawn in place: <c>[#####-----] 12/40 Kernel.Name</c>.</summary>
    private sealed class ProgressBar(TextWriter error)
    {
        private const int Width = 30;

        public void Show(int done, int total, string current)
        {
            int filled = total == 0 ? Width : done * Width / total;
            error.Write($"\r[{new string('#', filled)}{new string('-', Width - filled)}] {done}/{total} {current}".PadRight(100));
        }

        public void Done(int total)
        {
            Show(total, total, string.Empty);
            error.WriteLine();
        }
    }
}

/// <summary>What <c>tandem precompile</c> did.</summary>
/// <param name="Assembly">The assembly's path.</param>
/// <param name="Kernels">Its kernels.</param>
/// <param name="FromCache">Those already in the cache.</param>
/// <param name="Compiled">Those compiled now.</param>
/// <param name="Failures">Those that failed, by kernel.</param>
/// <param name="CacheDirectory">The shader cache directory.</param>
internal sealed record PrecompileSummary(string Assembly, int Kernels, int FromCache, int Compiled, IReadOnlyList<KernelFailure> Failures, string CacheDirectory);

/// <summary>A kernel that did not compile.</summary>
/// <param name="Kernel">Its name.</param>
/// <param name="Message">The compiler's complaint, or what is missing.</param>
internal sealed record KernelFailure(string Kernel, string Message);

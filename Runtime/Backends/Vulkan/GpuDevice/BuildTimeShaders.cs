using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Reflection;
using Tandem.Backends.Vulkan.Compute;
using Tandem.CompilerServices;

namespace Tandem.Backends.Vulkan.GpuDevice;

/// <summary>
/// The SPIR-V the build compiled for the kernels of every assembly that registered kernels: each assembly's
/// <see cref="ShaderBundle"/>, taken from the assembly's own manifest resource (<see cref="ShaderBundle.ResourceName"/>),
/// else from the file the build leaves beside an assembly it could not rewrite (next to the assembly or in the
/// application's directory). A kernel found there needs no shader compiler at run time; any other is compiled on first
/// use (through the disk cache), and an assembly built without the step says so once, as a <see cref="Trace"/> line.
/// </summary>
/// <remarks>Bundles are read when a pipeline is first asked for after an assembly registered kernels. Thread-safe.</remarks>
internal sealed class BuildTimeShaders : IPrecompiledShaders
{
    private readonly object _gate = new();
    private readonly HashSet<Assembly> _read = [];
    private readonly List<ShaderBundle> _bundles = [];

    /// <summary>The bundles of the process's kernel assemblies.</summary>
    public static BuildTimeShaders Shared { get; } = new();

    /// <inheritdoc />
    public byte[]? Find(string hlsl, string entryPoint)
    {
        lock (_gate)
        {
            ReadNewAssemblies();
            foreach (ShaderBundle bundle in _bundles)
            {
                if (bundle.TryGet(hlsl, entryPoint, out byte[] code))
                {
                    return code;
                }
            }
        }

        return null;
    }

    private void ReadNewAssemblies()
    {
        foreach (Assembly assembly in KernelRegistry.Assemblies())
        {
            if (!_read.Add(assembly))
            {
                continue;
            }

            string name = assembly.GetName().Name ?? string.Empty;
            string? why = TryRead(assembly, name, out ShaderBundle? bundle, out _);
            if (bundle is not null)
            {
                _bundles.Add(bundle);
            }

            if (why is not null)
            {
                Trace.TraceInformation($"Tandem: the kernels of '{name}' are compiled with glslc on first use on the GPU: {why}");
            }
        }
    }

    /// <summary>
    /// Where the SPIR-V of <paramref name="assembly"/>'s kernels comes from (its resource, a file beside it, or the
    /// compiler on first use, and why), for <c>tandem info</c>.
    /// </summary>
    public static string DescribeSource(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        string? why = TryRead(assembly, assembly.GetName().Name ?? string.Empty, out ShaderBundle? bundle, out string? origin);
        return why is null
            ? $"{origin}: {bundle!.Count} SPIR-V modules compiled at build time by "
                + string.Join("; ", bundle.CompilerIdentity.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            : $"compiled with glslc on first use: {why}";
    }

    /// <summary>Reads the assembly's bundle; returns why its kernels will be compiled at run time, or null.</summary>
    private static string? TryRead(Assembly assembly, string name, out ShaderBundle? bundle, out string? origin)
    {
        bundle = null;
        origin = null;
        try
        {
            (bundle, origin) = ReadEmbedded(assembly, name) ?? ReadBeside(assembly, name);
            return bundle is null ? $"it carries no {ShaderBundle.ResourceName} resource and no {name}{ShaderBundle.FileExtension} was found next to it (it was built without Tandem's build step)."
                : bundle.CompilerIdentity.Length == 0 ? $"{origin} is empty: no glslc was found when the assembly was built."
                : null;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException or EndOfStreamException)
        {
            return e.Message;
        }
    }

    /// <summary>The bundle the build embedded in the assembly; null when it carries none.</summary>
    private static (ShaderBundle? Bundle, string? Origin)? ReadEmbedded(Assembly assembly, string name)
    {
        using Stream? resource = assembly.GetManifestResourceStream(ShaderBundle.ResourceName);
        if (resource is null)
        {
            return null;
        }

        var bytes = new byte[resource.Length];
        resource.ReadExactly(bytes);
        string origin = $"the {ShaderBundle.ResourceName} resource of {name}";
        return (ShaderBundle.Read(bytes, origin), origin);
    }

    /// <summary>The bundle file beside the assembly or in the application's directory; a null bundle when there is none.</summary>
    private static (ShaderBundle? Bundle, string? Origin) ReadBeside(Assembly assembly, string name)
    {
        foreach (string directory in Directories(assembly))
        {
            string path = ShaderBundle.PathFor(directory, name);
            if (ShaderBundle.Read(path) is { } bundle)
            {
                return (bundle, $"'{path}'");
            }
        }

        return (null, null);
    }

    [UnconditionalSuppressMessage("SingleFile", "IL3000:Avoid accessing Assembly file path when publishing as a single file",
        Justification = "An empty Location (single-file, NativeAOT) is skipped; the application's directory is looked in as well.")]
    private static IEnumerable<string> Directories(Assembly assembly)
    {
        string? beside = string.IsNullOrEmpty(assembly.Location) ? null : Path.GetDirectoryName(assembly.Location);
        if (!string.IsNullOrEmpty(beside))
        {
            yield return beside;
        }

        if (!string.Equals(beside?.TrimEnd(Path.DirectorySeparatorChar), AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal))
        {
            yield return AppContext.BaseDirectory;
        }
    }
}

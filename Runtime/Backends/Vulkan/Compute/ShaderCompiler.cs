using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;

namespace Tandem.Backends.Vulkan.Compute;

/// <summary>A compiled SPIR-V module.</summary>
/// <param name="Code">The SPIR-V words, as bytes.</param>
/// <param name="Hash">The SHA-256 of <paramref name="Code"/>, lowercase hex: the pipeline cache key.</param>
/// <param name="EntryPoint">The entry point's name in the module.</param>
/// <param name="FromCache">True when it came from the disk cache rather than the compiler.</param>
/// <param name="CacheKey">The key of its disk cache entry: what it was compiled from (source, entry point, compiler, options).</param>
internal sealed record SpirvModule(byte[] Code, string Hash, string EntryPoint, bool FromCache, string CacheKey);

/// <summary>The HLSL compiler could not be found.</summary>
internal sealed class ShaderCompilerNotFoundException : InvalidOperationException
{
    public ShaderCompilerNotFoundException(string message) : base(message)
    {
    }
}

/// <summary>The HLSL compiler rejected a shader; the message carries its output and the entry point.</summary>
internal sealed class ShaderCompilationException : InvalidOperationException
{
    public ShaderCompilationException(string entryPoint, string compilerOutput, string message) : base(message)
    {
        EntryPoint = entryPoint;
        CompilerOutput = compilerOutput;
    }

    public string EntryPoint { get; }

    public string CompilerOutput { get; }
}

/// <summary>
/// Turns HLSL compute shaders into SPIR-V by running <c>glslc</c> (or <c>dxc -spirv</c> when only it is on
/// PATH), through a <see cref="ShaderDiskCache"/> keyed by the SHA-256 of the source, entry point, compiler
/// identity (path and <c>--version</c>) and options.
/// </summary>
/// <remarks>
/// The cache directory is <c>TANDEM_SHADER_CACHE</c>, else <c>$XDG_CACHE_HOME/tandem/shaders</c>, else
/// <c>~/.cache/tandem/shaders</c>; one that cannot be used turns the disk cache off with a warning
/// (<see cref="ShaderDiskCache.Problem"/>). The compiler is <c>TANDEM_GLSLC</c> if set, else found on PATH; it works in
/// the system's temporary directory. Thread-safe.
/// </remarks>
internal sealed class ShaderCompiler
{
    public const string CacheVariable = "TANDEM_SHADER_CACHE";
    public const string CompilerVariable = "TANDEM_GLSLC";
    public const string InstallHint = "Install glslc ('apt-get install glslc'), or put dxc (Vulkan SDK) on PATH, or set TANDEM_GLSLC to the glslc program.";
    // 2: glslc targets Vulkan 1.1 (SPIR-V 1.3), so portable copies compiled for 1.0 are not taken for new ones.
    private const string FormatVersion = "tandem-hlsl-spirv-2";

    // --target-env=vulkan1.1: subgroup (Wave) operations need SPIR-V 1.3; the runtime needs Vulkan 1.2 devices anyway.
    // -fhlsl-16bit-types: Half spans are min16uint (uint16_t) buffers; without it min16 types are 32-bit.
    private static readonly string[] GlslcOptions = ["-x", "hlsl", "-fshader-stage=compute", "--target-env=vulkan1.1", "-fhlsl-16bit-types", "-O"];
    private static readonly string[] DxcOptions = ["-spirv", "-T", "cs_6_0", "-O3", "-fspv-target-env=vulkan1.2"];
    private static readonly TimeSpan CompileTimeout = TimeSpan.FromMinutes(2);
    private static readonly Lazy<ShaderCompiler> Shared = new(() => new ShaderCompiler());

    private readonly string? _searchPath;
    private readonly Lazy<Tool> _tool;
    private int _compilerRuns;

    /// <param name="cacheDirectory">Where SPIR-V is cached; null uses the environment (see remarks).</param>
    /// <param name="searchPath">Directories to look for the compiler in (PATH syntax); null uses TANDEM_GLSLC, then PATH.</param>
    /// <param name="warn">Where the warning goes when the cache directory cannot be used; the standard error by default.</param>
    public ShaderCompiler(string? cacheDirectory = null, string? searchPath = null, Action<string>? warn = null)
    {
        Cache = new ShaderDiskCache(cacheDirectory ?? DefaultCacheDirectory(), warn);
        _searchPath = searchPath;
        _tool = new Lazy<Tool>(FindTool, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The process-wide compiler with the default cache directory.</summary>
    public static ShaderCompiler Default => Shared.Value;

    public ShaderDiskCache Cache { get; }

    /// <summary>How many times this instance ran the compiler (cache misses).</summary>
    public int CompilerRuns => Volatile.Read(ref _compilerRuns);

    /// <summary>The compiler's identity, e.g. <c>/usr/bin/glslc: shaderc 2023.2-1 …</c>.</summary>
    /// <exception cref="ShaderCompilerNotFoundException">No compiler.</exception>
    public string CompilerIdentity => _tool.Value.Identity;

    public static string DefaultCacheDirectory()
    {
        string? explicitDirectory = Environment.GetEnvironmentVariable(CacheVariable);
        if (!string.IsNullOrEmpty(explicitDirectory))
        {
            return explicitDirectory;
        }

        string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        string root = !string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg)
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "tandem", "shaders");
    }

    /// <summary>Compiles (or loads from the cache) a compute shader.</summary>
    /// <exception cref="ShaderCompilerNotFoundException">No compiler is installed.</exception>
    /// <exception cref="ShaderCompilationException">The source does not compile.</exception>
    public SpirvModule Compile(string hlsl, string entryPoint)
    {
        ArgumentNullException.ThrowIfNull(hlsl);
        ArgumentException.ThrowIfNullOrWhiteSpace(entryPoint);
        string portableKey = PortableKey(hlsl, entryPoint);
        Tool t;
        try
        {
            t = _tool.Value;
        }
        catch (ShaderCompilerNotFoundException) when (Cache.TryRead(portableKey, out byte[] precompiled))
        {
            // No compiler on this machine, but the shader was compiled ahead of time (Mx.Precompile) into this cache.
            return new SpirvModule(precompiled, HashHex(precompiled), entryPoint, FromCache: true, portableKey);
        }

        string key = Key(hlsl, entryPoint, t);
        if (Cache.TryRead(key, out byte[] cached))
        {
            WritePortable(portableKey, cached);
            return new SpirvModule(cached, HashHex(cached), entryPoint, FromCache: true, key);
        }

        byte[] code = Run(t, hlsl, entryPoint);
        Cache.Write(key, code);
        Cache.Write(portableKey, code);
        return new SpirvModule(code, HashHex(code), entryPoint, FromCache: false, key);
    }

    /// <summary>
    /// The key of the compiler-independent copy of a shader: what a machine without a compiler looks up. It holds the
    /// SPIR-V of whichever compiler produced it last; machines with a compiler always use the exact key first.
    /// </summary>
    public static string PortableKey(string hlsl, string entryPoint)
    {
        ArgumentNullException.ThrowIfNull(hlsl);
        ArgumentNullException.ThrowIfNull(entryPoint);
        string text = string.Join('\0', FormatVersion, "portable", entryPoint, hlsl);
        return "p-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private void WritePortable(string portableKey, byte[] code)
    {
        // An entry from before portable copies existed (or one found corrupt and deleted) is filled in here.
        if (!Cache.Contains(portableKey))
        {
            Cache.Write(portableKey, code);
        }
    }

    private static string Key(string hlsl, string entryPoint, Tool t)
    {
        string text = string.Join('\0', FormatVersion, t.Identity, t.Options, entryPoint, hlsl);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>The SHA-256 of SPIR-V code, lowercase hex: <see cref="SpirvModule.Hash"/>.</summary>
    internal static string HashHex(byte[] code) => Convert.ToHexStringLower(SHA256.HashData(code));

    private byte[] Run(Tool t, string hlsl, string entryPoint)
    {
        Interlocked.Increment(ref _compilerRuns);
        string stem = Path.Combine(Path.GetTempPath(), "tandem-compile-" + Guid.NewGuid().ToString("N"));
        string output = stem + ".spv.tmp";
        string input = stem + ".hlsl.tmp";
        try
        {
            var start = new ProcessStartInfo(t.Path)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                CreateNoWindow = true,
            };
            if (t.IsDxc)
            {
                File.WriteAllText(input, hlsl);
                foreach (string a in DxcOptions.Concat(["-E", entryPoint, "-Fo", output, input]))
                {
                    start.ArgumentList.Add(a);
                }
            }
            else
            {
                foreach (string a in GlslcOptions.Concat(["-fentry-point=" + entryPoint, "-o", output, "-"]))
                {
                    start.ArgumentList.Add(a);
                }
            }

            (int exitCode, string messages) = Execute(start, t.IsDxc ? null : hlsl);
            // glslc only warns for a missing entry point and emits an empty one that does nothing: refuse it.
            bool noEntryPoint = messages.Contains("Entry point not found", StringComparison.OrdinalIgnoreCase);
            if (exitCode != 0 || noEntryPoint || !File.Exists(output))
            {
                throw new ShaderCompilationException(entryPoint, messages, string.Create(CultureInfo.InvariantCulture,
                    $"Compiling HLSL entry point '{entryPoint}' with {Path.GetFileName(t.Path)} failed (exit code {exitCode}):{Environment.NewLine}{messages.Trim()}"));
            }

            byte[] code = File.ReadAllBytes(output);
            if (code.Length < 20 || code.Length % 4 != 0 || BitConverter.ToUInt32(code, 0) != 0x07230203)
            {
                throw new ShaderCompilationException(entryPoint, messages,
                    $"{Path.GetFileName(t.Path)} wrote no valid SPIR-V for entry point '{entryPoint}'.");
            }

            return code;
        }
        finally
        {
            File.Delete(output);
            File.Delete(input);
        }
    }

    private static (int ExitCode, string Messages) Execute(ProcessStartInfo start, string? stdin)
    {
        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new ShaderCompilerNotFoundException($"Could not start '{start.FileName}': {e.Message}. {InstallHint}");
        }

        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
        }

        process.StandardInput.Close();
        if (!process.WaitForExit(CompileTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{start.FileName}' did not finish within {CompileTimeout.TotalSeconds} s.");
        }

        process.WaitForExit();
        return (process.ExitCode, stderr.GetAwaiter().GetResult() + stdout.GetAwaiter().GetResult());
    }

    private Tool FindTool()
    {
        string? configured = _searchPath is null ? Environment.GetEnvironmentVariable(CompilerVariable) : null;
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(configured)
                ? Describe(configured, isDxc: Path.GetFileNameWithoutExtension(configured).Equals("dxc", StringComparison.OrdinalIgnoreCase))
                : throw new ShaderCompilerNotFoundException($"{CompilerVariable}='{configured}' does not exist. {InstallHint}");
        }

        string path = _searchPath ?? Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        string? glslc = FindOnPath(path, "glslc");
        if (glslc is not null)
        {
            return Describe(glslc, isDxc: false);
        }

        string? dxc = FindOnPath(path, "dxc");
        return dxc is not null
            ? Describe(dxc, isDxc: true)
            : throw new ShaderCompilerNotFoundException($"No HLSL compiler (glslc or dxc) was found on PATH. {InstallHint}");
    }

    private static Tool Describe(string path, bool isDxc)
    {
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--version");
        (_, string version) = Execute(start, null);
        string options = isDxc ? "dxc " + string.Join(' ', DxcOptions) : "glslc " + string.Join(' ', GlslcOptions);
        return new Tool(path, isDxc, path + ": " + version.Trim(), options);
    }

    private static string? FindOnPath(string path, string name)
    {
        string[] names = OperatingSystem.IsWindows() ? [name + ".exe"] : [name];
        foreach (string directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (string n in names)
            {
                string candidate = Path.Combine(directory, n);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private sealed record Tool(string Path, bool IsDxc, string Identity, string Options);
}

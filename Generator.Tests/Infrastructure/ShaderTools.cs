using System;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace Tandem.Generator.Tests;

/// <summary>
/// Compiles HLSL with glslc as the GPU backend does, validates the SPIR-V with spirv-val and disassembles it with
/// spirv-dis. Tests that use them are <see cref="ShaderToolsFactAttribute"/>s: skipped where the tools are missing,
/// unless <c>TANDEM_REQUIRE_GPU=1</c> (CI), which makes them fail instead.
/// </summary>
internal static class ShaderTools
{
    private static readonly string[] Programs = { "glslc", "spirv-val", "spirv-dis" };

    /// <summary>True when the tools must be there: a missing one fails the tests instead of skipping them.</summary>
    public static bool Required => Environment.GetEnvironmentVariable("TANDEM_REQUIRE_GPU") == "1";

    /// <summary>Why the shader tests are skipped on this machine; null when they run.</summary>
    public static string? WhySkipped { get; } = WhySkippedWith(Environment.GetEnvironmentVariable("PATH"), Required);

    /// <summary>Why the shader tests are skipped with <paramref name="path"/> as PATH; null when they run.</summary>
    public static string? WhySkippedWith(string? path, bool required)
    {
        var missing = Programs.Where(p => Find(p, path) is null).Select(p => $"'{p}'").ToArray();
        return required || missing.Length == 0 ? null
            : $"{string.Join(" and ", missing)} {(missing.Length == 1 ? "is" : "are")} not installed, so the generated shaders are not compiled "
                + "(Debian: apt-get install glslc spirv-tools; set TANDEM_REQUIRE_GPU=1 to fail instead)";
    }

    /// <summary>Compiles and validates; throws with the compiler's message and the HLSL when either refuses.</summary>
    public static void AssertCompiles(string hlsl, string entryPoint, string name) => Compile(hlsl, entryPoint, name);

    /// <summary>Compiles and validates, then returns the SPIR-V as spirv-dis prints it.</summary>
    public static string Disassemble(string hlsl, string entryPoint, string name) => Disassemble(Compile(hlsl, entryPoint, name), name);

    /// <summary>Validates SPIR-V with spirv-val (for Vulkan 1.2, the version Tandem needs), then returns it as spirv-dis prints it.</summary>
    public static string Disassemble(byte[] spirv, string name)
    {
        var path = UniquePath(name, ".spv");
        try
        {
            File.WriteAllBytes(path, spirv);
            var (code, output) = Run("spirv-val", $"--target-env vulkan1.2 \"{path}\"");
            if (code != 0)
            {
                throw new Xunit.Sdk.XunitException($"spirv-val rejected the SPIR-V of {name}:\n{output}");
            }

            (code, output) = Run("spirv-dis", $"\"{path}\"");
            return code == 0 ? output : throw new Xunit.Sdk.XunitException($"spirv-dis failed on the SPIR-V of {name}:\n{output}");
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Compiles with glslc as the runtime does and validates with spirv-val; returns the SPIR-V.</summary>
    public static byte[] Compile(string hlsl, string entryPoint, string name)
    {
        var source = UniquePath(name, ".hlsl");
        var spirv = Path.ChangeExtension(source, ".spv");
        try
        {
            File.WriteAllText(source, hlsl);
            var (code, output) = Run("glslc", $"-x hlsl -fshader-stage=compute --target-env=vulkan1.1 -fentry-point={entryPoint} -fhlsl-16bit-types -O \"{source}\" -o \"{spirv}\"");
            if (code != 0)
            {
                throw new Xunit.Sdk.XunitException($"glslc rejected the HLSL of {name}:\n{output}\n--- HLSL ---\n{hlsl}");
            }

            (code, output) = Run("spirv-val", $"--target-env vulkan1.1 \"{spirv}\"");
            if (code != 0)
            {
                throw new Xunit.Sdk.XunitException($"spirv-val rejected the SPIR-V of {name}:\n{output}");
            }

            return File.ReadAllBytes(spirv);
        }
        finally
        {
            File.Delete(source);
            File.Delete(spirv);
        }
    }

    /// <summary>A file of its own for each call: tests run in parallel, and two may compile kernels of one name.</summary>
    private static string UniquePath(string name, string extension)
    {
        var directory = Path.Combine(Path.GetTempPath(), "tandem-generator-tests");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, $"{name}-{Guid.NewGuid():N}{extension}");
    }

    private static string? Find(string program, string? path)
    {
        foreach (var directory in (path ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static (int ExitCode, string Output) Run(string program, string arguments)
    {
        if (Find(program, Environment.GetEnvironmentVariable("PATH")) is null)
        {
            throw new Xunit.Sdk.XunitException($"'{program}' is not installed; the shader tests need it (Debian: apt-get install glslc spirv-tools).");
        }

        using var process = Process.Start(new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var stderr = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd() + stderr.GetAwaiter().GetResult();
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}

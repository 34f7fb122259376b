using System;
using System.Diagnostics;
using System.IO;

namespace Tandem.Generator.Tests;

/// <summary>Compiles HLSL with glslc (and validates the SPIR-V with spirv-val when installed), as the GPU backend will.</summary>
internal static class ShaderCompiler
{
    public static void AssertCompiles(string hlsl, string entryPoint, string name)
    {
        var directory = Path.Combine(Path.GetTempPath(), "tandem-generator-tests");
        Directory.CreateDirectory(directory);
        var source = Path.Combine(directory, name + ".hlsl");
        var spirv = Path.Combine(directory, name + ".spv");
        File.WriteAllText(source, hlsl);

        var (code, output) = Run("glslc", $"-x hlsl -fshader-stage=compute -fentry-point={entryPoint} -fhlsl-16bit-types -O \"{source}\" -o \"{spirv}\"");
        if (code != 0)
        {
            throw new Xunit.Sdk.XunitException($"glslc rejected the HLSL of {name}:\n{output}\n--- HLSL ---\n{hlsl}");
        }

        if (Find("spirv-val") is not null)
        {
            (code, output) = Run("spirv-val", $"\"{spirv}\"");
            if (code != 0)
            {
                throw new Xunit.Sdk.XunitException($"spirv-val rejected the SPIR-V of {name}:\n{output}");
            }
        }
    }

    private static string? Find(string program)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
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
        if (Find(program) is null)
        {
            throw new Xunit.Sdk.XunitException($"'{program}' is not installed; the generator tests compile every shader with it (Debian: apt-get install glslc spirv-tools).");
        }

        using var process = Process.Start(new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}

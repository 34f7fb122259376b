using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Tandem.Backends.Vulkan.Compute;

namespace Tandem.ShaderBuild;

/// <summary>
/// <c>Tandem.ShaderBuild --assembly obj/.../App.dll --output obj/.../App.spirv [--project App.csproj] [--cache dir]</c>:
/// compiles the kernels of a freshly compiled assembly to SPIR-V and writes their <see cref="ShaderBundle"/>. Prints
/// MSBuild-format errors (a rejected shader, at its kernel) and warnings (no compiler: the bundle is written empty and
/// the runtime compiles at run time). Exit code 0 when the bundle was written, 1 after an error it reported (anything else is a crash).
/// </summary>
internal static class Program
{
    private const string ToolFailureId = "TK0102";

    public static int Main(string[] args)
    {
        Dictionary<string, string> options;
        try
        {
            options = Options(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"Tandem.ShaderBuild: error {ToolFailureId}: {e.Message} Usage: --assembly <path> --output <bundle path> [--project <path>] [--cache <directory>]");
            return 1;
        }

        string assembly = options["--assembly"];
        string output = options["--output"];
        string location = options.GetValueOrDefault("--project") ?? assembly;
        IReadOnlyList<KernelShader> kernels;
        try
        {
            kernels = KernelTable.Read(assembly);
        }
        catch (Exception e) when (e is IOException or BadImageFormatException or UnauthorizedAccessException)
        {
            Console.WriteLine($"{location}: error {ToolFailureId}: Could not read the kernels of '{assembly}': {e.Message}");
            return 1;
        }

        var compiler = new ShaderCompiler(options.GetValueOrDefault("--cache"));
        BundleResult result = BundleCompiler.Compile(kernels, compiler, location, Path.GetFileNameWithoutExtension(assembly));
        if (result.Warning is not null)
        {
            Console.WriteLine(result.Warning);
        }

        foreach (string error in result.Errors)
        {
            Console.WriteLine(error);
        }

        if (result.Errors.Count > 0)
        {
            File.Delete(output);
            return 1;
        }

        Write(output, result.Bundle.ToBytes());
        Console.WriteLine($"Tandem.ShaderBuild: {result.Bundle.Count} SPIR-V modules of {kernels.Count} kernels -> {output}"
            + $" ({compiler.CompilerRuns} compiled, the rest from the shader cache {compiler.Cache.Directory})");
        return 0;
    }

    private static Dictionary<string, string> Options(string[] args)
    {
        string[] known = ["--assembly", "--output", "--project", "--cache"];
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i += 2)
        {
            if (!known.Contains(args[i], StringComparer.Ordinal) || i + 1 >= args.Length || string.IsNullOrEmpty(args[i + 1]))
            {
                throw new ArgumentException($"Unknown option or missing value at '{args[i]}'.");
            }

            options[args[i]] = args[i + 1];
        }

        return options.ContainsKey("--assembly") && options.ContainsKey("--output")
            ? options
            : throw new ArgumentException("--assembly and --output are required.");
    }

    /// <summary>Writes the bundle atomically: a reader (a test running meanwhile) never sees half a file.</summary>
    private static void Write(string path, byte[] bytes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        string temporary = path + ".tmp";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite: true);
    }
}

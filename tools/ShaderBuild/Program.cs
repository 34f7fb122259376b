using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Tandem.Backends.Vulkan.Compute;

namespace Tandem.ShaderBuild;

/// <summary>
/// <c>Tandem.ShaderBuild --assembly obj/.../App.dll --output obj/.../App.spirv [--embed [--references file]] [--project App.csproj] [--cache dir]</c>:
/// compiles the kernels of a freshly compiled assembly to SPIR-V and writes their <see cref="ShaderBundle"/>; with
/// <c>--embed</c>, also adds it to the assembly as the manifest resource <see cref="ShaderBundle.ResourceName"/>
/// (an assembly without kernels is left untouched; the references file lists the assemblies it was compiled against,
/// one path a line). Prints MSBuild-format errors (a rejected shader, at its kernel)
/// and warnings (no compiler: the bundle is written empty and the runtime compiles at run time). Exit code 0 when the
/// bundle was written (and embedded), 1 after an error it reported (anything else is a crash).
/// </summary>
internal static class Program
{
    private const string ToolFailureId = "TK0102";
    private const string EmbedFailureId = "TK0103";
    private const string EmbedFlag = "--embed";

    public static int Main(string[] args)
    {
        Dictionary<string, string> options;
        try
        {
            options = Options(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"Tandem.ShaderBuild: error {ToolFailureId}: {e.Message} Usage: --assembly <path> --output <bundle path> [--embed [--references <file>]] [--project <path>] [--cache <directory>]");
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

        byte[] bundle = result.Bundle.ToBytes();
        Write(output, bundle);
        string embedded = string.Empty;
        if (options.ContainsKey(EmbedFlag) && kernels.Count > 0)
        {
            try
            {
                embedded = ResourceEmbedder.Embed(assembly, ShaderBundle.ResourceName, bundle, References(options)) ? $", embedded in {assembly}" : $", already in {assembly}";
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or BadImageFormatException or UnauthorizedAccessException)
            {
                Console.WriteLine($"{location}: error {EmbedFailureId}: Could not embed the kernels' SPIR-V in '{assembly}': {e.Message}. "
                    + "Set the MSBuild property TandemEmbedShaders to false to ship it as a file beside the assembly instead.");
                return 1;
            }
        }

        Console.WriteLine($"Tandem.ShaderBuild: {result.Bundle.Count} SPIR-V modules of {kernels.Count} kernels -> {output}{embedded}"
            + $" ({compiler.CompilerRuns} compiled, the rest from the shader cache {compiler.Cache.Directory})");
        return 0;
    }

    private static Dictionary<string, string> Options(string[] args)
    {
        string[] known = ["--assembly", "--output", "--project", "--cache", "--references"];
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i += 2)
        {
            if (args[i] == EmbedFlag)
            {
                options[EmbedFlag] = string.Empty;
                i--; // a flag has no value
                continue;
            }

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

    private static IEnumerable<string> References(Dictionary<string, string> options) =>
        options.TryGetValue("--references", out string? file) ? File.ReadAllLines(file).Where(line => line.Length > 0) : [];

    /// <summary>Writes the bundle atomically: a reader (a test running meanwhile) never sees half a file.</summary>
    private static void Write(string path, byte[] bytes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        string temporary = path + ".tmp";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite: true);
    }
}

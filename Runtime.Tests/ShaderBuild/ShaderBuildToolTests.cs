using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Tandem.Abi;
using Tandem.Backends.Vulkan.Compute;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.ShaderBuild;

/// <summary>
/// The build step's tool on assemblies made here with the constants the generator writes: a shader glslc rejects is an
/// MSBuild error at its kernel's declaration; no compiler is a warning saying what to install, and an empty bundle;
/// <c>--embed</c> puts the bundle inside the assembly.
/// </summary>
public sealed class ShaderBuildToolTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("tandem-shaderbuild-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [CompilerFact]
    public void A_shader_the_compiler_rejects_is_an_error_at_the_kernels_declaration_naming_it()
    {
        string assembly = WriteKernelAssembly("void Main() { this is not HLSL; }");

        (int exitCode, string output) = RunTool(assembly, withCompiler: true);

        Assert.Equal(1, exitCode);
        Assert.Contains("/src/Broken.cs(12,24): error TK0100: Kernel 'Broken.Kernel':", output, StringComparison.Ordinal);
        Assert.Contains("entry point 'Main'", output, StringComparison.Ordinal);
        Assert.False(File.Exists(BundlePath), "A failed step must leave no bundle behind.");
    }

    [Fact]
    public void Without_a_compiler_the_step_warns_what_to_install_and_writes_an_empty_bundle()
    {
        string assembly = WriteKernelAssembly("[numthreads(1, 1, 1)] void Main() { }");

        (int exitCode, string output) = RunTool(assembly, withCompiler: false);

        Assert.True(exitCode == 0, output);
        Assert.Contains("Broken.csproj: warning TK0101: No HLSL compiler was found at build time", output, StringComparison.Ordinal);
        Assert.Contains("apt-get install glslc", output, StringComparison.Ordinal);
        ShaderBundle bundle = ShaderBundle.Read(BundlePath)!;
        Assert.Equal(string.Empty, bundle.CompilerIdentity);
        Assert.Equal(0, bundle.Count);
    }

    [Fact]
    public void Embedding_adds_the_bundle_as_a_resource_deterministically_and_leaves_an_embedded_assembly_alone()
    {
        string assembly = WriteKernelAssembly("[numthreads(1, 1, 1)] void Main() { }");
        string copy = Path.Combine(_directory, "copy", "Broken.dll");
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        File.Copy(assembly, copy);

        (int exitCode, string output) = RunTool(assembly, withCompiler: false, "--embed");
        Assert.True(exitCode == 0, output);
        Assert.Contains("embedded in", output, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(BundlePath), ResourceOf(assembly));

        // The same input gives the same bytes; an assembly that already carries the bundle is not written again.
        Assert.Equal(0, RunTool(copy, withCompiler: false, "--embed").ExitCode);
        Assert.Equal(File.ReadAllBytes(assembly), File.ReadAllBytes(copy));
        DateTime written = File.GetLastWriteTimeUtc(assembly);
        (exitCode, output) = RunTool(assembly, withCompiler: false, "--embed");
        Assert.True(exitCode == 0, output);
        Assert.Contains("already in", output, StringComparison.Ordinal);
        Assert.Equal(written, File.GetLastWriteTimeUtc(assembly));
    }

    private static byte[] ResourceOf(string assemblyPath)
    {
        using var pe = new PEReader(File.OpenRead(assemblyPath));
        MetadataReader metadata = pe.GetMetadataReader();
        ManifestResource resource = metadata.ManifestResources.Select(metadata.GetManifestResource)
            .Single(r => metadata.GetString(r.Name) == ShaderBundle.ResourceName);
        PEMemoryBlock block = pe.GetSectionData(pe.PEHeaders.CorHeader!.ResourcesDirectory.RelativeVirtualAddress + (int)resource.Offset);
        BlobReader reader = block.GetReader();
        return reader.ReadBytes(reader.ReadInt32());
    }

    private string BundlePath => Path.Combine(_directory, "Broken.spirv");

    /// <summary>An assembly with one descriptor class as the generator writes it (its name file-local-mangled).</summary>
    private string WriteKernelAssembly(string hlsl)
    {
        var builder = new PersistedAssemblyBuilder(new AssemblyName("Broken"), typeof(object).Assembly);
        TypeBuilder type = builder.DefineDynamicModule("Broken").DefineType(
            "<Broken_Kernel_g>F0123__" + KernelAbi.DescriptorClassPrefix + "Kernel", TypeAttributes.Class | TypeAttributes.Abstract | TypeAttributes.Sealed);
        foreach ((string name, object value) in new (string, object)[]
        {
            (DescriptorConstants.Hlsl, hlsl), (DescriptorConstants.KernelName, "Broken.Kernel"), (DescriptorConstants.EntryPoint, "Main"),
            (DescriptorConstants.SourcePath, "/src/Broken.cs"), (DescriptorConstants.SourceLine, 12), (DescriptorConstants.SourceColumn, 24),
        })
        {
            FieldBuilder field = type.DefineField(name, value.GetType(), FieldAttributes.Public | FieldAttributes.Static | FieldAttributes.Literal);
            field.SetConstant(value);
        }

        type.CreateType();
        string path = Path.Combine(_directory, "Broken.dll");
        builder.Save(path);
        return path;
    }

    private (int ExitCode, string Output) RunTool(string assembly, bool withCompiler, params string[] options)
    {
        string tool = typeof(ShaderBuildToolTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "TandemShaderBuildPath").Value!;
        var start = new ProcessStartInfo(TestProcesses.DotnetHost()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in new[] { "exec", tool, "--assembly", assembly, "--output", BundlePath, "--project", Path.Combine(_directory, "Broken.csproj"), "--cache", Path.Combine(_directory, "cache") }.Concat(options))
        {
            start.ArgumentList.Add(argument);
        }

        if (!withCompiler)
        {
            start.Environment["PATH"] = _directory;
            start.Environment.Remove(ShaderCompiler.CompilerVariable);
        }

        using Process process = Process.Start(start)!;
        System.Threading.Tasks.Task<string> errors = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "The tool did not finish within 2 minutes.");
        return (process.ExitCode, output + errors.Result);
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Tandem.Abi;
using Tandem.Backends.Vulkan.Compute;
using Tandem.Backends.Vulkan.GpuDevice;
using Tandem.CompilerServices;
using Tandem.Runtime.Tests.Infrastructure;
using Tandem.Runtime.Tests.Kernels;
using Xunit;

namespace Tandem.Runtime.Tests.ShaderBuild;

/// <summary>
/// SPIR-V compiled at build time: the build embeds each kernel assembly's bundle in it (no file beside it), it holds
/// every kernel, the rewritten assembly still matches its PDB, and a GPU kernel runs where no shader compiler is installed.
/// </summary>
public sealed class BuildTimeShaderTests
{
    public static TheoryData<string> KernelAssemblies() => new(typeof(KernelDescriptor).Assembly.GetName().Name!, typeof(ElementwiseKernels).Assembly.GetName().Name!);

    [Theory]
    [MemberData(nameof(KernelAssemblies))]
    public void The_build_embedded_every_kernel_of_the_assembly_in_it(string assemblyName)
    {
        Assembly assembly = Assembly.Load(assemblyName);
        string path = ShaderBundle.PathFor(AppContext.BaseDirectory, assemblyName);
        Assert.False(File.Exists(path), $"The build left {path} beside the assembly: its SPIR-V belongs inside it.");
        using Stream resource = assembly.GetManifestResourceStream(ShaderBundle.ResourceName)
            ?? throw new InvalidOperationException($"{assemblyName} carries no {ShaderBundle.ResourceName} resource: the build did not embed its SPIR-V.");
        var bytes = new byte[resource.Length];
        resource.ReadExactly(bytes);
        ShaderBundle bundle = ShaderBundle.Read(bytes, path);
        Assert.True(bundle.CompilerIdentity.Length > 0, $"The bundle of {assemblyName} is empty: glslc was not found when the tests were built.");

        IReadOnlyList<KernelDescriptor> kernels = KernelRegistry.KernelsOf(assembly);
        Assert.NotEmpty(kernels);
        var missing = (from kernel in kernels
                       from source in ShaderVariants.Of(kernel.Hlsl)
                       from entryPoint in new[] { kernel.EntryPoint, kernel.WideEntryPoint }.OfType<string>()
                       where !bundle.TryGet(source, entryPoint, out _)
                       select $"{kernel.Name} ({entryPoint})").ToList();
        Assert.True(missing.Count == 0, $"Not in {path}: {string.Join(", ", missing)}");
    }

    [Theory]
    [MemberData(nameof(KernelAssemblies))]
    public void The_rewritten_assembly_still_matches_its_pdb(string assemblyName)
    {
        string assemblyPath = Path.Combine(AppContext.BaseDirectory, assemblyName + ".dll");
        using var pe = new PEReader(File.OpenRead(assemblyPath));
        DebugDirectoryEntry codeView = pe.ReadDebugDirectory().Single(e => e.Type == DebugDirectoryEntryType.CodeView);
        CodeViewDebugDirectoryData data = pe.ReadCodeViewDebugDirectoryData(codeView);
        Assert.Equal(assemblyName + ".pdb", Path.GetFileName(data.Path));

        using var pdb = MetadataReaderProvider.FromPortablePdbStream(File.OpenRead(Path.ChangeExtension(assemblyPath, ".pdb")));
        MetadataReader symbols = pdb.GetMetadataReader();
        Assert.Equal(data.Guid, new BlobContentId(symbols.DebugMetadataHeader!.Id).Guid);
        Assert.NotEmpty(symbols.Documents);
        Assert.NotEmpty(symbols.MethodDebugInformation);
    }

    [Fact]
    public void A_stack_trace_through_the_rewritten_assembly_has_source_lines()
    {
        try
        {
            throw new InvalidOperationException("for its stack trace");
        }
        catch (InvalidOperationException e)
        {
            Assert.Contains($"{nameof(BuildTimeShaderTests)}.cs:line ", e.StackTrace, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_runtime_finds_a_kernel_in_its_assemblys_bundle_and_nothing_else()
    {
        KernelDescriptor saxpy = KernelRegistry.KernelsOf(typeof(ElementwiseKernels).Assembly).Single(k => k.Name == "ElementwiseKernels.Saxpy");
        byte[]? code = BuildTimeShaders.Shared.Find(saxpy.Hlsl, saxpy.EntryPoint);
        Assert.NotNull(code);
        Assert.Equal(0x07230203u, BitConverter.ToUInt32(code, 0)); // the SPIR-V magic number
        Assert.Null(BuildTimeShaders.Shared.Find(saxpy.Hlsl + "\n// edited", saxpy.EntryPoint));
        Assert.Null(BuildTimeShaders.Shared.Find(saxpy.Hlsl, "NoSuchEntryPoint"));
    }

    [Fact]
    public void A_bundle_reads_back_what_was_written_and_a_damaged_one_is_refused()
    {
        string directory = Directory.CreateTempSubdirectory("tandem-bundle-").FullName;
        try
        {
            byte[] module = [3, 2, 35, 7, 1, 2, 3, 4];
            var bundle = new ShaderBundle("glslc test", new Dictionary<string, byte[]> { [ShaderCompiler.PortableKey("hlsl", "Main")] = module });
            string path = ShaderBundle.PathFor(directory, "App");
            File.WriteAllBytes(path, bundle.ToBytes());

            ShaderBundle read = ShaderBundle.Read(path)!;
            Assert.Equal("glslc test", read.CompilerIdentity);
            Assert.True(read.TryGet("hlsl", "Main", out byte[] code));
            Assert.Equal(module, code);
            Assert.Equal(bundle.ToBytes(), read.ToBytes());

            byte[] damaged = bundle.ToBytes();
            damaged[20] ^= 1;
            File.WriteAllBytes(path, damaged);
            InvalidDataException e = Assert.Throws<InvalidDataException>(() => ShaderBundle.Read(path));
            Assert.Contains("damaged", e.Message, StringComparison.Ordinal);
            Assert.Null(ShaderBundle.Read(Path.Combine(directory, "Absent.spirv")));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [MxGpuFact]
    public void A_GPU_kernel_runs_in_a_process_without_glslc()
    {
        // The kernels' SPIR-V can come only from inside the assemblies: no bundle file is there to fall back on.
        Assert.Empty(Directory.EnumerateFiles(AppContext.BaseDirectory, "*" + ShaderBundle.FileExtension));
        string empty = Directory.CreateTempSubdirectory("tandem-no-glslc-").FullName;
        try
        {
            string cache = Path.Combine(empty, "cache");
            var start = new ProcessStartInfo(TestProcesses.DotnetHost())
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add("exec");
            start.ArgumentList.Add(typeof(TestProgram).Assembly.Location);
            start.ArgumentList.Add(TestProgram.GpuKernelsScenario);
            // No compiler to find (PATH holds only an empty directory), none named, and an empty shader cache.
            start.Environment["PATH"] = empty;
            start.Environment.Remove(ShaderCompiler.CompilerVariable);
            start.Environment[ShaderCompiler.CacheVariable] = cache;
            start.Environment["TANDEM_REQUIRE_GPU"] = "1";

            using Process child = Process.Start(start)!;
            System.Threading.Tasks.Task<string> output = child.StandardOutput.ReadToEndAsync();
            string errors = child.StandardError.ReadToEnd();
            Assert.True(child.WaitForExit(TimeSpan.FromMinutes(3)), "The child process did not finish within 3 minutes.");
            Assert.True(child.ExitCode == 0, $"Exit code {child.ExitCode}:\n{output.Result}\n{errors}");
            Assert.StartsWith("OK on ", output.Result, StringComparison.Ordinal);
            Assert.False(Directory.Exists(cache) && Directory.EnumerateFiles(cache).Any(), "The child compiled shaders into its cache.");
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }
}

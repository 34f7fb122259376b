using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using Tandem.Abi;
using Tandem.Backends.Vulkan.Compute;
using Tandem.Backends.Vulkan.GpuDevice;
using Tandem.CompilerServices;
using Tandem.Runtime.Tests.Infrastructure;
using Tandem.Runtime.Tests.Kernels;
using Xunit;

namespace Tandem.Runtime.Tests.ShaderBuild;

/// <summary>
/// SPIR-V compiled at build time: the build writes each kernel assembly's bundle next to it, it holds every kernel,
/// and a GPU kernel runs where no shader compiler is installed.
/// </summary>
public sealed class BuildTimeShaderTests
{
    public static TheoryData<string> KernelAssemblies() => new(typeof(KernelDescriptor).Assembly.GetName().Name!, typeof(ElementwiseKernels).Assembly.GetName().Name!);

    [Theory]
    [MemberData(nameof(KernelAssemblies))]
    public void The_build_compiled_every_kernel_of_the_assembly_into_its_bundle(string assemblyName)
    {
        Assembly assembly = Assembly.Load(assemblyName);
        string path = ShaderBundle.PathFor(AppContext.BaseDirectory, assemblyName);
        ShaderBundle bundle = ShaderBundle.Read(path) ?? throw new FileNotFoundException($"The build wrote no shader bundle for {assemblyName}.", path);
        Assert.True(bundle.CompilerIdentity.Length > 0, $"{path} is empty: glslc was not found when the tests were built.");

        IReadOnlyList<KernelDescriptor> kernels = KernelRegistry.KernelsOf(assembly);
        Assert.NotEmpty(kernels);
        var missing = (from kernel in kernels
                       from source in ShaderVariants.Of(kernel.Hlsl)
                       from entryPoint in new[] { kernel.EntryPoint, kernel.WideEntryPoint }.OfType<string>()
                       where !bundle.TryGet(source, entryPoint, out _)
                       select $"{kernel.Name} ({entryPoint})").ToList();
        Assert.True(missing.Count == 0, $"Not in {path}: {string.Join(", ", missing)}");
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

using System;
using System.IO;
using System.Linq;
using Tandem.Abi;
using Tandem.Backends.Vulkan.Compute;
using Tandem.Backends.Vulkan.GpuDevice;
using Tandem.CompilerServices;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Backends.Vulkan.GpuDevice;

/// <summary>
/// Mx.Precompile and the shader cache through the runtime's own compiler: misses compile, hits verify, corrupt entries
/// are rebuilt, and a compiler-less machine runs from the cache.
/// </summary>
public sealed class ShaderCacheTests : GpuTestBase
{
    private static readonly ShaderCompiler Compiler = ShaderCompiler.Default;

    [CompilerFact]
    public void Precompile_finds_every_kernel_and_compiles_only_what_the_cache_lacks()
    {
        Bounded.Run(() =>
        {
            var kernels = KernelRegistry.KernelsOf(typeof(GpuTestKernels).Assembly);
            Assert.Contains(kernels, k => k.Name == "GpuTestKernels.AddOne");
            Assert.Contains(kernels, k => k.Name == "ElementwiseKernels.Saxpy");
            Assert.Equal(kernels.Count, kernels.Distinct().Count());

            PrecompileReport first = Mx.Precompile(typeof(GpuTestKernels).Assembly);
            Assert.Equal(kernels.Count, first.Kernels);
            Assert.Equal(first.Kernels, first.FromCache + first.Compiled);
            Assert.Equal(Compiler.Cache.Directory, first.CacheDirectory);

            PrecompileReport second = Mx.Precompile(typeof(GpuTestKernels).Assembly);
            Assert.Equal(new PrecompileReport(kernels.Count, kernels.Count, 0, first.CacheDirectory), second);

            // A miss: one kernel's entry is gone.
            KernelDescriptor addOne = kernels.Single(k => k.Name == "GpuTestKernels.AddOne");
            string entry = Compiler.Cache.PathFor(Compiler.Compile(addOne.Hlsl, addOne.EntryPoint).CacheKey);
            Assert.True(File.Exists(entry));
            File.Delete(entry);
            int runs = Compiler.CompilerRuns;
            Assert.Equal(1, Mx.Precompile(typeof(GpuTestKernels).Assembly).Compiled);
            Assert.Equal(runs + 1, Compiler.CompilerRuns);
            Assert.True(File.Exists(entry));
        }, TimeSpan.FromMinutes(3));
    }

    [CompilerFact]
    public void A_corrupt_or_truncated_entry_is_rebuilt_not_loaded()
    {
        Bounded.Run(() =>
        {
            var kernels = KernelRegistry.KernelsOf(typeof(GpuTestKernels).Assembly).Where(k => k.Name.StartsWith("GpuTestKernels.", StringComparison.Ordinal)).ToArray();
            ShaderPrecompiler.Precompile(kernels, Compiler);
            KernelDescriptor fill = kernels.Single(k => k.Name == "GpuTestKernels.Fill");
            string entry = Compiler.Cache.PathFor(Compiler.Compile(fill.Hlsl, fill.EntryPoint).CacheKey);
            byte[] good = File.ReadAllBytes(entry);

            byte[] flipped = (byte[])good.Clone();
            flipped[^5] ^= 0xFF;                                   // corrupt payload, header intact
            File.WriteAllBytes(entry, flipped);
            Assert.Equal(1, ShaderPrecompiler.Precompile(kernels, Compiler).Compiled);
            Assert.Equal(good, File.ReadAllBytes(entry));

            File.WriteAllBytes(entry, good.AsSpan(0, good.Length / 2).ToArray()); // truncated
            Assert.Equal(1, ShaderPrecompiler.Precompile(kernels, Compiler).Compiled);
            Assert.Equal(good, File.ReadAllBytes(entry));
        }, TimeSpan.FromMinutes(2));
    }

    [CompilerFact]
    public void A_machine_without_a_compiler_runs_precompiled_kernels_from_the_cache()
    {
        Bounded.Run(() =>
        {
            KernelDescriptor[] kernels = [.. KernelRegistry.KernelsOf(typeof(GpuTestKernels).Assembly).Where(k => k.Name.StartsWith("GpuTestKernels.", StringComparison.Ordinal))];
            ShaderPrecompiler.Precompile(kernels, Compiler);

            var withoutCompiler = new ShaderCompiler(Compiler.Cache.Directory, searchPath: Path.Combine(Path.GetTempPath(), "no-compiler-here"));
            PrecompileReport report = ShaderPrecompiler.Precompile(kernels, withoutCompiler);
            Assert.Equal(kernels.Length, report.FromCache);
            Assert.Equal(0, withoutCompiler.CompilerRuns);

            // Something never compiled cannot come from the cache: the error says what to install.
            var missing = Assert.Throws<ShaderCompilerNotFoundException>(() => withoutCompiler.Compile(
                "[numthreads(1, 1, 1)] void NeverCompiled(uint3 id : SV_DispatchThreadID) { }", "NeverCompiled"));
            Assert.Contains("glslc", missing.Message, StringComparison.Ordinal);
        });
    }

    [MxGpuFact]
    public void Kernels_run_on_the_GPU_after_their_entry_was_corrupted()
    {
        // The runtime's pipelines come from the same cache: a corrupt entry must never reach the driver.
        Bounded.Run(() =>
        {
            KernelDescriptor broken = new("ShaderCacheTests.Twice", 1, new Index3D(64, 1, 1),
                "[[vk::binding(0)]] RWStructuredBuffer<float> v : register(u0);\n"
                + "struct U { int extentX; int extentY; int extentZ; int dispatchWidth; int length_v; };\n"
                + "[[vk::push_constant]] ConstantBuffer<U> u;\n"
                + "[numthreads(64, 1, 1)] void Twice(uint3 id : SV_DispatchThreadID) { if ((int)id.x < u.extentX) v[id.x] = 2.0 * v[id.x]; }",
                "Twice", [new KernelBufferInfo("v", 0, BufferAccess.ReadWrite, sizeof(float), true)],
                KernelAbi.ScalarsOffset(1), KernelFeatures.None);
            ShaderPrecompiler.Precompile([broken], Compiler);
            string entry = Compiler.Cache.PathFor(DeviceModule(broken).CacheKey);
            File.WriteAllBytes(entry, new byte[] { 1, 2, 3 });

            using Array<float> x = Mx.Full([100], 3f, Mx.Cpu);
            TestKernel.Launch(broken, 100, [x], (_, _) => { }, Mx.Gpu);
            Assert.All(x.ToArray(), value => Assert.Equal(6f, value));
            Assert.True(new FileInfo(entry).Length > ShaderDiskCache.HeaderSize);
        });
    }

    [MxGpuFact]
    public void Kernels_run_on_the_GPU_after_their_entries_were_swapped()
    {
        // Two valid cache entries, each stored under the other kernel's key, made every run fail with
        // "vkCreateComputePipelines failed: ErrorUnknown". Each kernel must get its own module back.
        Bounded.Run(() =>
        {
            KernelDescriptor twice = Scale("Twice", 2), thrice = Scale("Thrice", 3);
            ShaderPrecompiler.Precompile([twice, thrice], Compiler);
            string twicePath = Compiler.Cache.PathFor(DeviceModule(twice).CacheKey);
            string thricePath = Compiler.Cache.PathFor(DeviceModule(thrice).CacheKey);
            byte[] twiceEntry = File.ReadAllBytes(twicePath);
            File.Copy(thricePath, twicePath, overwrite: true);
            File.WriteAllBytes(thricePath, twiceEntry);

            using Array<float> x = Mx.Full([100], 1f, Mx.Cpu);
            TestKernel.Launch(twice, 100, [x], (_, _) => { }, Mx.Gpu);
            TestKernel.Launch(thrice, 100, [x], (_, _) => { }, Mx.Gpu);
            Assert.All(x.ToArray(), value => Assert.Equal(6f, value));
        });
    }

    [CompilerFact]
    public void Precompiling_into_a_cache_that_cannot_be_written_throws_naming_the_variable()
    {
        string file = Path.Combine(Path.GetTempPath(), "tandem-cache-file-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(file, "not a directory");
        try
        {
            var compiler = new ShaderCompiler(file, warn: _ => { });
            var failure = Assert.Throws<InvalidOperationException>(() => ShaderPrecompiler.Precompile([Scale("Precompiled", 4)], compiler));
            Assert.Contains(ShaderCompiler.CacheVariable, failure.Message, StringComparison.Ordinal);
            Assert.Contains(file, failure.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>
    /// The module of the variant this GPU compiles (llvmpipe gets the software-device variant): the cache entry a launch
    /// reads.
    /// </summary>
    private static SpirvModule DeviceModule(KernelDescriptor kernel) =>
        Compiler.Compile(ComputePipelineCache.SourceFor(Backend.Context.Info, kernel.Hlsl), kernel.EntryPoint);

    /// <summary>A hand-made kernel v[i] *= factor, with HLSL of its own (so no pipeline of it exists in the process yet).</summary>
    private static KernelDescriptor Scale(string name, int factor)
    {
        string entry = name + "_" + Guid.NewGuid().ToString("N");
        return new("ShaderCacheTests." + name, 1, new Index3D(64, 1, 1),
            "[[vk::binding(0)]] RWStructuredBuffer<float> v : register(u0);\n"
            + "struct U { int extentX; int extentY; int extentZ; int dispatchWidth; int length_v; };\n"
            + "[[vk::push_constant]] ConstantBuffer<U> u;\n"
            + $"[numthreads(64, 1, 1)] void {entry}(uint3 id : SV_DispatchThreadID) {{ if ((int)id.x < u.extentX) v[id.x] = {factor}.0 * v[id.x]; }}",
            entry, [new KernelBufferInfo("v", 0, BufferAccess.ReadWrite, sizeof(float), true)],
            KernelAbi.ScalarsOffset(1), KernelFeatures.None);
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Silk.NET.Vulkan;
using Tandem.Backends.Vulkan.Compute;

namespace Tandem.Cli;

/// <summary>
/// What <c>tandem info</c> reports: the CPU, every Vulkan device, the shader compiler, the shader cache and where the
/// built-in ops' SPIR-V comes from.
/// </summary>
/// <param name="Cpu">The CPU.</param>
/// <param name="VulkanDevices">Each device the Vulkan loader reports (empty when there is no loader or driver).</param>
/// <param name="VulkanProblem">Why no Vulkan device is listed or usable, when so.</param>
/// <param name="GpuDisabled">True when <c>TANDEM_DISABLE_GPU=1</c> makes Tandem run everything on the CPU.</param>
/// <param name="Compiler">The HLSL compiler.</param>
/// <param name="ShaderCache">The shader cache.</param>
/// <param name="BuiltInShaders">Where the built-in ops' SPIR-V comes from (the runtime assembly's own resource, normally).</param>
internal sealed record MachineReport(CpuReport Cpu, IReadOnlyList<GpuReport> VulkanDevices, string? VulkanProblem, bool GpuDisabled,
    CompilerReport Compiler, CacheReport ShaderCache, string BuiltInShaders)
{
    /// <summary>Looks at this machine.</summary>
    public static MachineReport Collect()
    {
        (IReadOnlyList<GpuReport> gpus, string? problem) = Vulkan();
        return new MachineReport(CpuReport.Collect(), gpus, problem, Environment.GetEnvironmentVariable("TANDEM_DISABLE_GPU") == "1",
            CompilerReport.Collect(), CacheReport.Collect(ShaderCompiler.DefaultCacheDirectory()),
            Tandem.Backends.Vulkan.GpuDevice.BuildTimeShaders.DescribeSource(typeof(Mx).Assembly));
    }

    private static (IReadOnlyList<GpuReport>, string?) Vulkan()
    {
        VulkanInstance instance;
        try
        {
            instance = VulkanInstance.Create(validation: false);
        }
        catch (VulkanUnavailableException unavailable)
        {
            return ([], unavailable.Message);
        }

        using (instance)
        {
            List<PhysicalDeviceSelector.Candidate> all = PhysicalDeviceSelector.Enumerate(instance.Api, instance.Handle);
            int? chosen = null;
            string? problem = null;
            try
            {
                chosen = PhysicalDeviceSelector.Select(instance.Api, instance.Handle, null).Info.Index;
            }
            catch (VulkanUnavailableException none)
            {
                problem = none.Message;
            }

            return (all.Select(c => GpuReport.From(c, c.Info.Index == chosen)).ToList(), problem);
        }
    }
}

/// <summary>The CPU and the vectors Tandem's CPU kernels run on.</summary>
/// <param name="Name">The model name (from /proc/cpuinfo on Linux), else the architecture.</param>
/// <param name="Architecture">x64, arm64, ….</param>
/// <param name="LogicalCores">The cores .NET sees.</param>
/// <param name="VectorBits">The width of <c>Vector&lt;T&gt;</c>.</param>
/// <param name="KernelVectorBits">The widest vectors in hardware that Tandem's SIMD kernels use (512, 256 or 128; 0 for none).</param>
/// <param name="InstructionSets">The SIMD instruction sets present.</param>
internal sealed record CpuReport(string Name, string Architecture, int LogicalCores, int VectorBits, int KernelVectorBits,
    IReadOnlyList<string> InstructionSets)
{
    public static CpuReport Collect()
    {
        var sets = new List<string>();
        void Add(bool present, string name)
        {
            if (present)
            {
                sets.Add(name);
            }
        }

        Add(System.Runtime.Intrinsics.X86.Sse42.IsSupported, "SSE4.2");
        Add(System.Runtime.Intrinsics.X86.Avx2.IsSupported, "AVX2");
        Add(System.Runtime.Intrinsics.X86.Fma.IsSupported, "FMA");
        Add(System.Runtime.Intrinsics.X86.Avx512F.IsSupported, "AVX-512F");
        Add(System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported, "AdvSIMD");
        string architecture = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        return new CpuReport(ModelName() ?? architecture, architecture, Environment.ProcessorCount, Vector<byte>.Count * 8,
            Vector512.IsHardwareAccelerated ? 512 : Vector256.IsHardwareAccelerated ? 256 : Vector128.IsHardwareAccelerated ? 128 : 0, sets);
    }

    private static string? ModelName()
    {
        const string cpuinfo = "/proc/cpuinfo";
        if (!File.Exists(cpuinfo))
        {
            return null;
        }

        string? line = File.ReadLines(cpuinfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return line?[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }
}

/// <summary>One Vulkan device.</summary>
/// <param name="Index">Its index (what <c>TANDEM_VULKAN_DEVICE</c> takes).</param>
/// <param name="Name">Its name.</param>
/// <param name="Type">Discrete, integrated, CPU (software), ….</param>
/// <param name="Driver">The driver's name and version text.</param>
/// <param name="ApiVersion">The Vulkan version it supports.</param>
/// <param name="Chosen">True for the device Tandem's <c>Mx.Gpu</c> uses.</param>
/// <param name="Unusable">Why Tandem cannot use it, when so.</param>
/// <param name="UnifiedMemory">True when the CPU and the device share memory (one allocation serves both).</param>
/// <param name="Heaps">Its memory heaps.</param>
/// <param name="MemoryTypes">Its memory types.</param>
/// <param name="Limits">The limits kernels meet.</param>
/// <param name="Features">The optional features Tandem uses that it has.</param>
/// <param name="CalibratedTimestamps">True when traces convert its times with calibrated timestamps.</param>
internal sealed record GpuReport(int Index, string Name, string Type, string Driver, string ApiVersion, bool Chosen, string? Unusable,
    bool UnifiedMemory, IReadOnlyList<HeapReport> Heaps, IReadOnlyList<MemoryTypeReport> MemoryTypes, LimitsReport Limits,
    IReadOnlyList<string> Features, bool CalibratedTimestamps)
{
    public static GpuReport From(PhysicalDeviceSelector.Candidate candidate, bool chosen)
    {
        DeviceInfo info = candidate.Info;
        DeviceLimits l = info.Limits;
        DeviceFeatures f = info.Features;
        var features = new List<string>();
        void Add(bool present, string name)
        {
            if (present)
            {
                features.Add(name);
            }
        }

        Add(f.ShaderFloat64, "shaderFloat64");
        Add(f.ShaderInt64, "shaderInt64");
        Add(f.StorageBuffer16BitAccess, "storageBuffer16BitAccess");
        Add(f.UniformAndStorageBuffer16BitAccess, "uniformAndStorageBuffer16BitAccess");
        Add(f.RobustBufferAccess2, "robustBufferAccess2");
        Add(f.PushDescriptor, "pushDescriptor");
        return new GpuReport(info.Index, info.Name, info.Type.ToString(), $"{info.DriverName} {info.DriverInfo}".Trim(), info.ApiVersionText, chosen,
            candidate.Unsuitable, info.IsUnifiedMemory,
            info.MemoryHeaps.Select((h, i) => new HeapReport(i, h.Size, h.IsDeviceLocal)).ToList(),
            info.MemoryTypes.Select(t => new MemoryTypeReport(t.Index, t.HeapIndex, Flags(t.Flags))).ToList(),
            new LimitsReport(l.MaxStorageBufferRange, [l.MaxComputeWorkGroupCount.X, l.MaxComputeWorkGroupCount.Y, l.MaxComputeWorkGroupCount.Z],
                [l.MaxComputeWorkGroupSize.X, l.MaxComputeWorkGroupSize.Y, l.MaxComputeWorkGroupSize.Z], l.MaxComputeWorkGroupInvocations,
                l.MaxPushConstantsSize, l.MinStorageBufferOffsetAlignment, l.MaxPerStageDescriptorStorageBuffers, l.TimestampPeriodNanoseconds),
            features, PhysicalDeviceSelector.CalibratedTimestampsExtensions.Any(candidate.Extensions.Contains));
    }

    private static string Flags(MemoryPropertyFlags flags)
    {
        var names = new List<string>();
        if ((flags & MemoryPropertyFlags.DeviceLocalBit) != 0)
        {
            names.Add("device-local");
        }

        if ((flags & MemoryPropertyFlags.HostVisibleBit) != 0)
        {
            names.Add("host-visible");
        }

        if ((flags & MemoryPropertyFlags.HostCoherentBit) != 0)
        {
            names.Add("host-coherent");
        }

        if ((flags & MemoryPropertyFlags.HostCachedBit) != 0)
        {
            names.Add("host-cached");
        }

        return names.Count == 0 ? "none" : string.Join(", ", names);
    }
}

/// <summary>A memory heap.</summary>
/// <param name="Index">Its index.</param>
/// <param name="Bytes">Its size.</param>
/// <param name="DeviceLocal">True for the device's own memory.</param>
internal sealed record HeapReport(int Index, ulong Bytes, bool DeviceLocal);

/// <summary>A memory type.</summary>
/// <param name="Index">Its index.</param>
/// <param name="Heap">The heap it allocates from.</param>
/// <param name="Properties">Device-local, host-visible, host-coherent, host-cached.</param>
internal sealed record MemoryTypeReport(int Index, int Heap, string Properties);

/// <summary>The limits a kernel launch meets.</summary>
/// <param name="MaxStorageBufferRange">The most bytes one buffer binding covers (larger arrays cannot be bound).</param>
/// <param name="MaxWorkGroupCount">Groups along X, Y, Z in one dispatch.</param>
/// <param name="MaxWorkGroupSize">Threads along X, Y, Z in one group.</param>
/// <param name="MaxWorkGroupInvocations">Threads in one group.</param>
/// <param name="MaxPushConstantsBytes">The uniform block's room.</param>
/// <param name="MinStorageBufferOffsetAlignment">Where a view may start and still bind in place.</param>
/// <param name="MaxStorageBuffersPerStage">Buffer parameters one kernel may have.</param>
/// <param name="TimestampPeriodNanoseconds">The length of a GPU timestamp tick.</param>
internal sealed record LimitsReport(ulong MaxStorageBufferRange, int[] MaxWorkGroupCount, int[] MaxWorkGroupSize, int MaxWorkGroupInvocations,
    int MaxPushConstantsBytes, ulong MinStorageBufferOffsetAlignment, int MaxStorageBuffersPerStage, double TimestampPeriodNanoseconds);

/// <summary>The HLSL compiler Tandem runs for kernels not in the cache.</summary>
/// <param name="Found">True when one was found.</param>
/// <param name="Identity">Its path and version, or what to install.</param>
internal sealed record CompilerReport(bool Found, string Identity)
{
    public static CompilerReport Collect()
    {
        try
        {
            return new CompilerReport(true, ShaderCompiler.Default.CompilerIdentity);
        }
        catch (ShaderCompilerNotFoundException missing)
        {
            return new CompilerReport(false, missing.Message);
        }
    }
}

/// <summary>The shader cache.</summary>
/// <param name="Directory">Where it is (<c>TANDEM_SHADER_CACHE</c>, else <c>~/.cache/tandem/shaders</c>).</param>
/// <param name="Entries">How many compiled kernels it holds.</param>
/// <param name="Bytes">Their size.</param>
internal sealed record CacheReport(string Directory, int Entries, long Bytes)
{
    public static CacheReport Collect(string directory)
    {
        FileInfo[] files = ShaderCacheFiles.List(directory);
        return new CacheReport(directory, files.Length, files.Sum(f => f.Length));
    }
}

using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Threading;
using Silk.NET.Vulkan;
using Tandem.Abi;

namespace Tandem.Backends.Vulkan.Compute;

// Tandem.Device (the public device type) would otherwise hide Vulkan's device handle here.
using Device = Silk.NET.Vulkan.Device;

/// <summary>
/// The compute pipelines of one device, created once per (SPIR-V hash, entry point, binding count,
/// push-constant size, group size) and kept until the context is disposed; backed by one <c>VkPipelineCache</c>.
/// Thread-safe: concurrent requests for one key create the pipeline once.
/// </summary>
internal sealed unsafe class ComputePipelineCache : IDisposable
{
    private readonly VulkanContext _context;
    private readonly ConcurrentDictionary<Key, Lazy<ComputePipeline>> _pipelines = new();
    private readonly ConcurrentDictionary<SourceKey, ComputePipeline> _bySource = new();
    private readonly PipelineCache _vkCache;
    private int _disposed;

    internal ComputePipelineCache(VulkanContext context)
    {
        _context = context;
        var info = new PipelineCacheCreateInfo { SType = StructureType.PipelineCacheCreateInfo };
        PipelineCache cache;
        VkCheck.Success(context.Api.CreatePipelineCache(context.Device, &info, null, &cache), "vkCreatePipelineCache");
        _vkCache = cache;
    }

    /// <summary>How many pipelines exist.</summary>
    public int Count => _pipelines.Count;

    /// <summary>
    /// Takes <paramref name="hlsl"/>'s SPIR-V from the context's <see cref="VulkanContext.PrecompiledShaders"/>, else
    /// compiles it (through the shader cache), and returns its pipeline.
    /// </summary>
    /// <exception cref="ShaderCompilationException">The shader does not compile.</exception>
    /// <remarks>
    /// Remembers the result by source, so later calls neither hash nor read the shader cache. A software device (llvmpipe)
    /// gets the variant with <see cref="KernelAbi.SoftwareDeviceMacro"/> defined (<see cref="SourceFor"/>; the
    /// precompiled shaders hold every variant of <see cref="ShaderVariants"/>).
    /// </remarks>
    public ComputePipeline GetOrCreate(string hlsl, string entryPoint, int bindingCount, int pushConstantSize, Index3D groupSize)
    {
        ArgumentNullException.ThrowIfNull(hlsl);
        ArgumentNullException.ThrowIfNull(entryPoint);
        var key = new SourceKey(hlsl, entryPoint, bindingCount, pushConstantSize, groupSize);
        if (_bySource.TryGetValue(key, out ComputePipeline? known))
        {
            return known;
        }

        ComputePipeline pipeline = GetOrCreate(FinishForDevice(Spirv(SourceFor(_context.Info, hlsl), entryPoint)), bindingCount, pushConstantSize, groupSize);
        _bySource.TryAdd(key, pipeline);
        return pipeline;
    }

    private SpirvModule Spirv(string hlsl, string entryPoint) =>
        _context.PrecompiledShaders?.Find(hlsl, entryPoint) is { } code
            ? new SpirvModule(code, ShaderCompiler.HashHex(code), entryPoint, FromCache: true, ShaderCompiler.PortableKey(hlsl, entryPoint))
            : _context.ShaderCompiler.Compile(hlsl, entryPoint);

    /// <summary>The pipeline of a SPIR-V module with the standard binding convention.</summary>
    /// <param name="module">The compiled shader.</param>
    /// <param name="bindingCount">Storage buffers at bindings 0..N-1.</param>
    /// <param name="pushConstantSize">The uniform block's size in bytes (rounded up to a multiple of 4).</param>
    /// <param name="groupSize">The shader's <c>[numthreads]</c>.</param>
    public ComputePipeline GetOrCreate(SpirvModule module, int bindingCount, int pushConstantSize, Index3D groupSize)
    {
        ArgumentNullException.ThrowIfNull(module);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        Validate(bindingCount, ref pushConstantSize, groupSize);
        var key = new Key(module.Hash, module.EntryPoint, bindingCount, pushConstantSize, groupSize);
        Lazy<ComputePipeline> lazy = _pipelines.GetOrAdd(key, k => new Lazy<ComputePipeline>(
            () => ComputePipeline.Create(_context, _vkCache, module, k.BindingCount, k.PushConstantSize, k.GroupSize),
            LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return lazy.Value;
        }
        catch
        {
            _pipelines.TryRemove(new(key, lazy)); // let a later call retry
            throw;
        }
    }

    /// <summary>
    /// <c>TANDEM_RELAXED_FLOATS=1</c>: kernels are compiled without exact float arithmetic (no <c>precise</c>, no
    /// SignedZeroInfNanPreserve), so compilers may fold <c>x * 0</c> to 0 and fuse <c>a * b + c</c>: results then differ
    /// from C# for NaN, infinities, signed zeros and in the last bit. Only to measure what exact arithmetic costs.
    /// </summary>
    public const string RelaxedFloatsVariable = "TANDEM_RELAXED_FLOATS";

    /// <summary>Whether <see cref="RelaxedFloatsVariable"/> is set, read once.</summary>
    public static bool RelaxedFloats { get; } = Environment.GetEnvironmentVariable(RelaxedFloatsVariable) == "1";

    /// <summary>
    /// The HLSL to compile for <paramref name="device"/>: for a software one, with <see cref="KernelAbi.SoftwareDeviceMacro"/>
    /// defined; with <see cref="RelaxedFloats"/>, the relaxed form on every device.
    /// </summary>
    public static string SourceFor(DeviceInfo device, string hlsl) =>
        RelaxedFloats ? KernelAbi.WithRelaxedFloats(hlsl)
        : device.Type == PhysicalDeviceType.Cpu ? KernelAbi.ForSoftwareDevice(hlsl) : hlsl;

    /// <summary>
    /// The module with the float-controls execution modes this device honours (<see cref="SpirvFloatControls"/>): the
    /// disk cache keeps what the compiler made, the pipelines are keyed by the hash of what the driver gets.
    /// </summary>
    private SpirvModule FinishForDevice(SpirvModule module)
    {
        byte[] code = SpirvFloatControls.Apply(module.Code, RelaxedFloats ? SpirvFloatControls.Widths.None : _context.Info.Features.PreservedFloatWidths);
        return ReferenceEquals(code, module.Code) ? module
            : module with { Code = code, Hash = ShaderCompiler.HashHex(code) };
    }

    private void Validate(int bindingCount, ref int pushConstantSize, Index3D groupSize)
    {
        DeviceLimits limits = _context.Info.Limits;
        ArgumentOutOfRangeException.ThrowIfNegative(bindingCount);
        if (bindingCount > limits.MaxPerStageDescriptorStorageBuffers)
        {
            throw new ArgumentOutOfRangeException(nameof(bindingCount), bindingCount,
                $"The device allows {limits.MaxPerStageDescriptorStorageBuffers} storage buffers per kernel.");
        }

        pushConstantSize = (pushConstantSize + 3) & ~3;
        if (pushConstantSize < 0 || pushConstantSize > limits.MaxPushConstantsSize)
        {
            throw new ArgumentOutOfRangeException(nameof(pushConstantSize), pushConstantSize, string.Create(CultureInfo.InvariantCulture,
                $"The uniform block is {pushConstantSize} bytes; the device '{_context.Info.Name}' allows {limits.MaxPushConstantsSize} bytes of push constants."));
        }

        if (groupSize.X < 1 || groupSize.Y < 1 || groupSize.Z < 1 ||
            groupSize.X > limits.MaxComputeWorkGroupSize.X || groupSize.Y > limits.MaxComputeWorkGroupSize.Y ||
            groupSize.Z > limits.MaxComputeWorkGroupSize.Z || groupSize.Count > limits.MaxComputeWorkGroupInvocations)
        {
            throw new ArgumentOutOfRangeException(nameof(groupSize), groupSize, string.Create(CultureInfo.InvariantCulture,
                $"The device allows groups up to {limits.MaxComputeWorkGroupSize} and {limits.MaxComputeWorkGroupInvocations} threads."));
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        foreach (Lazy<ComputePipeline> lazy in _pipelines.Values)
        {
            if (lazy.IsValueCreated)
            {
                lazy.Value.Destroy(_context.Api, _context.Device);
            }
        }

        _pipelines.Clear();
        _bySource.Clear();
        _context.Api.DestroyPipelineCache(_context.Device, _vkCache, null);
    }

    private readonly record struct SourceKey(string Hlsl, string EntryPoint, int BindingCount, int PushConstantSize, Index3D GroupSize);

    private readonly record struct Key(string SpirvHash, string EntryPoint, int BindingCount, int PushConstantSize, Index3D GroupSize);
}

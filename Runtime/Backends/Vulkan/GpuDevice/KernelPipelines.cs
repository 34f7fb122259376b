using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using Tandem.Backends.Vulkan.Compute;
using Tandem.CompilerServices;

namespace Tandem.Backends.Vulkan.GpuDevice;

/// <summary>
/// The compute pipeline of each kernel descriptor on this device, made on first use (the SPIR-V the build compiled,
/// see <see cref="BuildTimeShaders"/>, else HLSL → SPIR-V through the shader compiler and its disk cache; then
/// <c>vkCreateComputePipelines</c>) and remembered by descriptor identity,
/// so the hot path is one dictionary lookup: no hashing of the HLSL text per launch.
/// </summary>
/// <remarks>
/// A compile failure is remembered too: later launches of the same kernel fail at once with the same exception
/// (naming the kernel and carrying glslc's output) instead of running the compiler again. Thread-safe.
/// </remarks>
internal sealed class KernelPipelines
{
    private readonly VulkanContext _context;
    private readonly ConcurrentDictionary<KernelDescriptor, Lazy<ComputePipeline>> _pipelines = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<KernelDescriptor, Lazy<ComputePipeline>> _widePipelines = new(ReferenceEqualityComparer.Instance);

    public KernelPipelines(VulkanContext context) => _context = context;

    /// <summary>The pipeline of <paramref name="kernel"/>, compiling it now if needed.</summary>
    /// <param name="kernel">The kernel.</param>
    /// <param name="wide">True for its <see cref="KernelDescriptor.WideEntryPoint"/>, which it must have.</param>
    /// <exception cref="ShaderCompilationException">The HLSL does not compile.</exception>
    /// <exception cref="ShaderCompilerNotFoundException">No compiler and no cached SPIR-V.</exception>
    public ComputePipeline Get(KernelDescriptor kernel, bool wide = false)
    {
        ConcurrentDictionary<KernelDescriptor, Lazy<ComputePipeline>> pipelines = wide ? _widePipelines : _pipelines;
        if (pipelines.TryGetValue(kernel, out Lazy<ComputePipeline>? known))
        {
            return known.Value;
        }

        // ExecutionAndPublication caches a thrown exception as well: a kernel that does not compile fails fast later.
        Lazy<ComputePipeline> lazy = pipelines.GetOrAdd(kernel, k => new Lazy<ComputePipeline>(
            () => Create(k, wide ? k.WideEntryPoint! : k.EntryPoint), LazyThreadSafetyMode.ExecutionAndPublication));
        return lazy.Value;
    }

    /// <summary>
    /// Throws at the launch when the device cannot run <paramref name="kernel"/> or bind <paramref name="arrays"/>,
    /// so the user sees what to change at the call instead of a failed op later.
    /// </summary>
    /// <exception cref="InvalidOperationException">The kernel needs a feature or a limit the device lacks.</exception>
    /// <exception cref="ArgumentException">An array is larger than the device binds.</exception>
    public void CheckCanRun(KernelDescriptor kernel, IReadOnlyList<UnifiedArray> arrays)
    {
        CheckFeatures(kernel, _context.Info);
        CheckLimits(kernel, _context.Info);
        ulong maxRange = _context.Info.Limits.MaxStorageBufferRange;
        for (int i = 0; i < arrays.Count; i++)
        {
            ulong bytes = (ulong)arrays[i].Length * (ulong)arrays[i].ElementSize;
            if (bytes > maxRange)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"Kernel '{kernel.Name}': the array bound to '{kernel.Buffers[i].Name}' has {bytes} bytes, but the GPU "
                    + $"'{_context.Info.Name}' binds at most {maxRange} bytes per buffer. Split the array, or run the kernel on Mx.Cpu."),
                    nameof(arrays));
            }
        }
    }

    /// <summary>The feature check alone, for a device description (tests use a made-up one).</summary>
    /// <exception cref="InvalidOperationException">The kernel needs a feature the device lacks.</exception>
    public static void CheckFeatures(KernelDescriptor kernel, DeviceInfo device)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(device);
        if ((kernel.Features & KernelFeatures.Float64) != 0 && !device.Features.ShaderFloat64)
        {
            throw new InvalidOperationException(
                $"Kernel '{kernel.Name}' uses double, but the GPU '{device.Name}' has no 64-bit floating point (shaderFloat64). "
                + "Run it on Mx.Cpu, or use float.");
        }

        if ((kernel.Features & KernelFeatures.Int64) != 0 && !device.Features.ShaderInt64)
        {
            throw new InvalidOperationException(
                $"Kernel '{kernel.Name}' uses long or ulong, but the GPU '{device.Name}' has no 64-bit integers (shaderInt64). "
                + "Run it on Mx.Cpu, or use int.");
        }

        if ((kernel.Features & KernelFeatures.Subgroup) != 0 && !device.Features.Subgroups.Arithmetic)
        {
            throw new InvalidOperationException(
                $"Kernel '{kernel.Name}' uses Wave, but the GPU '{device.Name}' has no subgroup arithmetic in compute shaders "
                + $"({device.Features.Subgroups}). Run it on Mx.Cpu, or combine the threads' values through Group.Shared memory.");
        }

        if ((kernel.Features & KernelFeatures.SubgroupShuffle) != 0 && !device.Features.Subgroups.Shuffle)
        {
            throw new InvalidOperationException(
                $"Kernel '{kernel.Name}' uses Wave.ReadLane, but the GPU '{device.Name}' has no subgroup shuffles in compute shaders "
                + $"({device.Features.Subgroups}). Run it on Mx.Cpu, or pass the value through Group.Shared memory.");
        }

        // glslc declares storage buffers in the Uniform storage class (BufferBlock), which Vulkan's validation checks
        // against uniformAndStorageBuffer16BitAccess as well.
        if ((kernel.Features & KernelFeatures.Float16) != 0
            && !(device.Features.StorageBuffer16BitAccess && device.Features.UniformAndStorageBuffer16BitAccess))
        {
            string missing = device.Features.StorageBuffer16BitAccess ? "uniformAndStorageBuffer16BitAccess" : "storageBuffer16BitAccess";
            throw new InvalidOperationException(
                $"Kernel '{kernel.Name}' uses Half spans, but the GPU '{device.Name}' cannot read or write 16-bit values in storage buffers "
                + $"({missing}). Run it on Mx.Cpu, or pass float spans.");
        }
    }

    /// <summary>
    /// The kernel's shape against the device's limits: what <c>vkCreateComputePipelines</c> would refuse on the worker,
    /// said at the launch (a grid larger than the device's group counts is split, so the extent has no limit here).
    /// </summary>
    /// <exception cref="InvalidOperationException">The group size, the buffers or the uniform block exceed a limit.</exception>
    public static void CheckLimits(KernelDescriptor kernel, DeviceInfo device)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(device);
        DeviceLimits limits = device.Limits;
        Index3D size = kernel.GroupSize;
        Index3D max = limits.MaxComputeWorkGroupSize;
        if (size.X > max.X || size.Y > max.Y || size.Z > max.Z || (long)size.X * size.Y * size.Z > limits.MaxComputeWorkGroupInvocations)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"Kernel '{kernel.Name}' uses thread groups of ({size.X}, {size.Y}, {size.Z}), but the GPU '{device.Name}' allows at most "
                + $"({max.X}, {max.Y}, {max.Z}) and {limits.MaxComputeWorkGroupInvocations} threads per group. Use a smaller [Kernel(...)] group size, or run it on Mx.Cpu."));
        }

        if (kernel.Buffers.Count > limits.MaxPerStageDescriptorStorageBuffers)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"Kernel '{kernel.Name}' has {kernel.Buffers.Count} span parameters, but the GPU '{device.Name}' binds at most "
                + $"{limits.MaxPerStageDescriptorStorageBuffers} per kernel. Pass fewer spans (pack data into one), or run it on Mx.Cpu."));
        }

        if (kernel.UniformByteSize > limits.MaxPushConstantsSize)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"Kernel '{kernel.Name}' has a {kernel.UniformByteSize}-byte uniform block (its scalars and one length per span), but the GPU "
                + $"'{device.Name}' takes at most {limits.MaxPushConstantsSize} bytes of push constants. Pass fewer scalars, or run it on Mx.Cpu."));
        }
    }

    private ComputePipeline Create(KernelDescriptor kernel, string entryPoint)
        => _context.Pipelines.GetOrCreate(kernel.Hlsl, entryPoint, kernel.Buffers.Count, kernel.UniformByteSize, kernel.GroupSize);
}

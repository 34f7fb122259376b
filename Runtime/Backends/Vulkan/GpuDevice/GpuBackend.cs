using System;
using System.Collections.Generic;
using Tandem.Devices;
using Tandem.Memory;
using Tandem.Scheduling;
using Tandem.Backends.Vulkan.Compute;

namespace Tandem.Backends.Vulkan.GpuDevice;

/// <summary>
/// The GPU as a Tandem device, through Vulkan: one <see cref="VulkanContext"/> on the best device (or the one
/// <c>TANDEM_VULKAN_DEVICE</c> names), the allocator every array comes from, the kernels' pipelines, and one
/// <see cref="GpuStreamExecutor"/> per GPU stream, spread over the device's compute queues.
/// </summary>
internal sealed class GpuBackend : DeviceBackend
{
    private readonly GpuMemoryAllocator _allocator;
    private readonly Stack<CommandRecorder> _idleRecorders = new();

    private GpuBackend(VulkanContext context)
        : base(new Device(DeviceType.Gpu, Describe(context.Info), context.Info.VendorId, context.Info.Type == Silk.NET.Vulkan.PhysicalDeviceType.Cpu))
    {
        Context = context;
        Loss = new DeviceLoss(context.Info.Name);
        Pipelines = new KernelPipelines(context);
        Transfer = GpuSettings.MirrorArrays(context.Info) ? new GpuTransfer(context) : null;
        _allocator = new GpuMemoryAllocator(context, Transfer, GpuSettings.CacheLimitBytes(GpuMemoryAllocator.LargestHeap(context.Info)));
    }

    /// <summary>The Vulkan device.</summary>
    public VulkanContext Context { get; }

    /// <summary>Whether the device was lost; shared by every GPU stream.</summary>
    public DeviceLoss Loss { get; }

    /// <summary>The kernels' compute pipelines on this device.</summary>
    public KernelPipelines Pipelines { get; }

    /// <summary>The copy path between arrays' host and device copies on a discrete GPU; null on unified memory.</summary>
    public GpuTransfer? Transfer { get; }

    /// <summary>
    /// Every array's memory (see <see cref="GpuMemoryAllocator"/>): shared by CPU and GPU on unified devices; host
    /// memory plus a device-local copy on a discrete GPU.
    /// </summary>
    public override MemoryAllocator ArrayAllocator => _allocator;

    /// <summary>The allocator, typed, for tests and diagnostics.</summary>
    public GpuMemoryAllocator Allocator => _allocator;

    public override StreamExecutor CreateExecutor(DeviceStream stream) => new GpuStreamExecutor(this, stream, RentRecorder());

    /// <summary>A Vulkan stream left by a disposed GPU stream, or a new one.</summary>
    private CommandRecorder RentRecorder()
    {
        lock (_idleRecorders)
        {
            if (_idleRecorders.TryPop(out CommandRecorder? idle))
            {
                return idle;
            }
        }

        return Context.CreateRecorder();
    }

    /// <summary>Takes back the Vulkan stream of a disposed GPU stream; all its batches completed.</summary>
    public void ReturnRecorder(CommandRecorder recorder)
    {
        lock (_idleRecorders)
        {
            _idleRecorders.Push(recorder);
        }
    }

    /// <summary>
    /// Opens the GPU, or says why there is none (the reason ends up in <see cref="Mx.Gpu"/>'s message).
    /// </summary>
    /// <param name="disabled">True when <c>TANDEM_DISABLE_GPU</c> turns the GPU off.</param>
    public static GpuBackendProbe Probe(bool disabled)
    {
        if (disabled)
        {
            return new GpuBackendProbe(null, $"the environment variable {GpuSettings.DisableVariable}=1 turns the GPU off.");
        }

        return VulkanContext.TryCreate(null, out VulkanContext? context, out string? whyNot)
            ? new GpuBackendProbe(new GpuBackend(context!), null)
            : new GpuBackendProbe(null, whyNot);
    }

    /// <summary>"NVIDIA H100 80GB HBM3 (NVIDIA 580.x, Vulkan 1.4.312)": the device and its driver.</summary>
    public static string Describe(DeviceInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var details = new List<string>(3);
        if (!string.IsNullOrWhiteSpace(info.DriverName))
        {
            details.Add(string.IsNullOrWhiteSpace(info.DriverInfo) ? info.DriverName : $"{info.DriverName} {info.DriverInfo}");
        }

        details.Add($"Vulkan {info.ApiVersionText}");
        return $"{info.Name} ({string.Join(", ", details)})";
    }
}

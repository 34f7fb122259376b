using System;
using System.Collections.Generic;
using Tandem.Backends.Vulkan.Compute;
using Tandem.Devices;
using Tandem.Memory;
using Tandem.Scheduling;

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
        : base(new Device(DeviceType.Gpu, Describe(context.Info), context.Info.VendorId, context.Info.Type == Silk.NET.Vulkan.PhysicalDeviceType.Cpu)
        {
            SubgroupLanes = GpuSettings.Subgroups && context.Info.Features.Subgroups.Arithmetic ? context.Info.Features.Subgroups.Size : 0,
        })
    {
        Context = context;
        Loss = new DeviceLoss(context.Info.Name);
        Pipelines = new KernelPipelines(context);
        bool mirrored = GpuSettings.MirrorArrays(context.Info);
        Transfer = new GpuTransfer(context, mirrored) { Device = Device };
        _allocator = new GpuMemoryAllocator(context, Transfer, mirrored, DeviceRegistry.Ledger);
    }

    /// <summary>The Vulkan device.</summary>
    public VulkanContext Context { get; }

    /// <summary>True on a Vulkan device that runs on the CPU (llvmpipe, SwiftShader): not the default device.</summary>
    public override bool IsSoftware => Context.Info.Type == Silk.NET.Vulkan.PhysicalDeviceType.Cpu;

    /// <summary>Whether the device was lost; shared by every GPU stream.</summary>
    public DeviceLoss Loss { get; }

    /// <summary>The kernels' compute pipelines on this device.</summary>
    public KernelPipelines Pipelines { get; }

    /// <summary>How bytes move between arrays' host copies and device copies.</summary>
    public GpuTransfer Transfer { get; }

    /// <summary>
    /// Arrays' device copies (see <see cref="GpuMemoryAllocator"/>): on unified devices also their host copies; on a
    /// discrete GPU the device's own memory beside host copies of their own.
    /// </summary>
    public override DeviceMemoryAllocator DeviceMemory => _allocator;

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

        // Kernels take the SPIR-V their assembly's build compiled; only the others run the compiler.
        var options = new VulkanContextOptions { PrecompiledShaders = BuildTimeShaders.Shared };
        return VulkanContext.TryCreate(options, out VulkanContext? context, out string? whyNot)
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

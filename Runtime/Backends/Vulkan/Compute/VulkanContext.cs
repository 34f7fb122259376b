using System;
using System.Collections.Generic;
using System.Threading;
using Silk.NET.Core.Native;
using Silk.NET.Vulkan;

namespace Tandem.Backends.Vulkan.Compute;

// Tandem.Device (the public device type) would otherwise hide Vulkan's device handle here.
using Device = Silk.NET.Vulkan.Device;

/// <summary>How to create a <see cref="VulkanContext"/>.</summary>
internal sealed record VulkanContextOptions
{
    /// <summary>Enable the validation layer; null follows <c>TANDEM_VULKAN_VALIDATION</c> / <c>VK_INSTANCE_LAYERS</c>.</summary>
    public bool? Validation { get; init; }

    /// <summary>
    /// With validation, also check synchronization (missing barriers and waits); null: yes, unless
    /// <c>TANDEM_VULKAN_SYNC_VALIDATION=0</c>.
    /// </summary>
    public bool? SynchronizationValidation { get; init; }

    /// <summary>A device index or name substring; null follows <c>TANDEM_VULKAN_DEVICE</c>, then the ranking.</summary>
    public string? Device { get; init; }

    /// <summary>The most compute queues to create (the family may offer fewer).</summary>
    public int MaxQueues { get; init; } = 4;

    /// <summary>Use <c>VK_KHR_push_descriptor</c> where the device has it (else descriptor pools).</summary>
    public bool UsePushDescriptors { get; init; } = true;

    /// <summary>The shader compiler pipelines compile with; null uses <see cref="ShaderCompiler.Default"/>.</summary>
    public ShaderCompiler? ShaderCompiler { get; init; }

    /// <summary>SPIR-V compiled at build time, used before <see cref="ShaderCompiler"/>; null: always compile.</summary>
    public IPrecompiledShaders? PrecompiledShaders { get; init; }
}

/// <summary>
/// The Vulkan side of Tandem for one device: instance, logical device, up to four compute queues, the pipeline
/// cache, and factories for buffers, streams and semaphores. Create one per process and share it.
/// </summary>
/// <remarks>
/// Thread-safety: every public member is thread-safe. Objects it creates carry their own rules (a
/// <see cref="CommandRecorder"/> is used by one thread at a time). Dispose it last, after the objects it made.
/// </remarks>
internal sealed unsafe class VulkanContext : IDisposable
{
    private readonly VulkanInstance _instance;
    private readonly VulkanQueue[] _queues;
    private int _nextQueue = -1;
    private int _disposed;
    private long _allocatedBytes;

    private volatile IVulkanFaultHook? _faultHook;

    private VulkanContext(VulkanInstance instance, PhysicalDevice physicalDevice, Device device, DeviceInfo info,
        Queue[] queueHandles, ExtensionFunctions.PushDescriptor pushDescriptor, ShaderCompiler compiler)
    {
        _instance = instance;
        PhysicalDevice = physicalDevice;
        Device = device;
        Info = info;
        _queues = new VulkanQueue[queueHandles.Length];
        for (int i = 0; i < queueHandles.Length; i++)
        {
            _queues[i] = new VulkanQueue(this, queueHandles[i], info.ComputeQueueFamily, i);
        }

        PushDescriptor = pushDescriptor;
        ShaderCompiler = compiler;
        Pipelines = new ComputePipelineCache(this);
    }

    public Vk Api => _instance.Api;

    public Instance Instance => _instance.Handle;

    public PhysicalDevice PhysicalDevice { get; }

    public Device Device { get; }

    /// <summary>The chosen device: name, driver, type, memory, limits, enabled features.</summary>
    public DeviceInfo Info { get; }

    /// <summary>The compute queues created (1 to 4).</summary>
    public IReadOnlyList<VulkanQueue> Queues => _queues;

    /// <summary>True when the validation layer reports into <see cref="ValidationLog"/>.</summary>
    public bool ValidationEnabled => _instance.ValidationEnabled;

    /// <summary>True when the validation layer also checks synchronization (see <see cref="VulkanInstance"/>).</summary>
    public bool SynchronizationValidationEnabled => _instance.SynchronizationValidationEnabled;

    /// <summary>Loaded when the device has calibrated timestamps (<see cref="GpuClock"/> uses them); null otherwise.</summary>
    internal ExtensionFunctions.CalibratedTimestamps? CalibratedTimestamps { get; private init; }

    /// <summary>Loaded when <see cref="DeviceFeatures.PushDescriptor"/> is on.</summary>
    internal ExtensionFunctions.PushDescriptor PushDescriptor { get; }

    /// <summary>Compiles HLSL for <see cref="Pipelines"/>.</summary>
    public ShaderCompiler ShaderCompiler { get; }

    /// <summary>SPIR-V compiled at build time, which <see cref="Pipelines"/> take before compiling; null for none.</summary>
    public IPrecompiledShaders? PrecompiledShaders { get; private init; }

    /// <summary>Compute pipelines of this device, cached by SPIR-V hash and layout.</summary>
    public ComputePipelineCache Pipelines { get; }

    /// <summary>The <see cref="MemoryPlacement.Default"/> placement, resolved for this device.</summary>
    public MemoryPlacement DefaultPlacement => MemoryTypeSelector.Resolve(MemoryPlacement.Default, Info);

    /// <summary>Bytes of <c>VkDeviceMemory</c> allocated through <see cref="CreateBuffer"/> and not freed yet.</summary>
    public long AllocatedBytes => Interlocked.Read(ref _allocatedBytes);

    /// <summary>Results to report instead of the driver's (see <see cref="IVulkanFaultHook"/>); null for none.</summary>
    public IVulkanFaultHook? FaultHook
    {
        get => _faultHook;
        set => _faultHook = value;
    }

    /// <summary>True while <see cref="FaultHook"/> makes the device behave as lost.</summary>
    internal bool IsLostBySimulation => _faultHook?.IsDeviceLost == true;

    /// <summary>Counts memory a buffer allocated (positive) or freed (negative).</summary>
    internal void CountAllocation(long bytes) => Interlocked.Add(ref _allocatedBytes, bytes);

    /// <summary>Creates a context on the best (or the chosen) device.</summary>
    /// <exception cref="VulkanUnavailableException">No loader, no driver, or no suitable device.</exception>
    public static VulkanContext Create(VulkanContextOptions? options = null)
    {
        options ??= new VulkanContextOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxQueues, 1, nameof(options));
        VulkanInstance instance = VulkanInstance.Create(options.Validation, options.SynchronizationValidation);
        try
        {
            PhysicalDeviceSelector.Candidate candidate = PhysicalDeviceSelector.Select(instance.Api, instance.Handle, options.Device);
            return CreateDevice(instance, candidate, options);
        }
        catch
        {
            instance.Dispose();
            throw;
        }
    }

    /// <summary>Like <see cref="Create"/>, but returns false with the reason instead of throwing when Vulkan is unavailable.</summary>
    public static bool TryCreate(VulkanContextOptions? options, out VulkanContext? context, out string? whyNot)
    {
        try
        {
            context = Create(options);
            whyNot = null;
            return true;
        }
        catch (VulkanUnavailableException e)
        {
            context = null;
            whyNot = e.Message;
            return false;
        }
    }

    private static VulkanContext CreateDevice(VulkanInstance instance, PhysicalDeviceSelector.Candidate candidate, VulkanContextOptions options)
    {
        Vk vk = instance.Api;
        DeviceInfo info = candidate.Info;
        DeviceFeatures supported = info.Features;
        bool usePush = supported.PushDescriptor && options.UsePushDescriptors;

        int queueCount = Math.Min(info.ComputeQueueFamilyQueueCount, options.MaxQueues);
        float* priorities = stackalloc float[queueCount];
        for (int i = 0; i < queueCount; i++)
        {
            priorities[i] = 1f;
        }

        var queueInfo = new DeviceQueueCreateInfo
        {
            SType = StructureType.DeviceQueueCreateInfo,
            QueueFamilyIndex = (uint)info.ComputeQueueFamily,
            QueueCount = (uint)queueCount,
            PQueuePriorities = priorities,
        };

        var robustness2 = new PhysicalDeviceRobustness2FeaturesEXT
        {
            SType = StructureType.PhysicalDeviceRobustness2FeaturesExt,
            RobustBufferAccess2 = supported.RobustBufferAccess2,
        };
        var f12 = new PhysicalDeviceVulkan12Features
        {
            SType = StructureType.PhysicalDeviceVulkan12Features,
            TimelineSemaphore = true,
            ScalarBlockLayout = supported.ScalarBlockLayout,
            PNext = supported.RobustBufferAccess2 ? &robustness2 : null,
        };
        var f11 = new PhysicalDeviceVulkan11Features
        {
            SType = StructureType.PhysicalDeviceVulkan11Features,
            StorageBuffer16BitAccess = supported.StorageBuffer16BitAccess,
            // glslc declares storage buffers in the Uniform storage class (BufferBlock), which the validation layer
            // checks against this feature: Half spans need both.
            UniformAndStorageBuffer16BitAccess = supported.UniformAndStorageBuffer16BitAccess,
            PNext = &f12,
        };
        var features2 = new PhysicalDeviceFeatures2
        {
            SType = StructureType.PhysicalDeviceFeatures2,
            PNext = &f11,
            Features = new PhysicalDeviceFeatures
            {
                RobustBufferAccess = true,
                ShaderFloat64 = supported.ShaderFloat64,
                ShaderInt64 = supported.ShaderInt64,
            },
        };

        var extensions = new List<string>();
        if (usePush)
        {
            extensions.Add(PhysicalDeviceSelector.PushDescriptorExtension);
        }

        if (supported.RobustBufferAccess2)
        {
            extensions.Add(PhysicalDeviceSelector.Robustness2Extension);
        }

        string? calibrated = Array.Find(PhysicalDeviceSelector.CalibratedTimestampsExtensions, candidate.Extensions.Contains);
        if (calibrated is not null)
        {
            extensions.Add(calibrated);
        }

        nint names = SilkMarshal.StringArrayToPtr(extensions);
        Device device;
        try
        {
            var deviceInfo = new DeviceCreateInfo
            {
                SType = StructureType.DeviceCreateInfo,
                PNext = &features2,
                QueueCreateInfoCount = 1,
                PQueueCreateInfos = &queueInfo,
                EnabledExtensionCount = (uint)extensions.Count,
                PpEnabledExtensionNames = (byte**)names,
            };
            VkCheck.Success(vk.CreateDevice(candidate.Handle, &deviceInfo, null, &device), "vkCreateDevice");
        }
        finally
        {
            SilkMarshal.Free(names);
        }

        var queues = new Queue[queueCount];
        for (int i = 0; i < queueCount; i++)
        {
            Queue queue;
            vk.GetDeviceQueue(device, (uint)info.ComputeQueueFamily, (uint)i, &queue);
            queues[i] = queue;
        }

        ExtensionFunctions.PushDescriptor push = default;
        if (usePush && !ExtensionFunctions.PushDescriptor.TryLoad(vk, device, out push))
        {
            usePush = false;
        }

        ExtensionFunctions.CalibratedTimestamps? calibratedFunctions = null;
        // The functions carry the extension's suffix: "VK_EXT_…" → "EXT".
        if (calibrated is not null && ExtensionFunctions.CalibratedTimestamps.TryLoad(vk, instance.Handle, device, calibrated[3..6], out var loaded))
        {
            calibratedFunctions = loaded;
        }

        DeviceInfo enabled = info with { Features = supported with { PushDescriptor = usePush } };
        return new VulkanContext(instance, candidate.Handle, device, enabled, queues, push,
            options.ShaderCompiler ?? ShaderCompiler.Default)
        {
            PrecompiledShaders = options.PrecompiledShaders,
            CalibratedTimestamps = calibratedFunctions,
        };
    }

    /// <summary>Allocates a buffer of at least <paramref name="size"/> bytes.</summary>
    /// <exception cref="OutOfMemoryException">No room on the device or the heap.</exception>
    public VulkanBuffer CreateBuffer(ulong size, MemoryPlacement placement = MemoryPlacement.Default)
    {
        ThrowIfDisposed();
        return VulkanBuffer.Create(this, size, placement);
    }

    /// <summary>Creates a stream on queue <paramref name="queueIndex"/>, or on the next queue round-robin.</summary>
    public CommandRecorder CreateRecorder(int? queueIndex = null)
    {
        ThrowIfDisposed();
        int index = queueIndex ?? (int)((uint)Interlocked.Increment(ref _nextQueue) % (uint)_queues.Length);
        ArgumentOutOfRangeException.ThrowIfNegative(index, nameof(queueIndex));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _queues.Length, nameof(queueIndex));
        return new CommandRecorder(this, _queues[index]);
    }

    /// <summary>Creates a timeline semaphore, e.g. one a CPU stream signals from the host.</summary>
    public TimelineSemaphore CreateTimelineSemaphore(ulong initialValue = 0)
    {
        ThrowIfDisposed();
        return new TimelineSemaphore(this, initialValue);
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _ = Api.DeviceWaitIdle(Device);
        Pipelines.Dispose();
        Api.DestroyDevice(Device, null);
        _instance.Dispose();
    }

    public override string ToString() => Info.ToString();
}

using System;
using System.Collections.Generic;
using System.Threading;
using Tandem.CompilerServices;
using Tandem.Memory;

namespace Tandem.Devices;

/// <summary>
/// The devices of this process. The backends plug in here from module initializers: the CPU backend with
/// <see cref="RegisterCpuBackend"/>, the GPU backend with <see cref="RegisterGpuBackend"/> (a function that opens the GPU
/// or says why it cannot, and one that compiles kernels ahead of time); nothing else in the runtime knows which
/// backends exist.
/// </summary>
internal static class DeviceRegistry
{
    private static Func<DeviceBackend>? s_cpuFactory;
    private static readonly Lazy<DeviceBackend> s_cpu = new(CreateCpu, LazyThreadSafetyMode.ExecutionAndPublication);
    private static Func<GpuBackendProbe>? s_gpuFactory;
    private static Func<IReadOnlyCollection<KernelDescriptor>, PrecompileReport>? s_precompile;
    private static Lazy<GpuBackendProbe> s_gpu = new(ProbeGpu, LazyThreadSafetyMode.ExecutionAndPublication);
    private static Lazy<ArrayMemory> s_memory = new(CreateMemory, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The CPU backend.</summary>
    public static DeviceBackend Cpu => s_cpu.Value;

    /// <summary>The GPU backend, or null when there is no usable GPU.</summary>
    public static DeviceBackend? Gpu => s_gpu.Value.Backend;

    /// <summary>
    /// Where ops given no stream or device run (outside any <see cref="Mx.StreamScope"/>): the GPU when there is one
    /// that is hardware, else the CPU.
    /// </summary>
    public static DeviceBackend Default => Gpu is { IsSoftware: false } gpu ? gpu : Cpu;

    /// <summary>Where every array's memory comes from: host memory, and the GPU's memory when there is a GPU.</summary>
    public static ArrayMemory Memory => s_memory.Value;

    /// <summary>The counters and the cache limit of all arrays' memory, host and device (see <see cref="MemoryLedger"/>).</summary>
    public static MemoryLedger Ledger { get; } = new(0);

    /// <summary>
    /// Installs the function that makes the CPU backend. Must run before the first use of a device or array (a module
    /// initializer of the backend does that).
    /// </summary>
    public static void RegisterCpuBackend(Func<DeviceBackend> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        if (s_cpu.IsValueCreated)
        {
            throw new InvalidOperationException("The CPU backend must be registered before the first use of a device or array.");
        }

        s_cpuFactory = factory;
    }

    /// <summary>
    /// Installs the function that opens the GPU and the one that compiles kernels for it ahead of time (which needs
    /// no GPU, only the shader compiler). Must run before the first use of a device or array (a module initializer of
    /// the backend does that).
    /// </summary>
    public static void RegisterGpuBackend(Func<GpuBackendProbe> factory, Func<IReadOnlyCollection<KernelDescriptor>, PrecompileReport> precompile)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(precompile);
        if (s_gpu.IsValueCreated || s_memory.IsValueCreated)
        {
            throw new InvalidOperationException("The GPU backend must be registered before the first use of a device or array.");
        }

        s_gpuFactory = factory;
        s_precompile = precompile;
        s_gpu = new Lazy<GpuBackendProbe>(ProbeGpu, LazyThreadSafetyMode.ExecutionAndPublication);
        s_memory = new Lazy<ArrayMemory>(CreateMemory, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The GPU backend.</summary>
    /// <exception cref="InvalidOperationException">There is no usable GPU; the message says why.</exception>
    public static DeviceBackend RequireGpu()
        => Gpu ?? throw new InvalidOperationException(
            $"No GPU device is available: {s_gpu.Value.UnavailableReason} Run the op on Mx.Cpu instead, or check Mx.IsGpuAvailable first.");

    /// <summary>The backend of <paramref name="device"/>.</summary>
    public static DeviceBackend For(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        DeviceBackend backend = device.Type == DeviceType.Cpu ? Cpu : RequireGpu();
        if (backend.Device != device)
        {
            throw new ArgumentException($"{device} is not a device of this process.", nameof(device));
        }

        return backend;
    }

    /// <summary>Compiles <paramref name="kernels"/> for the GPU ahead of time, into the shader cache.</summary>
    /// <exception cref="InvalidOperationException">This runtime has no GPU backend.</exception>
    public static PrecompileReport PrecompileForGpu(IReadOnlyCollection<KernelDescriptor> kernels)
        => (s_precompile ?? throw new InvalidOperationException("This Tandem runtime has no GPU backend registered: there is nothing to precompile for."))(kernels);

    private static DeviceBackend CreateCpu()
        => (s_cpuFactory ?? throw new InvalidOperationException("This Tandem runtime has no CPU backend registered."))();

    private static GpuBackendProbe ProbeGpu()
    {
        if (s_gpuFactory is null)
        {
            return new GpuBackendProbe(null, "this Tandem runtime has no GPU backend registered.");
        }

        try
        {
            return s_gpuFactory();
        }
        catch (Exception ex) when (ex is InvalidOperationException or DllNotFoundException or NotSupportedException)
        {
            return new GpuBackendProbe(null, $"opening the GPU failed ({ex.Message}).");
        }
    }

    private static ArrayMemory CreateMemory()
        => new(new CachingAllocator(new NativeMemoryAllocator(), Ledger), Gpu?.DeviceMemory, Ledger);
}

using System;
using System.Threading;
using Tandem.Backends.Cpu;
using Tandem.Memory;

namespace Tandem.Devices;

/// <summary>
/// The devices of this process. The GPU backend plugs in here: it calls <see cref="RegisterGpuBackend"/> (from a
/// module initializer) with a function that opens the GPU or says why it cannot; nothing else in the runtime knows
/// whether a GPU exists.
/// </summary>
internal static class DeviceRegistry
{
    private static readonly Lazy<CpuBackend> s_cpu = new(() => new CpuBackend(), LazyThreadSafetyMode.ExecutionAndPublication);
    private static Func<GpuBackendProbe>? s_gpuFactory;
    private static Lazy<GpuBackendProbe> s_gpu = new(ProbeGpu, LazyThreadSafetyMode.ExecutionAndPublication);
    private static Lazy<ArrayMemory> s_memory = new(CreateMemory, LazyThreadSafetyMode.ExecutionAndPublication);

    public static CpuBackend Cpu => s_cpu.Value;

    /// <summary>The GPU backend, or null when there is no usable GPU.</summary>
    public static DeviceBackend? Gpu => s_gpu.Value.Backend;

    /// <summary>Where every array's memory comes from: host memory, and the GPU's memory when there is a GPU.</summary>
    public static ArrayMemory Memory => s_memory.Value;

    /// <summary>The counters and the cache limit of all arrays' memory, host and device (see <see cref="MemoryLedger"/>).</summary>
    public static MemoryLedger Ledger { get; } = new(0);

    /// <summary>
    /// Installs the function that opens the GPU. Must run before the first use of a device or array (a module
    /// initializer of the backend does that).
    /// </summary>
    public static void RegisterGpuBackend(Func<GpuBackendProbe> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        if (s_gpu.IsValueCreated || s_memory.IsValueCreated)
        {
            throw new InvalidOperationException("The GPU backend must be registered before the first use of a device or array.");
        }

        s_gpuFactory = factory;
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

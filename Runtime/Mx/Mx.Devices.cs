using System;
using System.Threading;
using Tandem.Devices;

namespace Tandem;

/// <summary>
/// Tandem's entry point, named after MLX's <c>mx</c>: devices and streams, array creators and ops.
/// </summary>
public static partial class Mx
{
    /// <summary>The host's cores.</summary>
    public static Device Cpu => DeviceRegistry.Cpu.Device;

    /// <summary>The GPU.</summary>
    /// <exception cref="InvalidOperationException">There is no usable GPU; the message says why.</exception>
    public static Device Gpu => DeviceRegistry.RequireGpu().Device;

    /// <summary>True when <see cref="Gpu"/> can be used.</summary>
    public static bool IsGpuAvailable => DeviceRegistry.Gpu is not null;

    /// <summary>
    /// The device ops run on when given no stream or device: the device of the innermost
    /// <see cref="StreamScope"/>, else the GPU when there is a hardware one, else the CPU. A software Vulkan device
    /// (llvmpipe, a device of type CPU) still serves <see cref="Gpu"/>, but is not the default: every op on it is slower
    /// than on the CPU.
    /// </summary>
    public static Device DefaultDevice => StreamContext.Current?.Device ?? DeviceRegistry.Default.Device;

    /// <summary>
    /// The most cores one CPU kernel launch may split its work over; 0 (the default) means all of them. Large launches
    /// are split in chunks of at least 32K threads; smaller ones run on the stream's own worker thread.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public static int CpuThreads
    {
        get => Volatile.Read(ref s_cpuThreads);
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            Volatile.Write(ref s_cpuThreads, value);
        }
    }

    /// <summary>The cores one CPU launch may use: <see cref="CpuThreads"/>, or all of them when it is 0.</summary>
    internal static int CpuCores
    {
        get
        {
            int limit = CpuThreads;
            return limit > 0 ? limit : Environment.ProcessorCount;
        }
    }

    private static int s_cpuThreads;
}

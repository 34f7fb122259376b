using System;
using System.Threading;
using Tandem.Backends.Vulkan.Compute;

namespace Tandem.Backends.Vulkan.GpuDevice;

/// <summary>
/// Whether the GPU was lost (<c>VK_ERROR_DEVICE_LOST</c>), and how it was noticed. A lost device stays lost for the
/// process: the first stream that sees the loss records it here, every GPU stream then fails its queued and in-flight
/// ops with it, and new launches on GPU streams are refused at the call. CPU streams are not affected.
/// </summary>
internal sealed class DeviceLoss
{
    private readonly string _deviceName;
    private Exception? _cause;

    public DeviceLoss(string deviceName) => _deviceName = deviceName;

    /// <summary>The device-lost exception first seen, or null while the device works.</summary>
    public Exception? Cause => Volatile.Read(ref _cause);

    /// <summary>Records <paramref name="lost"/> unless a loss was recorded before; returns the one recorded.</summary>
    public Exception Report(VulkanDeviceLostException lost)
    {
        Interlocked.CompareExchange(ref _cause, lost, null);
        return Cause!;
    }

    /// <summary>Refuses a launch on a lost device with a message that says what to do.</summary>
    /// <exception cref="InvalidOperationException">The device was lost.</exception>
    public void ThrowIfLost(string kernelName)
    {
        if (Cause is { } cause)
        {
            throw new InvalidOperationException(
                $"Kernel '{kernelName}' cannot run: the GPU '{_deviceName}' was lost. {cause.Message} GPU streams fail from "
                + "now on; run the work on Mx.Cpu, or restart the process to use the GPU again.", cause);
        }
    }

    /// <summary>Makes the device usable again after a loss that a test simulated (through <see cref="VulkanContext.FaultHook"/>).</summary>
    internal void ForgetSimulatedLoss() => Volatile.Write(ref _cause, null);
}

using System;
using Tandem.Backends.Vulkan.Compute;
using Tandem.Backends.Vulkan.GpuDevice;

namespace Tandem.DeviceBench;

/// <summary>
/// What reading a small result back costs on the Vulkan layer, two ways: the CPU reading the device's memory through its
/// mapping (write-combined VRAM on a discrete GPU: no submit, but uncached reads over the bus), and a GPU copy into a
/// staging buffer (a submit and a wait, then a cached read). Where the first is cheaper, a small download need not
/// pay a submit.
/// </summary>
internal static class RawReadback
{
    private static readonly int[] Sizes = [4, 256, 4096, 65536];

    public static void Run(VulkanContext context)
    {
        int largest = Sizes[^1];
        using VulkanBuffer device = context.CreateBuffer((ulong)largest, MemoryPlacement.Unified);
        using VulkanBuffer staging = context.CreateBuffer((ulong)largest, MemoryPlacement.Staging);
        using CommandRecorder stream = context.CreateRecorder();
        byte[] destination = new byte[largest];
        string memory = context.Info.IsUnifiedMemory ? "unified memory" : "device memory mapped through the BAR";
        foreach (int size in Sizes)
        {
            double mapped = Report.MedianMs(() => Copy(device.HostPointer, destination, size), 201, warmupSeconds: 0.2);
            Report.Result($"readback.raw_vulkan.mapped_{size}B", mapped * 1e3, "us", $"(the CPU reading {memory}; median of 201)");
            double staged = Report.MedianMs(() =>
            {
                stream.Copy(device, 0, staging, 0, (ulong)size);
                stream.Timeline.SpinThenWait(stream.Submit(stream.SubmittedValue + 1));
                Copy(staging.HostPointer, destination, size);
            }, 201, warmupSeconds: 0.2);
            Report.Result($"readback.raw_vulkan.staged_{size}B", staged * 1e3, "us", "(a GPU copy into a staging buffer, submitted and polled for, then read; median of 201)");
        }
    }

    private static unsafe void Copy(nint source, byte[] destination, int size)
    {
        fixed (byte* to = destination)
        {
            Buffer.MemoryCopy((void*)source, to, destination.Length, size);
        }
    }
}

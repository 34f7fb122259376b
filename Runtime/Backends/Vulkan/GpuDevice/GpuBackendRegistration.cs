using System.Runtime.CompilerServices;
using Tandem.Devices;

namespace Tandem.Backends.Vulkan.GpuDevice;

/// <summary>
/// Plugs the Vulkan backend into the device registry when the runtime assembly loads, before any device or array is
/// used. Opening the GPU itself waits for the first use of <see cref="Mx.Gpu"/>, an array or a default stream.
/// </summary>
internal static class GpuBackendRegistration
{
#pragma warning disable CA2255 // The runtime registers its own backend; it must happen before user code touches a device.
    [ModuleInitializer]
    internal static void Register() => DeviceRegistry.RegisterGpuBackend(() => GpuBackend.Probe(GpuSettings.GpuDisabled));
#pragma warning restore CA2255
}

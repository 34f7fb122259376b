using System.Runtime.CompilerServices;
using Tandem.Backends.Vulkan.Compute;
using Tandem.Devices;

namespace Tandem.Backends.Vulkan.GpuDevice;

/// <summary>
/// Plugs the GPU backend into the device registry when the runtime assembly loads, before any device or array is
/// used: how to open the GPU (which waits for the first use of <see cref="Mx.Gpu"/>, an array or a default stream) and
/// how to compile kernels for it ahead of time (<see cref="Mx.Precompile"/>).
/// </summary>
internal static class GpuBackendRegistration
{
#pragma warning disable CA2255 // The runtime registers its own backend; it must happen before user code touches a device.
    [ModuleInitializer]
    internal static void Register() => DeviceRegistry.RegisterGpuBackend(
        () => GpuBackend.Probe(GpuSettings.GpuDisabled),
        kernels => ShaderPrecompiler.Precompile(kernels, ShaderCompiler.Default));
#pragma warning restore CA2255
}

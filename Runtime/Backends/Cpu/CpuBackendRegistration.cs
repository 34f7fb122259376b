using System.Runtime.CompilerServices;
using Tandem.Devices;

namespace Tandem.Backends.Cpu;

/// <summary>Plugs the CPU backend into the device registry when the runtime assembly loads.</summary>
internal static class CpuBackendRegistration
{
#pragma warning disable CA2255 // The runtime registers its own backend; it must happen before user code touches a device.
    [ModuleInitializer]
    internal static void Register() => DeviceRegistry.RegisterCpuBackend(() => new CpuBackend());
#pragma warning restore CA2255
}

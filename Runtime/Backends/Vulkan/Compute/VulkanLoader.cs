using System;
using System.Runtime.InteropServices;
using Silk.NET.Core.Contexts;
using Silk.NET.Vulkan;

namespace Tandem.Backends.Vulkan.Compute;

/// <summary>
/// Loads the Vulkan loader library and builds <see cref="Vk"/> on it. <c>Vk.GetApi()</c> does the same through
/// Silk.NET's library search, which reads <c>Assembly.Location</c> and the deps file: both absent in a NativeAOT or
/// single-file app (the publish warns IL3000/IL3002), and not needed for a system library the OS loader finds by name.
/// </summary>
internal static class VulkanLoader
{
    /// <summary>The loader's file names, most specific first (as Silk.NET names them).</summary>
    private static string[] LibraryNames =>
        OperatingSystem.IsWindows() ? ["vulkan-1.dll"]
        : OperatingSystem.IsMacOS() ? ["libvulkan.1.dylib", "libvulkan.dylib", "libMoltenVK.dylib"]
        : ["libvulkan.so.1", "libvulkan.so"];

    /// <summary>The API over the loader: core entry points from the library, the others through vkGet*ProcAddr.</summary>
    /// <exception cref="DllNotFoundException">No loader library could be loaded.</exception>
    public static Vk Load()
    {
        nint library = LoadLibrary();
        var context = new MultiNativeContext(
            new LamdaNativeContext(name => NativeLibrary.TryGetExport(library, name, out nint address) ? address : 0),
            null);
        var vk = new Vk(context);

        // As Vk.GetApi() does: a function the library does not export is asked of the current device, then instance.
        context.Contexts[1] = new LamdaNativeContext(name =>
        {
            if (name.EndsWith("ProcAddr", StringComparison.Ordinal))
            {
                return 0;
            }

            nint address = vk.GetDeviceProcAddr(vk.CurrentDevice.GetValueOrDefault(), name);
            return address != 0 ? address : vk.GetInstanceProcAddr(vk.CurrentInstance.GetValueOrDefault(), name);
        });
        return vk;
    }

    private static nint LoadLibrary()
    {
        foreach (string name in LibraryNames)
        {
            if (NativeLibrary.TryLoad(name, out nint library))
            {
                return library;
            }
        }

        throw new DllNotFoundException($"none of {string.Join(", ", LibraryNames)} could be loaded.");
    }
}

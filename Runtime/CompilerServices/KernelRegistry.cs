using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Tandem.CompilerServices;

/// <summary>
/// Every generated kernel of every loaded assembly. The generator emits, next to each <c>[Kernel]</c> method, a module
/// initializer that calls <see cref="Register"/> with the kernel's descriptor, so kernels are found without
/// reflection over types (which trimming and NativeAOT would break).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class KernelRegistry
{
    private static readonly object Gate = new();
    private static readonly Dictionary<Assembly, List<KernelDescriptor>> Kernels = new();

    /// <summary>Records a generated kernel; called by the module initializer the generator emits.</summary>
    /// <param name="assembly">The assembly that defines the kernel.</param>
    /// <param name="kernel">The kernel's descriptor.</param>
    public static void Register(Assembly assembly, KernelDescriptor kernel)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentNullException.ThrowIfNull(kernel);
        lock (Gate)
        {
            if (!Kernels.TryGetValue(assembly, out List<KernelDescriptor>? list))
            {
                Kernels[assembly] = list = [];
            }

            list.Add(kernel);
        }
    }

    /// <summary>The assemblies that registered kernels so far.</summary>
    internal static IReadOnlyList<Assembly> Assemblies()
    {
        lock (Gate)
        {
            return [.. Kernels.Keys];
        }
    }

    /// <summary>The kernels <paramref name="assembly"/> defines, ordered by name.</summary>
    /// <param name="assembly">An assembly built with the Tandem generator (others have none).</param>
    /// <returns>A snapshot of its descriptors.</returns>
    public static IReadOnlyList<KernelDescriptor> KernelsOf(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);

        // The registrations run in the assembly's module initializer, which runs before any of its code does, but an
        // assembly reached only through reflection may not have run any yet.
        RuntimeHelpers.RunModuleConstructor(assembly.ManifestModule.ModuleHandle);
        lock (Gate)
        {
            if (!Kernels.TryGetValue(assembly, out List<KernelDescriptor>? list))
            {
                return [];
            }

            KernelDescriptor[] kernels = [.. list];
            Array.Sort(kernels, static (a, b) => string.CompareOrdinal(a.Name, b.Name));
            return kernels;
        }
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace Tandem.CompilerServices;

/// <summary>Finds the generated kernels of an assembly.</summary>
/// <remarks>
/// By reflection: the generator emits, per <c>[Kernel]</c> method, a nested class named
/// <c>__TandemKernel_&lt;Method&gt;</c> with a static field <c>Descriptor</c>.
/// </remarks>
internal static class KernelCatalog
{
    /// <summary>The prefix of the generated classes that hold a kernel's descriptor.</summary>
    public const string KernelClassPrefix = "__TandemKernel_";

    /// <summary>The descriptors of every generated kernel in <paramref name="assembly"/>, in a stable order.</summary>
    [RequiresUnreferencedCode("Finds the generated kernel classes by reflection; trimming may remove them.")]
    public static IReadOnlyList<KernelDescriptor> FindKernels(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        Type?[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException partial)
        {
            types = partial.Types; // the types that did load still count
        }

        var kernels = new List<KernelDescriptor>();
        foreach (Type? type in types)
        {
            if (type is { IsNested: true } && type.Name.StartsWith(KernelClassPrefix, StringComparison.Ordinal)
                && type.GetField("Descriptor", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static) is { } field
                && field.GetValue(null) is KernelDescriptor descriptor)
            {
                kernels.Add(descriptor);
            }
        }

        kernels.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return kernels;
    }
}

using System;
using System.Collections.Generic;
using Tandem.CompilerServices;

namespace Tandem.Backends.Vulkan.GpuDevice;

/// <summary>Whether a launch runs the kernel's <see cref="KernelDescriptor.WideEntryPoint"/> (four elements per thread).</summary>
internal static class WideEntryPoint
{
    /// <summary>
    /// True when <paramref name="kernel"/> has a wide entry point and no array is bound to two of its buffers with one
    /// of them written: the wide body reads a thread's elements before it writes any, so such a launch runs the
    /// ordinary entry point, which keeps per-element order.
    /// </summary>
    public static bool Fits(KernelDescriptor kernel, IReadOnlyList<UnifiedArray> arrays)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(arrays);
        if (kernel.WideEntryPoint is null)
        {
            return false;
        }

        for (int i = 0; i < arrays.Count; i++)
        {
            for (int j = i + 1; j < arrays.Count; j++)
            {
                if (ReferenceEquals(arrays[i].Buffer, arrays[j].Buffer)
                    && (kernel.Buffers[i].Writes || kernel.Buffers[j].Writes))
                {
                    return false;
                }
            }
        }

        return true;
    }
}

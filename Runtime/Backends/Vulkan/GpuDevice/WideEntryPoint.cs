using System;
using System.Collections.Generic;
using Tandem.CompilerServices;

namespace Tandem.Backends.Vulkan.GpuDevice;

/// <summary>Whether a launch runs the kernel's <see cref="KernelDescriptor.WideEntryPoint"/> (four elements per thread).</summary>
internal static class WideEntryPoint
{
    /// <summary>
    /// The threads from which a launch runs the wide entry point. A smaller launch moves under a megabyte, so the time
    /// of its dispatch is latency, not memory, and there the wide body costs more than it saves: its tail (fewer than
    /// four elements, indexed in a loop) made each dispatch of a chain of dependent 1-element launches 0.28 µs slower
    /// on an H100 (3.01 against 2.72 µs; docs/PERFORMANCE.md), which was all of Tandem's distance from the raw Vulkan
    /// chain.
    /// </summary>
    public const long MinimumThreads = 1 << 16;

    /// <summary>
    /// True when <paramref name="kernel"/> has a wide entry point, the launch has at least <see cref="MinimumThreads"/>
    /// threads, and no array is bound to two of its buffers with one of them written: the wide body reads a thread's
    /// elements before it writes any, so such a launch runs the ordinary entry point, which keeps per-element order.
    /// </summary>
    public static bool Fits(KernelDescriptor kernel, Index3D extent, IReadOnlyList<UnifiedArray> arrays)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(arrays);
        if (kernel.WideEntryPoint is null || (long)extent.X * extent.Y * extent.Z < MinimumThreads)
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

using System.Collections.Generic;
using Tandem.Backends.Vulkan.Compute;
using Tandem.CompilerServices;
using Tandem.Memory;
using Tandem.Scheduling;

namespace Tandem.Backends.Vulkan.GpuDevice;

/// <summary>
/// Decides where a batch needs a pipeline barrier: before a dispatch that reads or writes a buffer written by an
/// earlier dispatch since the last barrier (read/write after write), or writes one read since then (write after read).
/// Independent dispatches (a chain of ops on different arrays, or many reads of one) run without barriers and may
/// overlap on the GPU.
/// </summary>
/// <remarks>
/// Batches are separated by the full barrier <see cref="CommandRecorder"/> puts at the start of each, so the tracking
/// restarts with every batch (<see cref="Reset"/>). Owned by one stream's worker thread; the dictionary is reused, so
/// the hot path allocates nothing once it has grown.
/// </remarks>
internal sealed class DispatchHazards
{
    // Arrays' memory used since the last barrier, with whether any of those dispatches wrote it: per unified buffer, as
    // views share theirs while arrays in one Vulkan buffer (a slab) do not depend on each other.
    private readonly Dictionary<UnifiedBuffer, bool> _sinceBarrier = new(ReferenceEqualityComparer.Instance);

    /// <summary>Returns whether <paramref name="launch"/> must wait for earlier dispatches, and records its accesses.</summary>
    public bool NeedsBarrier(KernelLaunch launch)
    {
        UnifiedArray[] arrays = launch.Arrays;
        KernelDescriptor kernel = launch.Kernel;
        bool barrier = false;
        for (int i = 0; i < arrays.Length && !barrier; i++)
        {
            bool writes = kernel.Buffers[i].Writes;
            barrier = _sinceBarrier.TryGetValue(arrays[i].Buffer, out bool written) && (written || writes);
        }

        if (barrier)
        {
            _sinceBarrier.Clear();
        }

        for (int i = 0; i < arrays.Length; i++)
        {
            bool writes = kernel.Buffers[i].Writes;
            UnifiedBuffer buffer = arrays[i].Buffer;
            _sinceBarrier[buffer] = writes || (_sinceBarrier.TryGetValue(buffer, out bool written) && written);
        }

        return barrier;
    }

    /// <summary>Forgets everything: a new batch starts with a full barrier.</summary>
    public void Reset() => _sinceBarrier.Clear();

}

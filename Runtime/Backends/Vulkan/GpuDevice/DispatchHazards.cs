using System.Collections.Generic;
using Tandem.CompilerServices;
using Tandem.Scheduling;
using Tandem.Backends.Vulkan.Compute;

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
    // Arrays' memory used since the last barrier, with whether any of those dispatches wrote it (arrays may share a
    // Vulkan buffer, a slab, without depending on each other).
    private readonly Dictionary<GpuAllocation, bool> _sinceBarrier = new(ReferenceEqualityComparer.Instance);

    /// <summary>Returns whether <paramref name="launch"/> must wait for earlier dispatches, and records its accesses.</summary>
    public bool NeedsBarrier(KernelLaunch launch)
    {
        UnifiedArray[] arrays = launch.Arrays;
        KernelDescriptor kernel = launch.Kernel;
        bool barrier = false;
        for (int i = 0; i < arrays.Length && !barrier; i++)
        {
            bool writes = kernel.Buffers[i].Writes;
            barrier = _sinceBarrier.TryGetValue(BufferOf(arrays[i]), out bool written) && (written || writes);
        }

        if (barrier)
        {
            _sinceBarrier.Clear();
        }

        for (int i = 0; i < arrays.Length; i++)
        {
            bool writes = kernel.Buffers[i].Writes;
            GpuAllocation buffer = BufferOf(arrays[i]);
            _sinceBarrier[buffer] = writes || (_sinceBarrier.TryGetValue(buffer, out bool written) && written);
        }

        return barrier;
    }

    /// <summary>Forgets everything: a new batch starts with a full barrier.</summary>
    public void Reset() => _sinceBarrier.Clear();

    /// <summary>The GPU memory behind an array.</summary>
    /// <exception cref="System.InvalidOperationException">The array's memory is not GPU memory.</exception>
    public static GpuAllocation BufferOf(UnifiedArray array)
        => array.Buffer.Block.BackendHandle is GpuAllocation allocation
            ? allocation
            : throw new System.InvalidOperationException("An array's memory was not allocated by the GPU backend, so the GPU cannot bind it.");
}

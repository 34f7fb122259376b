using System;
using System.ComponentModel;
using Tandem.Memory;
using Tandem.Scheduling;

namespace Tandem.CompilerServices;

/// <summary>
/// The entry points generated launchers call. Not meant for user code: use the launcher overload the
/// generator adds next to each <c>[Kernel]</c> method instead.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class KernelLauncher
{
    /// <summary>
    /// Validates a launch and queues it on <paramref name="stream"/>; returns at once.
    /// </summary>
    /// <param name="kernel">The generated descriptor of the kernel.</param>
    /// <param name="extent">The number of threads along each axis (unused axes are 1).</param>
    /// <param name="buffers">The arrays bound to the kernel's buffer parameters, in parameter order.</param>
    /// <param name="uniforms">
    /// The uniform block, <see cref="KernelDescriptor.UniformByteSize"/> bytes: the launcher writes the user's
    /// scalars; the GPU backend fills the header and the buffer lengths when it dispatches (the CPU needs neither).
    /// </param>
    /// <param name="cpuBody">The generated CPU version bound to this launch's arguments.</param>
    /// <param name="stream">Where the kernel runs.</param>
    /// <remarks>
    /// Each buffer parameter sees its array's elements from the first one on. A view that the device cannot bind in
    /// place (not contiguous, or starting off the device's binding alignment) is copied for a read-only parameter, on
    /// <paramref name="stream"/>, and refused for a written one.
    /// </remarks>
    /// <exception cref="ArgumentNullException">An array is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An extent is negative.</exception>
    /// <exception cref="ArgumentException">
    /// An array does not fit the kernel (element size, length), or a written parameter is given a view that cannot be
    /// bound in place.
    /// </exception>
    /// <exception cref="ObjectDisposedException">An array was disposed.</exception>
    /// <exception cref="InvalidOperationException">The stream is on the GPU and there is no GPU.</exception>
    /// <exception cref="OutOfMemoryException">The stream's device has no room for an array's copy.</exception>
    public static void Launch(KernelDescriptor kernel, Index3D extent, ReadOnlySpan<UnifiedArray> buffers,
        ReadOnlySpan<byte> uniforms, CpuKernelBody cpuBody, StreamOrDevice stream)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(cpuBody);
        Index3D normalized = LaunchValidator.Validate(kernel, extent, buffers, uniforms);
        DeviceStream target = stream.Resolve();
        UnifiedArray[] requested = buffers.ToArray();
        target.Executor.CheckCanRun(kernel, requested);
        UnifiedArray[] arrays = ViewBinding.Bind(kernel, requested, target, out UnifiedArray[]? copies);
        try
        {
            ReserveMemory(arrays, target.Executor.MemorySide);
            byte[] uniformBlock = target.Executor.ReadsUniformBlock ? uniforms.ToArray() : [];
            var launch = new KernelLaunch(kernel, normalized, uniformBlock, cpuBody, arrays)
            {
                Requested = copies is null ? null : requested,
            };
            Scheduler.Submit(target, launch, DistinctUses(kernel, arrays));
        }
        finally
        {
            // Safe at once: the queued launch holds the copies' memory until it finished.
            ViewBinding.DisposeAll(copies);
        }
    }

    /// <summary>The elements of <paramref name="array"/> for a generated CPU body that writes it.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="array">The array.</param>
    /// <returns>A span over exactly <see cref="UnifiedArray.Length"/> elements, from the array's first one.</returns>
    /// <remarks>
    /// Valid inside a queued kernel even after the array was disposed: the memory lives until the kernel finished.
    /// </remarks>
    public static Span<T> GetSpan<T>(Array<T> array) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(array);
        var bound = (Array<T>)LaunchBindings.Resolve(array);
        bound.Buffer.PrepareHostAccess(write: true);
        return bound.HostSpan();
    }

    /// <summary>The elements of <paramref name="array"/> for a generated CPU body that reads it.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="array">The array.</param>
    /// <returns>
    /// A span over exactly <see cref="UnifiedArray.Length"/> elements, from the array's first one (of its contiguous
    /// copy when the launch made one).
    /// </returns>
    public static ReadOnlySpan<T> GetReadOnlySpan<T>(Array<T> array) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(array);
        var bound = (Array<T>)LaunchBindings.Resolve(array);
        bound.Buffer.PrepareHostAccess(write: false);
        return bound.HostSpan();
    }

    /// <summary>
    /// Gives each array the copy the stream's device uses, now, so that a lack of memory is an exception at the call
    /// rather than a failed op later.
    /// </summary>
    private static void ReserveMemory(UnifiedArray[] arrays, MemorySide side)
    {
        foreach (UnifiedArray array in arrays)
        {
            array.Buffer.Reserve(side);
        }
    }

    /// <summary>
    /// Each buffer once, reading when any of its parameters reads and writing when any writes: an array may be passed
    /// twice. The parameter named is the first that reads it, else the first that writes it.
    /// </summary>
    private static BufferUse[] DistinctUses(KernelDescriptor kernel, UnifiedArray[] arrays)
    {
        var uses = new BufferUse[arrays.Length];
        int count = 0;
        for (int i = 0; i < arrays.Length; i++)
        {
            KernelBufferInfo parameter = kernel.Buffers[i];
            int existing = 0;
            while (existing < count && uses[existing].Buffer != arrays[i].Buffer)
            {
                existing++;
            }

            if (existing < count)
            {
                BufferUse known = uses[existing];
                uses[existing] = new BufferUse(known.Buffer, known.Reads || parameter.Reads, known.Writes || parameter.Writes,
                    known.Reads || !parameter.Reads ? known.Parameter : parameter.Name);
            }
            else
            {
                uses[count++] = new BufferUse(arrays[i].Buffer, parameter.Reads, parameter.Writes, parameter.Name);
            }
        }

        return count == uses.Length ? uses : uses[..count];
    }
}

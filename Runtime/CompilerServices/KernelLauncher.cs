using System;
using System.ComponentModel;

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
    /// scalars; the runtime fills the header and the buffer lengths (one int per buffer right after the header).
    /// </param>
    /// <param name="cpuBody">The generated CPU version bound to this launch's arguments.</param>
    /// <param name="stream">Where the kernel runs.</param>
    public static void Launch(KernelDescriptor kernel, Index3D extent, ReadOnlySpan<UnifiedArray> buffers,
        ReadOnlySpan<byte> uniforms, CpuKernelBody cpuBody, StreamOrDevice stream)
        => throw new NotImplementedException();

    /// <summary>The elements of <paramref name="array"/> for a generated CPU body that writes it.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="array">The array.</param>
    /// <returns>A span over exactly <see cref="UnifiedArray.Length"/> elements.</returns>
    public static Span<T> GetSpan<T>(Array<T> array) where T : unmanaged => throw new NotImplementedException();

    /// <summary>The elements of <paramref name="array"/> for a generated CPU body that reads it.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="array">The array.</param>
    /// <returns>A span over exactly <see cref="UnifiedArray.Length"/> elements.</returns>
    public static ReadOnlySpan<T> GetReadOnlySpan<T>(Array<T> array) where T : unmanaged => throw new NotImplementedException();
}

using System;
using System.Collections.Generic;
using System.ComponentModel;
using Tandem.Abi;

namespace Tandem.CompilerServices;

/// <summary>How a kernel uses one of its buffers.</summary>
public enum BufferAccess
{
    /// <summary>A <see cref="ReadOnlySpan{T}"/> parameter: the kernel only reads it.</summary>
    Read,

    /// <summary>A <see cref="Span{T}"/> parameter: the kernel may read and write it.</summary>
    ReadWrite,

    /// <summary>
    /// A <see cref="Span{T}"/> parameter the kernel never reads (no element read, compound assignment, atomic or
    /// by-reference use): its launch does not depend on the data of the array's earlier writer.
    /// </summary>
    Write,
}

/// <summary>Device features a kernel needs beyond 32-bit arithmetic.</summary>
[Flags]
public enum KernelFeatures
{
    /// <summary>Nothing beyond 32-bit types.</summary>
    None = 0,

    /// <summary>64-bit floating point (<see cref="double"/>).</summary>
    Float64 = 1,

    /// <summary>64-bit integers (<see cref="long"/>, <see cref="ulong"/>).</summary>
    Int64 = 2,

    /// <summary>16-bit floating point storage (<see cref="Half"/>).</summary>
    Float16 = 4,

    /// <summary>Subgroup operations in compute shaders (<see cref="Wave"/>): basic, vote and arithmetic.</summary>
    Subgroup = 8,

    /// <summary>Subgroup shuffles (<see cref="Wave.ReadLane{T}"/>).</summary>
    SubgroupShuffle = 16,
}

/// <summary>One buffer parameter of a kernel, in parameter order.</summary>
/// <param name="Name">The parameter name in the user's method.</param>
/// <param name="Binding">The Vulkan binding slot (<c>[[vk::binding(n)]]</c>) in the generated HLSL.</param>
/// <param name="Access">Whether the kernel only reads the buffer, may read and write it, or only writes it.</param>
/// <param name="ElementSize">The size in bytes of one element.</param>
/// <param name="IndexedByThreadIndex">
/// True when every access is <c>buffer[i]</c> with <c>i</c> the 1D thread index, so the extent must not exceed
/// the buffer's length; the launcher checks this at the call.
/// </param>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record KernelBufferInfo(string Name, int Binding, BufferAccess Access, int ElementSize, bool IndexedByThreadIndex)
{
    /// <summary>True when the kernel may read the buffer's elements.</summary>
    public bool Reads => Access != BufferAccess.Write;

    /// <summary>True when the kernel may write the buffer's elements.</summary>
    public bool Writes => Access != BufferAccess.Read;
}

/// <summary>
/// Everything the runtime needs to run a generated kernel on any device: its HLSL, its bindings, its
/// uniform block and its thread-group size. Emitted once per <c>[Kernel]</c> method by the generator.
/// </summary>
/// <remarks>
/// The uniform block's layout is <see cref="KernelAbi"/>'s: a header and one length per buffer, which the GPU backend
/// fills at dispatch, then the user's scalars, which the launcher writes.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class KernelDescriptor
{
    /// <summary>Creates a descriptor; called by generated code.</summary>
    /// <param name="name">The kernel's display name, <c>Type.Method</c>.</param>
    /// <param name="rank">1, 2 or 3: the rank of the thread index.</param>
    /// <param name="groupSize">Threads per group along each axis.</param>
    /// <param name="hlsl">The complete HLSL source of the compute shader.</param>
    /// <param name="entryPoint">The entry point's name in <paramref name="hlsl"/>.</param>
    /// <param name="buffers">The buffer parameters in parameter order.</param>
    /// <param name="uniformByteSize">The size of the uniform (push-constant) block, header included.</param>
    /// <param name="features">Device features the kernel needs.</param>
    public KernelDescriptor(string name, int rank, Index3D groupSize, string hlsl, string entryPoint,
        IReadOnlyList<KernelBufferInfo> buffers, int uniformByteSize, KernelFeatures features)
        : this(name, rank, groupSize, hlsl, entryPoint, buffers, uniformByteSize, features, usesGroups: false)
    {
    }

    /// <summary>Creates a descriptor; called by generated code.</summary>
    /// <param name="name">The kernel's display name, <c>Type.Method</c>.</param>
    /// <param name="rank">1, 2 or 3: the rank of the thread index.</param>
    /// <param name="groupSize">Threads per group along each axis.</param>
    /// <param name="hlsl">The complete HLSL source of the compute shader.</param>
    /// <param name="entryPoint">The entry point's name in <paramref name="hlsl"/>.</param>
    /// <param name="buffers">The buffer parameters in parameter order.</param>
    /// <param name="uniformByteSize">The size of the uniform (push-constant) block, header included.</param>
    /// <param name="features">Device features the kernel needs.</param>
    /// <param name="usesGroups">True when the kernel uses <see cref="Group"/>: see <see cref="UsesGroups"/>.</param>
    public KernelDescriptor(string name, int rank, Index3D groupSize, string hlsl, string entryPoint,
        IReadOnlyList<KernelBufferInfo> buffers, int uniformByteSize, KernelFeatures features, bool usesGroups)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(hlsl);
        ArgumentNullException.ThrowIfNull(entryPoint);
        ArgumentNullException.ThrowIfNull(buffers);
        ArgumentOutOfRangeException.ThrowIfLessThan(rank, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rank, 3);
        ArgumentOutOfRangeException.ThrowIfLessThan(uniformByteSize, KernelAbi.ScalarsOffset(buffers.Count));
        Name = name;
        Rank = rank;
        GroupSize = groupSize;
        Hlsl = hlsl;
        EntryPoint = entryPoint;
        Buffers = buffers;
        UniformByteSize = uniformByteSize;
        Features = features;
        UsesGroups = usesGroups;
        if (usesGroups && (groupSize.X < 1 || groupSize.Y < 1 || groupSize.Z < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(groupSize), groupSize, "A kernel that uses groups needs a group size of at least 1 along each axis.");
        }
    }

    /// <summary>
    /// True when the kernel's body loops, so one thread may do much work: the CPU then splits a launch over its cores
    /// from far fewer threads than for straight-line kernels (a matmul row of 512 products is not one addition).
    /// </summary>
    public bool HasLoops { get; init; }

    /// <summary>
    /// A second entry point in <see cref="Hlsl"/> where each GPU thread handles <see cref="KernelAbi.WideElementsPerThread"/>
    /// consecutive elements with one 128-bit access per buffer (element-wise 1D kernels only; null otherwise). It
    /// takes the same bindings and uniforms; the runtime launches a quarter of the threads, and uses the ordinary
    /// entry point when one array is bound to two of the kernel's buffers and one of them is written (the wide body
    /// reads all of a thread's elements before it writes any, which could then differ from per-element order).
    /// </summary>
    public string? WideEntryPoint { get; init; }

    /// <summary>The kernel's display name, <c>Type.Method</c>; errors name the kernel with it.</summary>
    public string Name { get; }

    /// <summary>1, 2 or 3: the rank of the thread index.</summary>
    public int Rank { get; }

    /// <summary>Threads per group along each axis.</summary>
    public Index3D GroupSize { get; }

    /// <summary>The complete HLSL source of the compute shader.</summary>
    public string Hlsl { get; }

    /// <summary>The entry point's name in <see cref="Hlsl"/>.</summary>
    public string EntryPoint { get; }

    /// <summary>The buffer parameters in parameter order.</summary>
    public IReadOnlyList<KernelBufferInfo> Buffers { get; }

    /// <summary>The size of the uniform (push-constant) block, header included.</summary>
    public int UniformByteSize { get; }

    /// <summary>Device features the kernel needs.</summary>
    public KernelFeatures Features { get; }

    /// <summary>
    /// True when the kernel uses <see cref="Group"/> (shared memory, barriers, group indices). Its CPU body then
    /// takes whole groups as work items (<c>item = gx + groupsX * (gy + groupsY * gz)</c>), and a launch's extent
    /// must be a multiple of <see cref="GroupSize"/> along each axis, so every thread of a group exists and reaches
    /// each barrier.
    /// </summary>
    public bool UsesGroups { get; }

    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>
/// The generated CPU version of a kernel, bound to one launch's arguments. The runtime calls it with
/// disjoint ranges of work items, possibly from several threads at once: for a 1D kernel a work item is one
/// thread index; for 2D and 3D kernels it is one row along X (<c>item = y + z * extent.Y</c>); for a kernel that
/// uses groups (<see cref="KernelDescriptor.UsesGroups"/>) it is one whole group.
/// </summary>
/// <param name="begin">The first work item.</param>
/// <param name="end">One past the last work item.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public delegate void CpuKernelBody(int begin, int end);

using System;

namespace Tandem;

/// <summary>
/// The thread group of the running kernel thread: its position, group-shared memory and barriers. Use it inside a
/// <see cref="KernelAttribute">[Kernel]</see> method whose attribute sets the group size
/// (<c>[Kernel(256)]</c>, <c>[Kernel(16, 16)]</c>, <c>[Kernel(4, 4, 4)]</c>).
/// </summary>
/// <remarks>
/// <para>
/// In a launch, the generator translates these members: on the GPU to <c>SV_GroupThreadID</c>,
/// <c>SV_GroupID</c>, <c>groupshared</c> arrays and <c>GroupMemoryBarrierWithGroupSync()</c>; on the CPU to
/// generated code that runs a group's threads phase by phase between barriers, each thread keeping its locals.
/// The kernel's first parameter stays the global index: <c>Index * Size + ThreadIndex</c>. A launch of a kernel that
/// uses <see cref="Group"/> needs an extent that is a multiple of the group size along each axis (the launcher
/// throws <see cref="ArgumentException"/> otherwise), so every thread of every group exists and reaches each barrier.
/// </para>
/// <para>
/// Called directly (outside a launch, e.g. in the debugger or a test), a kernel behaves as a group of one thread:
/// <see cref="ThreadIndex"/> and <see cref="Index"/> are (0, 0, 0), <see cref="Size"/> is (1, 1, 1),
/// <see cref="Shared{T}"/> returns a fresh zeroed array of the requested length, and <see cref="Barrier"/> does
/// nothing. Group-shared memory is not initialized on a GPU: write it before reading it.
/// </para>
/// </remarks>
public static class Group
{
    /// <summary>The thread's position within its group, from (0, 0, 0) to <see cref="Size"/> - 1.</summary>
    /// <remarks>Outside a launch: (0, 0, 0).</remarks>
    public static Index3D ThreadIndex => default;

    /// <summary>The group's position in the grid of groups (the global index divided by <see cref="Size"/>).</summary>
    /// <remarks>Outside a launch: (0, 0, 0).</remarks>
    public static Index3D Index => default;

    /// <summary>The number of threads per group along each axis, as set on the <c>[Kernel]</c> attribute.</summary>
    /// <remarks>Outside a launch: (1, 1, 1).</remarks>
    public static Index3D Size => new(1, 1, 1);

    /// <summary>
    /// Memory shared by the threads of one group: <c>Span&lt;float&gt; tile = Group.Shared&lt;float&gt;(256);</c>, declared
    /// at the top level of the kernel body with a constant length. Every thread of the group sees the same elements;
    /// synchronize with <see cref="Barrier"/> between writing and reading another thread's elements.
    /// </summary>
    /// <typeparam name="T">float, double, int, uint or a System.Numerics vector.</typeparam>
    /// <param name="length">The number of elements: a constant.</param>
    /// <returns>Outside a launch: a fresh zeroed array of <paramref name="length"/> elements.</returns>
    public static Span<T> Shared<T>(int length) where T : unmanaged => new T[length];

    /// <summary>
    /// Waits until every thread of the group reached this barrier, and makes their writes to group-shared memory
    /// (and buffers) visible to each other. Every thread of a group must reach the same barriers: not inside a branch
    /// or loop whose condition differs between the threads of a group, nor after a <c>return</c>.
    /// </summary>
    /// <remarks>Outside a launch: does nothing.</remarks>
    public static void Barrier()
    {
    }
}

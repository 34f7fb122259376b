using System;

namespace Tandem;

/// <summary>
/// Marks a static method of a <c>partial</c> type as a compute kernel. At build time Tandem's source
/// generator turns the method into an HLSL compute shader and a vectorized CPU version, and adds a
/// launcher overload of the same name that queues the kernel on a stream.
/// </summary>
/// <remarks>
/// The method's first parameter is the thread index (<see cref="int"/>, <see cref="Index2D"/> or
/// <see cref="Index3D"/>); the others are <see cref="ReadOnlySpan{T}"/> / <see cref="Span{T}"/> buffers
/// and scalars passed by value. Calling the method directly runs it once on the calling thread.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class KernelAttribute : Attribute
{
    /// <summary>Marks a kernel that uses the default thread-group size for its rank.</summary>
    public KernelAttribute()
    {
    }

    /// <summary>Marks a kernel with a one-dimensional thread group of <paramref name="x"/> threads.</summary>
    /// <param name="x">Threads per group along X.</param>
    public KernelAttribute(int x) => (X, Y, Z) = (x, 1, 1);

    /// <summary>Marks a kernel with a two-dimensional thread group.</summary>
    /// <param name="x">Threads per group along X.</param>
    /// <param name="y">Threads per group along Y.</param>
    public KernelAttribute(int x, int y) => (X, Y, Z) = (x, y, 1);

    /// <summary>Marks a kernel with a three-dimensional thread group.</summary>
    /// <param name="x">Threads per group along X.</param>
    /// <param name="y">Threads per group along Y.</param>
    /// <param name="z">Threads per group along Z.</param>
    public KernelAttribute(int x, int y, int z) => (X, Y, Z) = (x, y, z);

    /// <summary>Threads per group along X; 0 when the default is used.</summary>
    public int X { get; }

    /// <summary>Threads per group along Y; 0 when the default is used.</summary>
    public int Y { get; }

    /// <summary>Threads per group along Z; 0 when the default is used.</summary>
    public int Z { get; }
}

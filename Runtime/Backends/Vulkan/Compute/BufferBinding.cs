namespace Tandem.Backends.Vulkan.Compute;

/// <summary>
/// One kernel buffer argument: a byte range of a <see cref="VulkanBuffer"/>. The descriptor's range is exactly
/// <see cref="ByteLength"/>, so robust buffer access keeps every shader access inside it.
/// </summary>
/// <param name="Buffer">The buffer.</param>
/// <param name="Offset">The first byte (a multiple of <c>minStorageBufferOffsetAlignment</c>).</param>
/// <param name="ByteLength">The logical length in bytes.</param>
/// <param name="ElementCount">The logical length in elements, written to the uniform block for the shader.</param>
internal readonly record struct BufferBinding(VulkanBuffer Buffer, ulong Offset, ulong ByteLength, int ElementCount)
{
    /// <summary>The first <paramref name="elementCount"/> elements of <typeparamref name="T"/> of a buffer.</summary>
    public static unsafe BufferBinding Of<T>(VulkanBuffer buffer, int elementCount, ulong offset = 0) where T : unmanaged
        => new(buffer, offset, (ulong)elementCount * (ulong)sizeof(T), elementCount);
}

namespace Tandem.Memory;

/// <summary>
/// One allocation handed out by a <see cref="MemoryAllocator"/>: host-visible memory at
/// <paramref name="HostPointer"/>, <paramref name="Capacity"/> bytes long.
/// </summary>
/// <param name="HostPointer">The host address; 64-byte aligned, never zero.</param>
/// <param name="Capacity">The usable size in bytes (at least the size asked for).</param>
/// <param name="BackendHandle">
/// What a device backend needs to bind the same memory (for Vulkan: the buffer and its offset); null for plain
/// host memory.
/// </param>
internal readonly record struct MemoryBlock(nint HostPointer, nuint Capacity, object? BackendHandle);

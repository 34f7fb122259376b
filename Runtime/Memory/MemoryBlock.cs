namespace Tandem.Memory;

/// <summary>
/// One allocation of host memory handed out by a <see cref="MemoryAllocator"/>: <paramref name="Capacity"/> bytes at
/// <paramref name="HostPointer"/>.
/// </summary>
/// <param name="HostPointer">The host address; 64-byte aligned, never zero.</param>
/// <param name="Capacity">The usable size in bytes (at least the size asked for).</param>
internal readonly record struct MemoryBlock(nint HostPointer, nuint Capacity);

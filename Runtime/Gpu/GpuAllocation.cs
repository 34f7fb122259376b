using Tandem.Vulkan;

namespace Tandem.Gpu;

/// <summary>
/// The <see cref="Memory.MemoryBlock.BackendHandle"/> of an array's memory on the GPU: the Vulkan buffer and where the
/// array starts in it. Kernels bind <c>(Buffer, Offset, the array's byte length)</c>.
/// </summary>
/// <param name="Buffer">The buffer; persistently mapped, so the host pointer of the block is its mapping.</param>
/// <param name="Offset">The array's first byte in <paramref name="Buffer"/> (0 while every array has its own buffer).</param>
internal sealed record GpuAllocation(GpuBuffer Buffer, ulong Offset);

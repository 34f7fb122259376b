using System;
using System.Buffers.Binary;
using Tandem.Abi;

namespace Tandem.Backends.Vulkan.Compute;

/// <summary>
/// Fills the runtime-owned part of a kernel's uniform (push-constant) block at dispatch, laid out as
/// <see cref="KernelAbi"/> says: the header from the dispatch's grid, then each buffer's length in elements. The
/// launcher writes the user's scalars after them; nothing else writes the header.
/// </summary>
internal static class UniformHeader
{
    /// <summary>Fills the header and the buffer lengths of <paramref name="block"/>.</summary>
    /// <exception cref="ArgumentException">The block is too small for them.</exception>
    public static void Write(Span<byte> block, in DispatchGrid grid, ReadOnlySpan<int> bufferLengths)
    {
        if (block.Length < KernelAbi.ScalarsOffset(bufferLengths.Length))
        {
            throw new ArgumentException($"The uniform block ({block.Length} bytes) is too small for the header and {bufferLengths.Length} buffer lengths.", nameof(block));
        }

        BinaryPrimitives.WriteInt32LittleEndian(block[KernelAbi.ExtentXOffset..], grid.Extent.X);
        BinaryPrimitives.WriteInt32LittleEndian(block[KernelAbi.ExtentYOffset..], grid.Extent.Y);
        BinaryPrimitives.WriteInt32LittleEndian(block[KernelAbi.ExtentZOffset..], grid.Extent.Z);
        BinaryPrimitives.WriteInt32LittleEndian(block[KernelAbi.DispatchWidthOffset..], grid.DispatchWidth);
        for (int i = 0; i < bufferLengths.Length; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(block[KernelAbi.BufferLengthOffset(i)..], bufferLengths[i]);
        }
    }
}

using System;
using System.Buffers.Binary;

namespace Tandem.CompilerServices;

/// <summary>
/// The uniform (push-constant) block of a launch: a 16-byte header (extent X, Y, Z, dispatch width), one int per
/// buffer with its length in elements, then the user's scalars as the launcher wrote them.
/// </summary>
internal static class UniformBlock
{
    /// <summary>The bytes the runtime owns at the start of the block.</summary>
    public static int MinimumSize(KernelDescriptor kernel) => KernelDescriptor.UniformHeaderSize + (4 * kernel.Buffers.Count);

    /// <summary>A copy of <paramref name="uniforms"/> with the runtime's part filled in.</summary>
    public static byte[] Build(KernelDescriptor kernel, Index3D extent, ReadOnlySpan<UnifiedArray> buffers,
        ReadOnlySpan<byte> uniforms)
    {
        byte[] block = uniforms.ToArray();
        Span<byte> header = block;
        BinaryPrimitives.WriteInt32LittleEndian(header[0..], extent.X);
        BinaryPrimitives.WriteInt32LittleEndian(header[4..], extent.Y);
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], extent.Z);

        // The dispatch width is the row pitch of the flattened thread index; the CPU runs exactly the extent.
        // A GPU backend rewrites it to the extent rounded up to whole thread groups.
        BinaryPrimitives.WriteInt32LittleEndian(header[12..], extent.X);
        for (int i = 0; i < buffers.Length; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(header[(KernelDescriptor.UniformHeaderSize + (4 * i))..], buffers[i].Length);
        }

        return block;
    }
}

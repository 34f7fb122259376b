namespace Tandem.Abi;

/// <summary>
/// The contract between generated kernels and the runtime that runs them: the layout of the uniform (push-constant)
/// block, the wide entry point, and the names generated code uses. This file is compiled into both the generator
/// (netstandard2.0) and the runtime, so both sides read every fact from here.
/// </summary>
/// <remarks>
/// The uniform block of a kernel with <c>n</c> buffers is, in order: the header (four 32-bit ints: extent X, Y, Z and
/// the dispatch width, the threads along X of one row of groups), one 32-bit int per buffer with its length in
/// elements, then the user's scalars, each aligned to its size (a vector travels as its floats, 4-byte aligned, and
/// a bool or Half as a 32-bit value); the block's size is rounded up to <see cref="BlockAlignment"/>. These are the
/// offsets std430 gives the HLSL push-constant struct.
/// </remarks>
internal static class KernelAbi
{
    /// <summary>Byte offset of the extent along X in the header.</summary>
    public const int ExtentXOffset = 0;

    /// <summary>Byte offset of the extent along Y in the header.</summary>
    public const int ExtentYOffset = 4;

    /// <summary>Byte offset of the extent along Z in the header.</summary>
    public const int ExtentZOffset = 8;

    /// <summary>
    /// Byte offset of the dispatch width in the header: the row pitch of a 1D launch folded into rows of groups
    /// (the shader's linear index is <c>x + y * dispatchWidth</c>).
    /// </summary>
    public const int DispatchWidthOffset = 12;

    /// <summary>Size in bytes of the runtime-owned header at the start of the uniform block.</summary>
    public const int HeaderSize = 16;

    /// <summary>Size in bytes of one buffer-length slot (an int32: the buffer's length in elements).</summary>
    public const int BufferLengthSize = 4;

    /// <summary>The uniform block's size is a multiple of this.</summary>
    public const int BlockAlignment = 8;

    /// <summary>The most bytes a uniform block may have: Vulkan guarantees 128 bytes of push constants.</summary>
    public const int MaxBlockSize = 128;

    /// <summary>The HLSL name of the header's extent along X.</summary>
    public const string ExtentXField = "extentX";

    /// <summary>The HLSL name of the header's extent along Y.</summary>
    public const string ExtentYField = "extentY";

    /// <summary>The HLSL name of the header's extent along Z.</summary>
    public const string ExtentZField = "extentZ";

    /// <summary>The HLSL name of the header's dispatch width.</summary>
    public const string DispatchWidthField = "dispatchWidth";

    /// <summary>The HLSL names of the header's fields, in offset order (each an int32).</summary>
    public static readonly string[] HeaderFields = { ExtentXField, ExtentYField, ExtentZField, DispatchWidthField };

    /// <summary>The suffix of a kernel's wide entry point: <c>Saxpy</c> has <c>Saxpy_x4</c>.</summary>
    public const string WideEntryPointSuffix = "_x4";

    /// <summary>Consecutive elements each thread of a wide entry point handles: one 128-bit vector of 32-bit words.</summary>
    public const int WideElementsPerThread = 4;

    /// <summary>
    /// The prefix of the generated class nested in the user's type that holds a kernel's CPU version
    /// (<c>__TandemKernel_Saxpy</c>).
    /// </summary>
    public const string KernelClassPrefix = "__TandemKernel_";

    /// <summary>
    /// The prefix of the generated file-local class that holds a kernel's HLSL and descriptor and registers it with the
    /// runtime's kernel registry from a module initializer (<c>__TandemDescriptor_Saxpy</c>).
    /// </summary>
    public const string DescriptorClassPrefix = "__TandemDescriptor_";

    /// <summary>
    /// The HLSL macro a kernel's shader is compiled with for a software Vulkan device such as llvmpipe, whose code
    /// generator needs the exact float arithmetic spelled differently (see <see cref="ForSoftwareDevice"/>).
    /// </summary>
    public const string SoftwareDeviceMacro = "TANDEM_SOFTWARE_DEVICE";

    /// <summary>The HLSL to compile for a software Vulkan device: <paramref name="hlsl"/> with <see cref="SoftwareDeviceMacro"/> defined.</summary>
    public static string ForSoftwareDevice(string hlsl) => "#define " + SoftwareDeviceMacro + " 1\n" + hlsl;

    /// <summary>
    /// The HLSL macro that qualifies each exact float operation of a kernel's shader: <c>precise</c> unless defined before
    /// (<see cref="WithRelaxedFloats"/> defines it empty).
    /// </summary>
    public const string ExactQualifierMacro = "TANDEM_EXACT";

    /// <summary>
    /// <paramref name="hlsl"/> with its float operations no longer marked exact, so the compilers may fold and fuse them
    /// (NaN, infinities and signed zeros then differ from C#): only to measure what exact arithmetic costs.
    /// </summary>
    public static string WithRelaxedFloats(string hlsl) => "#define " + ExactQualifierMacro + "\n" + hlsl;

    /// <summary>Byte offset of buffer <paramref name="buffer"/>'s length slot.</summary>
    public static int BufferLengthOffset(int buffer) => HeaderSize + (BufferLengthSize * buffer);

    /// <summary>Byte offset of the first user scalar of a kernel with <paramref name="bufferCount"/> buffers.</summary>
    public static int ScalarsOffset(int bufferCount) => BufferLengthOffset(bufferCount);

    /// <summary>
    /// The offset of a scalar placed at or after <paramref name="offset"/>: aligned to its size, or to 4 bytes for a
    /// vector, which travels as its float components.
    /// </summary>
    /// <param name="offset">The first free byte.</param>
    /// <param name="size">The scalar's size in the block (a bool or Half takes 4).</param>
    /// <param name="isVector">True for a System.Numerics vector.</param>
    public static int AlignScalar(int offset, int size, bool isVector) => AlignUp(offset, isVector ? 4 : size);

    /// <summary>The block's size for scalars that end at <paramref name="end"/>.</summary>
    public static int BlockSize(int end) => AlignUp(end, BlockAlignment);

    /// <summary>The wide entry point's name for the entry point <paramref name="entryPoint"/>.</summary>
    public static string WideEntryPoint(string entryPoint) => entryPoint + WideEntryPointSuffix;

    private static int AlignUp(int value, int alignment) => (value + alignment - 1) / alignment * alignment;
}

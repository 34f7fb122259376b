using System;
using System.Runtime.InteropServices;

namespace Tandem.Memory;

/// <summary>Aligned, zero-filled memory from the process heap.</summary>
internal sealed unsafe class NativeMemoryAllocator : MemoryAllocator
{
    public override MemoryBlock Allocate(nuint byteLength)
    {
        // Never hand out a null pointer, so that empty arrays still have a valid (empty) span.
        nuint capacity = Math.Max(byteLength, (nuint)Alignment);
        void* pointer = NativeMemory.AlignedAlloc(capacity, Alignment);
        NativeMemory.Clear(pointer, capacity);
        return new MemoryBlock((nint)pointer, capacity, null);
    }

    public override void Free(MemoryBlock block) => NativeMemory.AlignedFree((void*)block.HostPointer);
}

using System;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Threading;
using Tandem.Diagnostics;

namespace Tandem.Memory;

/// <summary>Aligned, zero-filled memory from the process heap.</summary>
internal sealed unsafe class NativeMemoryAllocator : MemoryAllocator
{
    private long _heldBytes;

    /// <summary>Bytes taken from the heap and not given back yet.</summary>
    public override long SourceBytes => Interlocked.Read(ref _heldBytes);

    public override MemoryBlock Allocate(nuint byteLength)
    {
        // Never hand out a null pointer, so that empty arrays still have a valid (empty) span.
        nuint capacity = Math.Max(byteLength, (nuint)Alignment);
        if (FaultInjection.IsArmed && FaultInjection.ExceedsMemoryLimit(SourceBytes, capacity))
        {
            throw new OutOfMemoryException(string.Create(CultureInfo.InvariantCulture,
                $"No room for {capacity} bytes of host memory (the fault-injection limit is reached)."));
        }

        void* pointer = NativeMemory.AlignedAlloc(capacity, Alignment);
        NativeMemory.Clear(pointer, capacity);
        Interlocked.Add(ref _heldBytes, (long)capacity);
        return new MemoryBlock((nint)pointer, capacity, null);
    }

    public override void Free(MemoryBlock block)
    {
        NativeMemory.AlignedFree((void*)block.HostPointer);
        Interlocked.Add(ref _heldBytes, -(long)block.Capacity);
    }
}

using System;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Threading;

namespace Tandem.Memory;

/// <summary>
/// Aligned memory from the process heap, not cleared: whoever needs zeros clears what it uses. Large blocks are aligned
/// to huge pages and advised to use them (<see cref="HugePages"/>).
/// </summary>
internal sealed unsafe class NativeMemoryAllocator : MemoryAllocator
{
    private static volatile Func<long, ulong, bool>? s_refusesAllocation;
    private long _heldBytes;

    /// <summary>
    /// Given the bytes held and the bytes wanted, true when an allocation must fail as the heap's would when full; null
    /// (the default) for none. The seam through which tests run the out-of-memory path without using up the machine.
    /// </summary>
    public static Func<long, ulong, bool>? RefusesAllocation
    {
        get => s_refusesAllocation;
        set => s_refusesAllocation = value;
    }

    /// <summary>Bytes taken from the heap and not given back yet.</summary>
    public override long SourceBytes => Interlocked.Read(ref _heldBytes);

    public override MemoryBlock Allocate(nuint byteLength)
    {
        // Never hand out a null pointer, so that empty arrays still have a valid (empty) span.
        nuint capacity = Math.Max(byteLength, (nuint)Alignment);
        if (s_refusesAllocation?.Invoke(SourceBytes, capacity) == true)
        {
            throw new OutOfMemoryException(string.Create(CultureInfo.InvariantCulture,
                $"No room for {capacity} bytes of host memory (the limit a test set is reached)."));
        }

        void* pointer;
        bool huge = HugePages.Wanted(capacity);
        try
        {
            pointer = NativeMemory.AlignedAlloc(capacity, (nuint)(huge ? HugePages.Size : Alignment));
        }
        catch (OutOfMemoryException)
        {
            throw new OutOfMemoryException(string.Create(CultureInfo.InvariantCulture,
                $"The process has no room for {capacity} bytes of host memory ({SourceBytes} bytes are held by arrays and the cache of freed ones)."));
        }

        if (huge)
        {
            HugePages.Advise(pointer, capacity);
        }

        Interlocked.Add(ref _heldBytes, (long)capacity);
        return new MemoryBlock((nint)pointer, capacity);
    }

    public override void Free(MemoryBlock block)
    {
        NativeMemory.AlignedFree((void*)block.HostPointer);
        Interlocked.Add(ref _heldBytes, -(long)block.Capacity);
    }
}

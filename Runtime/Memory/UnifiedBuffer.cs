using System;
using System.Threading;
using Tandem.Scheduling;

namespace Tandem.Memory;

/// <summary>
/// The memory behind one array, shared by every device, plus the state the scheduler keeps about it.
/// </summary>
/// <remarks>
/// The memory is counted by its users: the array that owns it, and every queued op that reads or writes it. It goes
/// back to the allocator when the last of them lets go, so disposing an array while kernels still use it is safe.
/// A buffer that is never disposed is released by its finalizer once nothing references it.
/// </remarks>
internal sealed class UnifiedBuffer
{
    private readonly MemoryAllocator _allocator;
    private MemoryBlock _block;
    private int _users = 1;

    public UnifiedBuffer(MemoryAllocator allocator, long byteLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(byteLength);
        _allocator = allocator;
        ByteLength = byteLength;
        _block = allocator.Allocate((nuint)byteLength);
        CollectionBudget.Allocated(byteLength);
    }

    ~UnifiedBuffer() => FreeMemory();

    /// <summary>The host address of the first byte.</summary>
    public nint HostPointer => _block.HostPointer;

    /// <summary>The size the array asked for, in bytes.</summary>
    public long ByteLength { get; }

    /// <summary>The allocation, for a backend that binds the same memory on its device.</summary>
    public MemoryBlock Block => _block;

    /// <summary>True once the memory went back to the allocator.</summary>
    public bool IsReleased => Volatile.Read(ref _users) == 0;

    /// <summary>
    /// Makes the host's view of the bytes current before the host reads (or writes) them: a no-op on unified memory;
    /// on a discrete GPU the backend copies the device's newer bytes back, or marks its copy stale after a host write.
    /// </summary>
    /// <param name="write">True when the host is about to write.</param>
    public void PrepareHostAccess(bool write)
    {
        if (_block.BackendHandle is IHostCoherence coherence)
        {
            coherence.PrepareHostAccess(write);
        }
    }

    /// <summary>The dependency tracker's state for this buffer; guarded by the tracker's lock.</summary>
    internal BufferAccessHistory History { get; } = new();

    /// <summary>Registers one more user; false when the memory is already released.</summary>
    public bool TryAddUser()
    {
        int users = Volatile.Read(ref _users);
        while (users > 0)
        {
            int seen = Interlocked.CompareExchange(ref _users, users + 1, users);
            if (seen == users)
            {
                return true;
            }

            users = seen;
        }

        return false;
    }

    /// <summary>The owning array was disposed: drops its use, and tells the collection budget it needs no finalizer.</summary>
    public void RemoveOwner()
    {
        CollectionBudget.Disposed(ByteLength);
        RemoveUser();
    }

    /// <summary>Drops one user; the last one releases the memory.</summary>
    public void RemoveUser()
    {
        int users = Interlocked.Decrement(ref _users);
        if (users == 0)
        {
            FreeMemory();
            GC.SuppressFinalize(this);
        }
        else if (users < 0)
        {
            throw new InvalidOperationException("A unified buffer was released more often than it was used.");
        }
    }

    private void FreeMemory()
    {
        MemoryBlock block = _block;
        if (block.HostPointer == 0)
        {
            return;
        }

        _block = default;
        Volatile.Write(ref _users, 0);
        _allocator.Free(block);
    }
}

using System;
using System.Threading;

namespace Tandem.Memory;

/// <summary>
/// The memory behind one array (and its views): its host and device copies, which of them is current
/// (<c>UnifiedBuffer.Residency.cs</c>), and how long it lives.
/// </summary>
/// <remarks>
/// The memory is counted by its users: the array that owns it, and every queued op that reads or writes it. It goes
/// back to the allocators when the last of them lets go, so disposing an array while kernels still use it is safe.
/// A buffer that is never disposed is released once nothing references it, by the finalizer of its
/// <see cref="Allocations"/>.
/// </remarks>
internal sealed partial class UnifiedBuffer
{
    private readonly ArrayMemory _memory;
    private readonly Allocations _allocations;
    private int _users = 1;

    /// <param name="memory">Where its copies come from.</param>
    /// <param name="byteLength">Its size.</param>
    /// <param name="contents">What it holds before anything writes it.</param>
    public UnifiedBuffer(ArrayMemory memory, long byteLength, BufferContents contents)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(byteLength);
        _memory = memory;
        _allocations = new Allocations(memory);
        ByteLength = byteLength;
        _state = contents == BufferContents.Zeros ? State.Zeros : State.Undefined;
        CollectionBudget.Allocated(byteLength);
    }

    /// <summary>The size the array asked for, in bytes.</summary>
    public long ByteLength { get; }

    /// <summary>
    /// The scheduler's record of the ops that accessed this buffer (its last write, the reads since). Kept here so that
    /// finding it costs one field read per launch, and it lives exactly as long as the buffer; only the scheduler reads
    /// or writes it (under its lock), and this layer never looks inside.
    /// </summary>
    public object? AccessHistory { get; set; }

    /// <summary>True once the memory went back to the allocators.</summary>
    public bool IsReleased => Volatile.Read(ref _users) == 0;

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
            GC.SuppressFinalize(_allocations);
        }
        else if (users < 0)
        {
            throw new InvalidOperationException("A unified buffer was released more often than it was used.");
        }
    }

    private void ThrowIfReleased()
    {
        if (IsReleased)
        {
            throw new ObjectDisposedException(nameof(UnifiedArray), "The array was disposed and its memory released.");
        }
    }

    /// <summary>
    /// The memory a buffer holds, and the finalizer that gives it back when the buffer was never disposed. Apart from
    /// the buffer so that a collection keeps alive only what that finalizer reaches: an undisposed buffer's access
    /// history (the ops that last used it) is collected at once instead of being promoted along with it, which halved
    /// the pauses of the collections that find undisposed arrays (docs/PERFORMANCE.md).
    /// </summary>
    private sealed class Allocations(ArrayMemory memory)
    {
        /// <summary>The host copy of its own; default when none (or when the host shares the device's memory).</summary>
        public MemoryBlock HostBlock;

        /// <summary>The device copy; null while no device access needed one.</summary>
        public DeviceMemory? Device;

        ~Allocations() => Free();

        /// <summary>Gives both copies back to their allocators.</summary>
        public void Free()
        {
            if (HostBlock.HostPointer != 0)
            {
                memory.Host.Free(HostBlock);
                HostBlock = default;
            }

            if (Device is { } device)
            {
                memory.Device!.Free(device);
                Device = null;
            }
        }
    }
}

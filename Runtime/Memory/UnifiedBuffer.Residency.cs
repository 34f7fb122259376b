using System;
using System.Diagnostics;
using System.Threading;

namespace Tandem.Memory;

/// <summary>
/// Residency: which copies of a buffer's bytes exist, which of them are current, and what an access must do first.
/// The one home of these rules; the device backend only carries out the copies it is asked for.
/// </summary>
/// <remarks>
/// <para>
/// Copies. A host copy (host memory of any size: the host thread and CPU streams use it) and a device copy (the
/// device's memory: kernels of GPU streams bind it). Neither exists when the array is made; each is allocated when an
/// access on its side first needs it — at the launch of the op that will make that access (<see cref="Reserve"/>), so
/// that a lack of memory fails the call, or at the access. On unified devices one allocation serves both sides
/// (<see cref="DeviceMemory.SharedHostPointer"/>): both copies are then always current together and nothing moves.
/// </para>
/// <para>
/// Contents. <c>Undefined</c>: an op's fresh output, which that op writes entirely, so nothing is cleared, copied or
/// uploaded for it. <c>Zeros</c>: made on whichever side first uses the buffer (cleared on the host, filled by the
/// device). <c>Written</c>: what an access wrote, current in at least one copy.
/// </para>
/// <para>
/// Transitions, at the access (a CPU kernel taking its span, a host read or write, a GPU stream recording a kernel):
/// if the copy on the access's side is not current, Zeros are made there, Written bytes are copied from the other
/// (current) copy — a download to the host, an upload to the device — and Undefined needs nothing; the copy is then
/// current. A write makes the contents Written and the other copy stale.
/// </para>
/// <para>
/// Thread-safety. The scheduler orders conflicting accesses (a host read after a device write waits for that write's
/// op; a device write after host reads waits for them), so only reads can meet here; the lock settles which of them
/// moves the bytes. An access that needs no transition takes no lock. Memory is given back only when the buffer is
/// released, so a span handed out stays valid as long as its op holds the buffer.
/// </para>
/// </remarks>
internal sealed partial class UnifiedBuffer
{
    private readonly Lock _gate = new();
    private volatile State _state;
    private volatile bool _shared;
    private nint _hostPointer;

    [Flags]
    private enum State
    {
        Undefined = 0,
        HostCurrent = 1,
        DeviceCurrent = 2,
        Zeros = 4,
        Written = 8,
    }

    /// <summary>The address of the host copy; 0 until a host access (or <see cref="Reserve"/>) made one.</summary>
    public nint HostPointer => Volatile.Read(ref _hostPointer);

    /// <summary>The device copy, or null while no device access needed one.</summary>
    public DeviceMemory? DeviceCopy => Volatile.Read(ref _allocations.Device);

    /// <summary>True when one allocation is both the host and the device copy (unified memory).</summary>
    public bool SharesOneCopy => _shared;

    /// <summary>Which copies hold the current bytes now (for tests and diagnostics).</summary>
    public (bool Host, bool Device) CurrentCopies => ((_state & State.HostCurrent) != 0, (_state & State.DeviceCurrent) != 0);

    /// <summary>
    /// Allocates the copy an access on <paramref name="side"/> will use, if there is none yet, without changing what
    /// is current: called at the launch, so that a lack of memory is an exception at the call.
    /// </summary>
    /// <exception cref="OutOfMemoryException">No room on that side, even after releasing cached memory.</exception>
    /// <exception cref="ObjectDisposedException">The buffer was released.</exception>
    public void Reserve(MemorySide side)
    {
        if (side == MemorySide.Host ? HostPointer != 0 : DeviceCopy is not null)
        {
            return;
        }

        lock (_gate)
        {
            ThrowIfReleased();
            if (side == MemorySide.Host)
            {
                EnsureHostCopy();
            }
            else
            {
                EnsureDeviceCopy();
            }
        }
    }

    /// <summary>
    /// Makes the host copy current before the host (or a CPU kernel) reads, or reads and writes, the bytes at
    /// <see cref="HostPointer"/>; a write makes the device copy stale. Called from any thread, often from several
    /// chunks of one CPU kernel at once.
    /// </summary>
    /// <param name="write">True when the host is about to write.</param>
    public void PrepareHostAccess(bool write)
    {
        if (NeedsNothing(State.HostCurrent, write))
        {
            return;
        }

        lock (_gate)
        {
            ThrowIfReleased();
            EnsureHostCopy();
            State state = _state;
            if ((state & State.HostCurrent) == 0)
            {
                if ((state & State.Zeros) != 0)
                {
                    BulkCopy.Clear(_hostPointer, ByteLength);
                }
                else if ((state & State.Written) != 0)
                {
                    Debug.Assert((state & State.DeviceCurrent) != 0, "Written bytes are current in some copy.");
                    _allocations.Device!.Download(_hostPointer, ByteLength);
                }

                state = MarkCurrent(state, State.HostCurrent);
            }

            _state = write ? MarkWritten(state, State.HostCurrent) : state;
        }
    }

    /// <summary>
    /// Makes the device copy current for a kernel that <paramref name="transfers"/>' stream is recording, and returns
    /// it; a write makes the host copy stale.
    /// </summary>
    /// <param name="write">True when the kernel may write the buffer.</param>
    /// <param name="transfers">How that stream uploads or fills, ordered before the kernel.</param>
    public DeviceMemory PrepareDeviceAccess(bool write, IDeviceTransfers transfers)
    {
        if (NeedsNothing(State.DeviceCurrent, write) && DeviceCopy is { } current)
        {
            return current;
        }

        lock (_gate)
        {
            ThrowIfReleased();
            DeviceMemory device = EnsureDeviceCopy();
            State state = _state;
            if ((state & State.DeviceCurrent) == 0)
            {
                if ((state & State.Zeros) != 0)
                {
                    // One allocation for both sides: cleared here and now, so that a host reader meeting this access
                    // finds zeros whatever the device has run by then.
                    if (_shared)
                    {
                        BulkCopy.Clear(_hostPointer, ByteLength);
                    }
                    else
                    {
                        transfers.FillZeros(device, ByteLength);
                    }
                }
                else if ((state & State.Written) != 0)
                {
                    Debug.Assert((state & State.HostCurrent) != 0, "Written bytes are current in some copy.");
                    transfers.Upload(device, _hostPointer, ByteLength);
                }

                state = MarkCurrent(state, State.DeviceCurrent);
            }

            _state = write ? MarkWritten(state, State.DeviceCurrent) : state;
            return device;
        }
    }

    /// <summary>True while nothing has written the buffer: it holds what it was made with (undefined contents, or zeros).</summary>
    public bool HoldsInitialContents => (_state & State.Written) == 0;

    /// <summary>
    /// The first op that was to write this buffer failed (it did not run, or stopped part way): the buffer holds zeros
    /// again, as if nothing had written it, so that a fresh output its failed op never filled cannot show stale memory
    /// to a later kernel that writes only part of it. Nothing else touches the buffer meanwhile: every later access
    /// waits for that op.
    /// </summary>
    public void ForgetFailedFirstWrite()
    {
        lock (_gate)
        {
            _state = State.Zeros;
        }
    }

    /// <summary>True when an access on <paramref name="side"/> finds its copy current and changes nothing.</summary>
    private bool NeedsNothing(State side, bool write)
    {
        State state = _state;
        if ((state & side) == 0)
        {
            return false;
        }

        // A write changes nothing only where it already is the one current copy of written bytes.
        return !write || ((state & State.Written) != 0 && (_shared || (state & Other(side)) == 0));
    }

    private State MarkCurrent(State state, State side) => state | (_shared ? State.HostCurrent | State.DeviceCurrent : side);

    private State MarkWritten(State state, State side)
        => ((_shared ? state : state & ~Other(side)) & ~State.Zeros) | State.Written;

    private static State Other(State side) => side == State.HostCurrent ? State.DeviceCurrent : State.HostCurrent;

    /// <summary>The host copy: memory shared with the device where it offers that, else host memory of its own.</summary>
    private void EnsureHostCopy()
    {
        if (_hostPointer != 0)
        {
            return;
        }

        if (_allocations.Device is null && _memory.Device?.TryAllocateShared(ByteLength) is { } shared)
        {
            Adopt(shared);
            return;
        }

        _allocations.HostBlock = _memory.Host.Allocate((nuint)ByteLength);
        Volatile.Write(ref _hostPointer, _allocations.HostBlock.HostPointer);
    }

    /// <summary>The device copy; on unified memory, with no host copy yet, it becomes the host copy as well.</summary>
    private DeviceMemory EnsureDeviceCopy()
    {
        if (_allocations.Device is { } existing)
        {
            return existing;
        }

        DeviceMemoryAllocator allocator = _memory.Device
            ?? throw new InvalidOperationException("There is no device memory: no GPU is in use.");
        DeviceMemory device = allocator.Allocate(ByteLength);
        if (_hostPointer == 0 && device.SharedHostPointer != 0)
        {
            Adopt(device);
        }
        else
        {
            // Where a host copy of its own exists already (an array larger than unified memory offered), the two stay
            // apart: CPU kernels may be reading that copy right now, so it cannot be given back before the release.
            Volatile.Write(ref _allocations.Device, device);
        }

        return device;
    }

    private void Adopt(DeviceMemory shared)
    {
        _shared = true;
        Volatile.Write(ref _allocations.Device, shared);
        Volatile.Write(ref _hostPointer, shared.SharedHostPointer);
    }

    private void FreeMemory()
    {
        lock (_gate)
        {
            Volatile.Write(ref _users, 0);
            _allocations.Free();
            _hostPointer = 0;
        }
    }
}

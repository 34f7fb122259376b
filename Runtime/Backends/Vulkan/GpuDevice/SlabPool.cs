using System.Collections.Generic;
using System.Threading;
using Tandem.Backends.Vulkan.Compute;

namespace Tandem.Backends.Vulkan.GpuDevice;

/// <summary>
/// Sub-allocates small buffers from large Vulkan allocations ("slabs"): a chain of small ops makes a new array per op,
/// and a Vulkan allocation per array would cost more than the op (tens of µs on NVIDIA). Each slab holds slots of one
/// size; freed slots are reused. Slab memory stays with the pool for the life of the device.
/// </summary>
internal sealed class SlabPool
{
    /// <summary>The largest slot size taken from slabs; bigger arrays get buffers of their own.</summary>
    public const ulong MaxSlotBytes = 256 * 1024;

    private const ulong SlabBytes = 4 * 1024 * 1024;

    private readonly VulkanContext _context;
    private readonly MemoryPlacement _placement;
    private readonly Dictionary<ulong, Stack<BufferSlice>> _free = [];
    private readonly Lock _gate = new();

    public SlabPool(VulkanContext context, MemoryPlacement placement)
    {
        _context = context;
        _placement = placement;
    }

    /// <summary>A slot of exactly <paramref name="capacity"/> bytes (a size bucket at most <see cref="MaxSlotBytes"/>).</summary>
    /// <exception cref="System.OutOfMemoryException">No new slab fits on the device.</exception>
    public BufferSlice Rent(ulong capacity)
    {
        lock (_gate)
        {
            if (!_free.TryGetValue(capacity, out Stack<BufferSlice>? slots))
            {
                slots = new Stack<BufferSlice>();
                _free.Add(capacity, slots);
            }

            if (slots.Count == 0)
            {
                VulkanBuffer slab = _context.CreateBuffer(SlabBytes, _placement);
                // Slots start on 64-byte boundaries: arrays promise that alignment (and it covers Vulkan's offset rules).
                ulong stride = (capacity + 63) / 64 * 64;
                for (ulong offset = 0; offset + capacity <= SlabBytes; offset += stride)
                {
                    slots.Push(new BufferSlice(slab, offset));
                }
            }

            return slots.Pop();
        }
    }

    private void Return(BufferSlice slot, ulong capacity)
    {
        lock (_gate)
        {
            _free[capacity].Push(slot);
        }
    }

    /// <summary>Rents a slot for small sizes, else makes a buffer of its own.</summary>
    public BufferSlice RentOrCreate(ulong capacity) =>
        capacity <= MaxSlotBytes ? Rent(capacity) : new BufferSlice(_context.CreateBuffer(capacity, _placement), 0);

    /// <summary>Gives back what <see cref="RentOrCreate"/> returned.</summary>
    public void Release(BufferSlice slice, ulong capacity)
    {
        if (capacity <= MaxSlotBytes)
        {
            Return(slice, capacity);
        }
        else
        {
            slice.Buffer.Dispose();
        }
    }
}

using System;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Threading;
using Silk.NET.Vulkan;
using VkBuffer = Silk.NET.Vulkan.Buffer;

namespace Tandem.Backends.Vulkan.Compute;

// Tandem.Device (the public device type) would otherwise hide Vulkan's device handle here.
using Device = Silk.NET.Vulkan.Device;

/// <summary>
/// One <c>VkBuffer</c> (storage, transfer source and destination) with its own <c>VkDeviceMemory</c>. Host-visible placements are persistently mapped (<see cref="HostPointer"/>)
/// and coherent: no flush or invalidate is needed, but the CPU must not touch bytes that queued GPU work uses
/// until that work's timeline value is reached.
/// </summary>
/// <remarks>
/// Thread-safety: creation and <see cref="Dispose"/> may run on any thread. Dispose only after every batch that
/// uses the buffer has completed (the caller tracks that; see <see cref="CommandRecorder"/>).
/// </remarks>
internal sealed unsafe class VulkanBuffer : IDisposable
{
    private readonly VulkanContext _context;
    private VkBuffer _buffer;
    private DeviceMemory _memory;
    private readonly ulong _memoryBytes;
    private int _disposed;

    private VulkanBuffer(VulkanContext context, VkBuffer buffer, DeviceMemory memory, ulong memoryBytes, ulong size,
        MemoryPlacement placement, MemoryTypeInfo memoryType, nint hostPointer)
    {
        _context = context;
        _buffer = buffer;
        _memory = memory;
        _memoryBytes = memoryBytes;
        Size = size;
        Placement = placement;
        MemoryType = memoryType;
        HostPointer = hostPointer;
    }

    /// <summary>The Vulkan handle; valid until <see cref="Dispose"/>.</summary>
    public VkBuffer Handle
    {
        get
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            return _buffer;
        }
    }

    /// <summary>The size of the <c>VkBuffer</c>, in bytes.</summary>
    public ulong Size { get; }

    /// <summary>The resolved placement (never <see cref="MemoryPlacement.Default"/>).</summary>
    public MemoryPlacement Placement { get; }

    /// <summary>The memory type the allocation uses.</summary>
    public MemoryTypeInfo MemoryType { get; }

    /// <summary>The CPU address of byte 0, or 0 for <see cref="MemoryPlacement.DeviceLocal"/> memory that is not mapped.</summary>
    public nint HostPointer { get; }

    /// <summary>True when the CPU can read and write the buffer through <see cref="HostPointer"/>.</summary>
    public bool IsHostVisible => HostPointer != 0;

    /// <summary>True when the memory is device-local (fast for the device).</summary>
    public bool IsDeviceLocal => MemoryType.Has(MemoryPropertyFlags.DeviceLocalBit);

    /// <summary>The mapped bytes.</summary>
    /// <exception cref="InvalidOperationException">The buffer is not host-visible.</exception>
    public Span<byte> HostBytes
    {
        get
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            return HostPointer == 0
                ? throw new InvalidOperationException($"This {Placement} buffer is not mapped; copy through a staging buffer.")
                : new Span<byte>((void*)HostPointer, checked((int)Math.Min(Size, int.MaxValue)));
        }
    }

    /// <summary>The mapped memory as elements of <typeparamref name="T"/>.</summary>
    public Span<T> AsSpan<T>() where T : unmanaged => MemoryMarshal.Cast<byte, T>(HostBytes);

    /// <summary>Allocates a buffer; see <see cref="VulkanContext.CreateBuffer"/>.</summary>
    /// <exception cref="OutOfMemoryException">The device or the heap has no room.</exception>
    internal static VulkanBuffer Create(VulkanContext context, ulong size, MemoryPlacement placement)
    {
        ArgumentOutOfRangeException.ThrowIfZero(size);
        Vk vk = context.Api;
        Device device = context.Device;
        DeviceInfo info = context.Info;
        MemoryPlacement resolved = MemoryTypeSelector.Resolve(placement, info);

        var bufferInfo = new BufferCreateInfo
        {
            SType = StructureType.BufferCreateInfo,
            Size = size,
            Usage = BufferUsageFlags.StorageBufferBit | BufferUsageFlags.TransferSrcBit | BufferUsageFlags.TransferDstBit,
            SharingMode = SharingMode.Exclusive, // all queues come from one family
        };
        VkBuffer buffer;
        Result result = vk.CreateBuffer(device, &bufferInfo, null, &buffer);
        if (result != Result.Success)
        {
            throw OutOfMemory(result, "vkCreateBuffer", size, resolved);
        }

        DeviceMemory memory = default;
        MemoryRequirements requirements = default;
        try
        {
            vk.GetBufferMemoryRequirements(device, buffer, &requirements);
            int typeIndex = MemoryTypeSelector.Select(info, resolved, requirements.MemoryTypeBits);
            if (typeIndex < 0)
            {
                throw new InvalidOperationException($"The device '{info.Name}' has no memory type for {resolved} buffers.");
            }

            MemoryTypeInfo type = info.MemoryTypes[typeIndex];
            if (requirements.Size > info.MemoryHeaps[type.HeapIndex].Size)
            {
                throw OutOfMemory(Result.ErrorOutOfDeviceMemory, "vkAllocateMemory", size, resolved);
            }

            var allocateInfo = new MemoryAllocateInfo
            {
                SType = StructureType.MemoryAllocateInfo,
                AllocationSize = requirements.Size,
                MemoryTypeIndex = (uint)typeIndex,
            };
            result = context.FaultHook?.RefusesAllocation(context.AllocatedBytes, requirements.Size) == true
                ? Result.ErrorOutOfDeviceMemory
                : vk.AllocateMemory(device, &allocateInfo, null, &memory);
            if (result != Result.Success)
            {
                throw OutOfMemory(result, "vkAllocateMemory", size, resolved);
            }

            context.CountAllocation((long)requirements.Size);

            VkCheck.Success(vk.BindBufferMemory(device, buffer, memory, 0), "vkBindBufferMemory");

            void* mapped = null;
            if (type.Has(MemoryPropertyFlags.HostVisibleBit | MemoryPropertyFlags.HostCoherentBit))
            {
                VkCheck.Success(vk.MapMemory(device, memory, 0, Vk.WholeSize, 0, &mapped), "vkMapMemory");
            }

            return new VulkanBuffer(context, buffer, memory, requirements.Size, size, resolved, type, (nint)mapped);
        }
        catch
        {
            if (memory.Handle != 0)
            {
                vk.FreeMemory(device, memory, null);
                context.CountAllocation(-(long)requirements.Size);
            }

            vk.DestroyBuffer(device, buffer, null);
            throw;
        }
    }

    private static Exception OutOfMemory(Result result, string call, ulong size, MemoryPlacement placement)
        => result is Result.ErrorOutOfDeviceMemory or Result.ErrorOutOfHostMemory
            ? new OutOfMemoryException(string.Create(CultureInfo.InvariantCulture,
                $"Vulkan could not allocate a {placement} buffer of {size} bytes ({call}: {result})."))
            : VkCheck.Exception(result, call);

    /// <summary>Frees the buffer and its memory. Idempotent; the GPU must be done with it.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Vk vk = _context.Api;
        if (HostPointer != 0)
        {
            vk.UnmapMemory(_context.Device, _memory);
        }

        vk.DestroyBuffer(_context.Device, _buffer, null);
        vk.FreeMemory(_context.Device, _memory, null);
        _context.CountAllocation(-(long)_memoryBytes);
        _buffer = default;
        _memory = default;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"VulkanBuffer({Size} bytes, {Placement}, memory type {MemoryType.Index}: {MemoryType.Flags})");
}

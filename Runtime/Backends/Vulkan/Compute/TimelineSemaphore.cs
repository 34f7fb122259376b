using System;
using System.Threading;
using Silk.NET.Vulkan;
using VkSemaphore = Silk.NET.Vulkan.Semaphore;

namespace Tandem.Backends.Vulkan.Compute;

// Tandem.Device (the public device type) would otherwise hide Vulkan's device handle here.
using Device = Silk.NET.Vulkan.Device;

/// <summary>
/// A Vulkan timeline semaphore: a 64-bit counter that only grows. GPU batches wait for and signal values on
/// it; the host can wait for a value (<see cref="Wait"/>) and signal one (<see cref="Signal"/>), which is how a
/// CPU stream hands work to the GPU and back.
/// </summary>
/// <remarks>Thread-safe: every member may be called from any thread (Vulkan synchronizes host access to
/// semaphore values). Dispose only when no queued batch waits for or signals it.</remarks>
internal sealed unsafe class TimelineSemaphore : IDisposable
{
    private readonly VulkanContext _context;
    private VkSemaphore _handle;
    private int _disposed;

    internal TimelineSemaphore(VulkanContext context, ulong initialValue)
    {
        _context = context;
        var typeInfo = new SemaphoreTypeCreateInfo
        {
            SType = StructureType.SemaphoreTypeCreateInfo,
            SemaphoreType = SemaphoreType.Timeline,
            InitialValue = initialValue,
        };
        var info = new SemaphoreCreateInfo { SType = StructureType.SemaphoreCreateInfo, PNext = &typeInfo };
        VkSemaphore semaphore;
        VkCheck.Success(context.Api.CreateSemaphore(context.Device, &info, null, &semaphore), "vkCreateSemaphore");
        _handle = semaphore;
    }

    public VkSemaphore Handle
    {
        get
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            return _handle;
        }
    }

    /// <summary>The current value (<c>vkGetSemaphoreCounterValue</c>).</summary>
    public ulong Value
    {
        get
        {
            ulong value = 0;
            Result result = _context.IsLostBySimulation ? Result.ErrorDeviceLost : _context.Api.GetSemaphoreCounterValue(_context.Device, Handle, &value);
            VkCheck.Success(result, "vkGetSemaphoreCounterValue");
            return value;
        }
    }

    /// <summary>Blocks until the value is at least <paramref name="value"/>.</summary>
    /// <param name="value">The value to reach.</param>
    /// <param name="timeout">How long to wait; null waits forever.</param>
    /// <returns>True when reached, false on timeout.</returns>
    /// <exception cref="VulkanDeviceLostException">The device was lost.</exception>
    public bool Wait(ulong value, TimeSpan? timeout = null)
    {
        VkSemaphore semaphore = Handle;
        var info = new SemaphoreWaitInfo
        {
            SType = StructureType.SemaphoreWaitInfo,
            SemaphoreCount = 1,
            PSemaphores = &semaphore,
            PValues = &value,
        };
        ulong nanoseconds = timeout is not { } t ? ulong.MaxValue
            : t.Ticks >= long.MaxValue / 100 ? ulong.MaxValue
            : (ulong)Math.Max(0, t.Ticks) * 100;
        Result result = _context.IsLostBySimulation ? Result.ErrorDeviceLost : _context.Api.WaitSemaphores(_context.Device, &info, nanoseconds);
        if (result == Result.Success && _context.IsLostBySimulation)
        {
            result = Result.ErrorDeviceLost; // the (simulated) loss came while this thread waited, as a real one would
        }

        if (result == Result.Timeout)
        {
            return false;
        }

        VkCheck.Success(result, "vkWaitSemaphores");
        return true;
    }

    /// <summary>Sets the value from the host (<c>vkSignalSemaphore</c>); it must grow.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not greater than the current one.</exception>
    public void Signal(ulong value)
    {
        ulong current = Value;
        if (value <= current)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"A timeline semaphore only grows; it is at {current}.");
        }

        var info = new SemaphoreSignalInfo { SType = StructureType.SemaphoreSignalInfo, Semaphore = Handle, Value = value };
        VkCheck.Success(_context.IsLostBySimulation ? Result.ErrorDeviceLost : _context.Api.SignalSemaphore(_context.Device, &info), "vkSignalSemaphore");
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _context.Api.DestroySemaphore(_context.Device, _handle, null);
            _handle = default;
        }
    }
}

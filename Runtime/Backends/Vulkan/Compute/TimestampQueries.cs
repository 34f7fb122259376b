using System;
using System.Threading;
using Silk.NET.Vulkan;

namespace Tandem.Backends.Vulkan.Compute;

/// <summary>
/// A pool of GPU timestamp queries: a <see cref="CommandRecorder"/> resets them and writes the device's clock into
/// them (<see cref="CommandRecorder.ResetQueries"/>, <see cref="CommandRecorder.WriteTimestamp"/>); once the batch that
/// wrote them completed, <see cref="Read"/> gives the ticks (<see cref="DeviceLimits.TimestampPeriodNanoseconds"/>
/// each). <see cref="GpuClock"/> turns them into host time.
/// </summary>
/// <remarks>Thread-safety: one batch writes a pool at a time; read it only after that batch completed.</remarks>
internal sealed unsafe class TimestampQueries : IDisposable
{
    private readonly VulkanContext _context;
    private int _disposed;

    public TimestampQueries(VulkanContext context, int count)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        _context = context;
        Count = count;
        var info = new QueryPoolCreateInfo { SType = StructureType.QueryPoolCreateInfo, QueryType = QueryType.Timestamp, QueryCount = (uint)count };
        QueryPool pool;
        VkCheck.Success(context.Api.CreateQueryPool(context.Device, &info, null, &pool), "vkCreateQueryPool");
        Handle = pool;
    }

    /// <summary>How many queries the pool holds.</summary>
    public int Count { get; }

    internal QueryPool Handle { get; }

    /// <summary>Copies the first <paramref name="ticks"/>.Length timestamps, each of which a completed batch wrote.</summary>
    public void Read(Span<ulong> ticks)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ticks.Length, Count, nameof(ticks));
        if (ticks.IsEmpty)
        {
            return;
        }

        fixed (ulong* p = ticks)
        {
            VkCheck.Success(_context.Api.GetQueryPoolResults(_context.Device, Handle, 0, (uint)ticks.Length, (nuint)(ticks.Length * sizeof(ulong)), p,
                sizeof(ulong), QueryResultFlags.Result64Bit | QueryResultFlags.ResultWaitBit), "vkGetQueryPoolResults");
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _context.Api.DestroyQueryPool(_context.Device, Handle, null);
        }
    }
}

namespace Tandem.Tracing;

/// <summary>One submitted GPU command buffer: host ticks of its submission and of the host seeing it complete.</summary>
/// <param name="Stream">The GPU stream.</param>
/// <param name="Signal">The value it signals: the number of its last op.</param>
/// <param name="Submitted">Right before <c>vkQueueSubmit</c>.</param>
/// <param name="Completed">When a host thread saw its semaphore reach <paramref name="Signal"/>.</param>
/// <param name="Ops">Its traced ops.</param>
internal sealed record TracedBatch(DeviceStream Stream, ulong Signal, long Submitted, long Completed, int Ops);

/// <summary>A host thread blocked on the runtime: <c>ToArray</c> (and its relatives) or <c>Synchronize</c>.</summary>
/// <param name="Kind">"ToArray" or "Synchronize".</param>
/// <param name="ThreadId">The managed thread.</param>
/// <param name="ThreadName">Its name, if any.</param>
/// <param name="Start">When it began waiting.</param>
/// <param name="End">When it returned.</param>
/// <param name="WaitedFor">The op it waited for, when there was one.</param>
internal sealed record TracedHostWait(string Kind, int ThreadId, string? ThreadName, long Start, long End, TracedProducer? WaitedFor);

/// <summary>Bytes moved between host memory and a device's own memory.</summary>
/// <param name="Device">The device.</param>
/// <param name="Direction">"upload", "download" or "fill".</param>
/// <param name="Bytes">How many bytes.</param>
/// <param name="Start">When the transfer began (host ticks).</param>
/// <param name="End">When the bytes arrived, or the copy was queued on the device (uploads and fills).</param>
internal sealed record TracedTransfer(Device Device, string Direction, long Bytes, long Start, long End);

/// <summary>How a device's times became host times, for the reader of a trace.</summary>
/// <param name="Device">The device.</param>
/// <param name="Method">"calibrated (VK_EXT_calibrated_timestamps)", "measured offset", ….</param>
/// <param name="UncertaintyNanoseconds">How far a converted time may be off the host clock.</param>
internal sealed record TracedClock(Device Device, string Method, double UncertaintyNanoseconds);

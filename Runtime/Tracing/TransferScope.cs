using System.Diagnostics;

namespace Tandem.Tracing;

/// <summary>
/// Times one transfer between host and device memory while a trace records: <c>using var _ = TransferScope.Begin(…)</c>
/// at the start of the transfer; nothing happens when no trace records.
/// </summary>
internal readonly ref struct TransferScope
{
    private readonly TraceSession? _session;
    private readonly Device? _device;
    private readonly string? _direction;
    private readonly long _bytes;
    private readonly long _start;

    private TransferScope(TraceSession session, Device device, string direction, long bytes)
    {
        _session = session;
        _device = device;
        _direction = direction;
        _bytes = bytes;
        _start = Stopwatch.GetTimestamp();
    }

    /// <summary>Starts timing a transfer of <paramref name="bytes"/> for <paramref name="device"/>: "upload", "download" or "fill".</summary>
    public static TransferScope Begin(Device? device, string direction, long bytes)
        => TraceRecorder.Active is { } session && device is not null ? new TransferScope(session, device, direction, bytes) : default;

    /// <summary>Records the transfer, ending now.</summary>
    public void Dispose() => _session?.Add(new TracedTransfer(_device!, _direction!, _bytes, _start, Stopwatch.GetTimestamp()));
}

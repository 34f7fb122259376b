using System.Collections.Generic;
using System.Threading;

namespace Tandem.Devices;

/// <summary>Every stream made so far, for <see cref="Mx.Synchronize"/>, and the numbering of new ones.</summary>
internal static class StreamRegistry
{
    private static readonly Lock s_gate = new();
    private static readonly List<Stream> s_streams = [];

    /// <summary>Makes a new stream on <paramref name="backend"/>'s device.</summary>
    public static Stream Create(DeviceBackend backend)
    {
        lock (s_gate)
        {
            var stream = new Stream(backend.Device, s_streams.Count, backend.CreateExecutor);
            s_streams.Add(stream);
            return stream;
        }
    }

    /// <summary>A snapshot of all streams.</summary>
    public static Stream[] All()
    {
        lock (s_gate)
        {
            return [.. s_streams];
        }
    }
}

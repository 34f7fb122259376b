using System.Collections.Generic;
using System.Threading;

namespace Tandem.Devices;

/// <summary>The streams alive now, for <see cref="Mx.Synchronize"/>, and the numbering of new ones.</summary>
internal static class StreamRegistry
{
    private static readonly Lock s_gate = new();
    private static readonly List<DeviceStream> s_streams = [];
    private static int s_created;

    /// <summary>Makes a new stream on <paramref name="backend"/>'s device.</summary>
    /// <param name="backend">The device.</param>
    /// <param name="isDefault">True for the device's default stream, which lives as long as the process.</param>
    public static DeviceStream Create(DeviceBackend backend, bool isDefault = false)
    {
        lock (s_gate)
        {
            // Numbers are never reused, so messages about a disposed stream's ops stay unambiguous.
            var stream = new DeviceStream(backend.Device, s_created++, isDefault, backend.CreateExecutor);
            s_streams.Add(stream);
            return stream;
        }
    }

    /// <summary>Forgets a disposed stream.</summary>
    public static void Remove(DeviceStream stream)
    {
        lock (s_gate)
        {
            s_streams.Remove(stream);
        }
    }

    /// <summary>A snapshot of the streams alive now.</summary>
    public static DeviceStream[] All()
    {
        lock (s_gate)
        {
            return [.. s_streams];
        }
    }
}

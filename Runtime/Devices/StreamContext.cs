using System;
using System.Threading;

namespace Tandem.Devices;

/// <summary>
/// The default stream of the current thread or async flow, as set by <see cref="Mx.StreamScope"/>; null outside
/// any scope.
/// </summary>
internal static class StreamContext
{
    private static readonly AsyncLocal<DeviceStream?> s_current = new();

    public static DeviceStream? Current => s_current.Value;

    /// <summary>Makes <paramref name="stream"/> the default until the returned scope is disposed.</summary>
    public static IDisposable Enter(DeviceStream stream)
    {
        var scope = new Scope(s_current.Value);
        s_current.Value = stream;
        return scope;
    }

    private sealed class Scope(DeviceStream? previous) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                s_current.Value = previous;
            }
        }
    }
}

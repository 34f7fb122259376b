using System;
using System.Collections.Generic;
using Tandem.Runtime.Tests.Infrastructure;

namespace Tandem.Runtime.Tests.Reliability;

/// <summary>
/// The streams random programs run on, created once (each CPU stream owns a worker thread, so creating them per case
/// would churn threads): CPU streams always, GPU streams interleaved when there is a GPU or TANDEM_REQUIRE_GPU=1, so
/// that even a program using only two streams crosses devices.
/// </summary>
internal static class StreamPool
{
    private static readonly Lazy<DeviceStream[]> s_streams = new(Create);

    public static IReadOnlyList<DeviceStream> Streams => s_streams.Value;

    public static bool HasGpu => TestDevices.GpuRequired || Mx.IsGpuAvailable;

    private static DeviceStream[] Create()
    {
        var streams = new List<DeviceStream> { Mx.DefaultStream(Mx.Cpu) };
        if (HasGpu)
        {
            streams.Add(Mx.DefaultStream(Mx.Gpu));
            streams.Add(Mx.NewStream(Mx.Cpu));
            streams.Add(Mx.NewStream(Mx.Gpu));
        }
        else
        {
            streams.Add(Mx.NewStream(Mx.Cpu));
        }

        streams.Add(Mx.NewStream(Mx.Cpu));
        streams.Add(Mx.NewStream(Mx.Cpu));
        return [.. streams];
    }
}

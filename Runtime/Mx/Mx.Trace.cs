using System;
using System.IO;
using Tandem.Devices;
using Tandem.Tracing;

namespace Tandem;

public static partial class Mx
{
    /// <summary>
    /// Timeline traces of what the streams did: every op and kernel launch with its stream, device, extent and the
    /// times it was queued, started and finished (GPU times from device timestamps, on the host clock), every wait the
    /// runtime inserted between streams, host waits (<c>ToArray</c>, <c>Synchronize</c>) and transfers between host and
    /// device memory. <see cref="Stop"/> writes Chrome trace-event JSON, which ui.perfetto.dev and chrome://tracing open
    /// (docs/PROFILING.md says how to read it). Setting <c>TANDEM_TRACE=path</c> traces a whole run into that file.
    /// </summary>
    public static class Trace
    {
        /// <summary>True while a trace is being recorded.</summary>
        public static bool IsRecording => TraceRecorder.Active is not null;

        /// <summary>Starts recording; ops queued from now on are traced. Costs nothing measurable until then.</summary>
        /// <exception cref="InvalidOperationException">A trace is being recorded already.</exception>
        public static void Start() => TraceRecorder.Start();

        /// <summary>
        /// Stops recording, waits for the traced work still running to finish (failures are left for the next
        /// synchronization to throw), and writes the trace to <paramref name="path"/>.
        /// </summary>
        /// <param name="path">The JSON file to write (its folder is made if missing); <c>.json</c> by convention.</param>
        /// <exception cref="ArgumentException">The path is empty.</exception>
        /// <exception cref="InvalidOperationException">No trace is being recorded.</exception>
        /// <exception cref="IOException">The file could not be written.</exception>
        public static void Stop(string path)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(path);
            TraceSession session = TraceRecorder.Stop();
            foreach (DeviceStream stream in StreamRegistry.All())
            {
                stream.Executor.Timeline.WaitHost(stream.Executor.LastSubmitted);
            }

            ChromeTraceWriter.Write(session, path);
        }
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Tandem.Tracing;

/// <summary>
/// Writes a <see cref="TraceSession"/> as Chrome trace-event JSON (what ui.perfetto.dev and chrome://tracing open):
/// a process per device with a thread track per stream, the host threads that waited in a process of their own, each
/// op a complete event ("X", category <c>op</c>) at the times it ran (GPU: device timestamps converted to the host
/// clock), each wait a stream's executor made for another stream (CPU streams, category <c>wait</c>), each inserted
/// cross-stream wait a flow arrow (category <c>dependency</c>) from the producer's event to the consumer's, GPU batches
/// as async events from submission to completion (category <c>batch</c>), host waits (category <c>host-wait</c>) and
/// transfers (category <c>transfer</c>). Times are microseconds since the trace started.
/// </summary>
internal static class ChromeTraceWriter
{
    /// <summary>The version of the layout below, in <c>otherData</c>, for tools that read it.</summary>
    public const int FormatVersion = 1;

    private const int HostProcess = 0;
    private const int TransferThread = 1_000_000;

    public static void Write(TraceSession session, Stream output)
    {
        ArgumentNullException.ThrowIfNull(session);
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false });
        var context = new Context(session, json);
        json.WriteStartObject();
        json.WriteString("displayTimeUnit", "ms");
        json.WriteStartObject("otherData");
        json.WriteNumber("tandemTraceVersion", FormatVersion);
        json.WriteNumber("durationUs", context.Microseconds(session.Stopped));
        json.WriteStartArray("clocks");
        foreach (TracedClock clock in session.Clocks)
        {
            json.WriteStartObject();
            json.WriteString("device", clock.Device.Name);
            json.WriteString("method", clock.Method);
            json.WriteNumber("uncertaintyNs", Math.Round(clock.UncertaintyNanoseconds, 1));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteStartArray("traceEvents");
        context.WriteTracks();
        context.WriteOps();
        context.WriteBatches();
        context.WriteHostWaits();
        context.WriteTransfers();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Writes the trace to <paramref name="path"/> (its folder is made if missing).</summary>
    public static void Write(TraceSession session, string path)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        using FileStream file = File.Create(path);
        Write(session, file);
    }

    private sealed class Context(TraceSession session, Utf8JsonWriter json)
    {
        private readonly Dictionary<(int Stream, ulong Sequence), TracedOp> _ops = session.OpsByKey();
        private readonly Dictionary<Device, int> _processes = [];
        private int _nextFlow = 1;

        public double Microseconds(long ticks)
            => Math.Round((ticks - session.Started) * 1e6 / Stopwatch.Frequency, 3);

        public void WriteTracks()
        {
            var streams = session.Ops.Select(op => op.Stream).Concat(session.Batches.Select(b => b.Stream)).Distinct()
                .OrderBy(s => s.Device.Type).ThenBy(s => s.Index).ToList();
            foreach (Device device in streams.Select(s => s.Device).Concat(session.Transfers.Select(t => t.Device)).Distinct()
                         .OrderBy(d => d.Type))
            {
                int pid = _processes.Count + 1;
                _processes[device] = pid;
                string kind = device.Type == DeviceType.Cpu ? "CPU" : "GPU";
                Metadata("process_name", pid, null, device.Name.StartsWith(kind, StringComparison.Ordinal) ? device.Name : $"{kind} ({device.Name})");
                Metadata("process_sort_index", pid, null, sortIndex: pid);
            }

            foreach (DeviceStream stream in streams)
            {
                int pid = _processes[stream.Device];
                Metadata("thread_name", pid, stream.Index, $"{stream.Device.ShortName} stream {stream.Index}");
                Metadata("thread_sort_index", pid, stream.Index, sortIndex: stream.Index);
            }

            foreach (Device device in session.Transfers.Select(t => t.Device).Distinct())
            {
                Metadata("thread_name", _processes[device], TransferThread, "transfers host ↔ device");
            }

            if (session.HostWaits.Count > 0)
            {
                Metadata("process_name", HostProcess, null, "Host threads");
                Metadata("process_sort_index", HostProcess, null, sortIndex: -1);
                foreach (TracedHostWait wait in session.HostWaits.DistinctBy(w => w.ThreadId))
                {
                    Metadata("thread_name", HostProcess, wait.ThreadId, wait.ThreadName is { } name ? $"{name} ({wait.ThreadId})" : $"thread {wait.ThreadId}");
                }
            }
        }

        public void WriteOps()
        {
            foreach (TracedOp op in session.Ops.OrderBy(o => o.Queued))
            {
                int pid = _processes[op.Stream.Device];
                if (op.WaitsFor.Length > 0 && op.WaitEnd > op.WaitStart && op.Stream.Device.Type == DeviceType.Cpu)
                {
                    // A CPU stream's worker blocks for the wait: it belongs on the stream's own track, before the op.
                    Begin("X", "wait", "wait for " + string.Join(", ", op.WaitsFor.Select(p => p.Name)), pid, op.Stream.Index, op.WaitStart);
                    json.WriteNumber("dur", Microseconds(op.WaitEnd) - Microseconds(op.WaitStart));
                    WaitArgs(op);
                    json.WriteEndObject();
                }

                (long start, long end) = Span(op);
                bool ran = end != 0;
                Begin(ran ? "X" : "i", "op", op.Name, pid, op.Stream.Index, ran ? start : Math.Max(op.WaitEnd, op.Queued));
                if (ran)
                {
                    json.WriteNumber("dur", Microseconds(end) - Microseconds(start));
                }
                else
                {
                    json.WriteString("s", "t");
                }

                json.WriteStartObject("args");
                json.WriteString("op", op.ToString());
                json.WriteNumber("seq", op.Sequence);
                json.WriteString("extent", $"{op.Extent.X}x{op.Extent.Y}x{op.Extent.Z}");
                json.WriteNumber("queuedUs", Microseconds(op.Queued));
                if (op.HostStart != 0)
                {
                    json.WriteNumber(op.DeviceEnd != 0 ? "recordedUs" : "startedUs", Microseconds(op.HostStart));
                }

                if (op.DeviceStartOverlapped != 0)
                {
                    json.WriteNumber("deviceStartUs", Microseconds(op.DeviceStartOverlapped));
                }

                if (op.WaitsFor.Length > 0)
                {
                    json.WriteStartArray("waitsFor");
                    foreach (TracedProducer producer in op.WaitsFor)
                    {
                        json.WriteStringValue(Name(producer));
                    }

                    json.WriteEndArray();
                }

                if (op.Batch is { } batch)
                {
                    json.WriteNumber("batch", batch.Signal);
                }

                if (op.Outcome is { } outcome)
                {
                    json.WriteString("outcome", outcome);
                }

                json.WriteEndObject();
                json.WriteEndObject();

                if (ran)
                {
                    foreach (TracedProducer producer in op.WaitsFor)
                    {
                        long consumerAt = op.Stream.Device.Type == DeviceType.Cpu && op.WaitEnd > op.WaitStart ? op.WaitStart : start;
                        Flow(producer, pid, op.Stream.Index, consumerAt, op.ToString());
                    }
                }
            }
        }

        public void WriteBatches()
        {
            int id = 1;
            foreach (TracedBatch batch in session.Batches.OrderBy(b => b.Submitted))
            {
                int pid = _processes[batch.Stream.Device];
                string name = $"batch → {batch.Signal}";
                Begin("b", "batch", name, pid, batch.Stream.Index, batch.Submitted);
                json.WriteNumber("id", id);
                json.WriteStartObject("args");
                json.WriteString("stream", $"{batch.Stream.Device.ShortName} stream {batch.Stream.Index}");
                json.WriteNumber("signal", batch.Signal);
                json.WriteNumber("ops", batch.Ops);
                json.WriteEndObject();
                json.WriteEndObject();
                Begin("e", "batch", name, pid, batch.Stream.Index, batch.Completed);
                json.WriteNumber("id", id++);
                json.WriteEndObject();
            }
        }

        public void WriteHostWaits()
        {
            foreach (TracedHostWait wait in session.HostWaits)
            {
                Begin("X", "host-wait", wait.Kind, HostProcess, wait.ThreadId, wait.Start);
                json.WriteNumber("dur", Microseconds(wait.End) - Microseconds(wait.Start));
                json.WriteStartObject("args");
                if (wait.WaitedFor is { } producer)
                {
                    json.WriteString("waitedFor", Name(producer));
                }

                json.WriteEndObject();
                json.WriteEndObject();
                if (wait.WaitedFor is { } waited)
                {
                    Flow(waited, HostProcess, wait.ThreadId, wait.Start, wait.Kind);
                }
            }
        }

        public void WriteTransfers()
        {
            foreach (TracedTransfer transfer in session.Transfers.OrderBy(t => t.Start))
            {
                Begin("X", "transfer", transfer.Direction, _processes[transfer.Device], TransferThread, transfer.Start);
                json.WriteNumber("dur", Microseconds(transfer.End) - Microseconds(transfer.Start));
                json.WriteStartObject("args");
                json.WriteNumber("bytes", transfer.Bytes);
                json.WriteEndObject();
                json.WriteEndObject();
            }
        }

        /// <summary>When the op ran: on the device when it gave times, else on the executor's thread; (0, 0) if never.</summary>
        public static (long Start, long End) Span(TracedOp op)
            => op.DeviceEnd != 0 ? (op.DeviceStart, op.DeviceEnd) : op.Outcome is null || op.HostEnd != 0 ? (op.HostStart, op.HostEnd) : (0, 0);

        private void WaitArgs(TracedOp op)
        {
            json.WriteStartObject("args");
            json.WriteStartArray("waitedFor");
            foreach (TracedProducer producer in op.WaitsFor)
            {
                json.WriteStringValue(Name(producer));
            }

            json.WriteEndArray();
            json.WriteString("consumer", op.ToString());
            json.WriteEndObject();
        }

        /// <summary>An arrow from the producer's event to the consumer's, when the producer's event is in the trace.</summary>
        private void Flow(TracedProducer producer, int consumerPid, int consumerTid, long consumerAt, string consumer)
        {
            if (!_ops.TryGetValue((producer.Stream.Index, producer.Sequence), out TracedOp? source))
            {
                return; // queued before the trace started
            }

            (long start, long end) = Span(source);
            if (end == 0)
            {
                return; // never ran
            }

            int id = _nextFlow++;
            string name = $"{Name(producer)} → {consumer}";
            Begin("s", "dependency", name, _processes[producer.Stream.Device], producer.Stream.Index, start);
            json.WriteNumber("id", id);
            json.WriteEndObject();
            Begin("f", "dependency", name, consumerPid, consumerTid, consumerAt);
            json.WriteNumber("id", id);
            json.WriteString("bp", "e");
            json.WriteEndObject();
        }

        /// <summary>The producer as its traced op names itself, else by the name it was given.</summary>
        private string Name(TracedProducer producer)
            => _ops.TryGetValue((producer.Stream.Index, producer.Sequence), out TracedOp? op)
                ? op.ToString()
                : $"{producer.Name} @ {producer.Stream.Device.ShortName} stream {producer.Stream.Index} #{producer.Sequence}";

        /// <summary>Opens an event object with its common fields; the caller adds the rest and closes it.</summary>
        private void Begin(string phase, string category, string name, int pid, int tid, long ticks)
        {
            json.WriteStartObject();
            json.WriteString("ph", phase);
            json.WriteString("cat", category);
            json.WriteString("name", name);
            json.WriteNumber("pid", pid);
            json.WriteNumber("tid", tid);
            json.WriteNumber("ts", Microseconds(ticks));
        }

        private void Metadata(string kind, int pid, int? tid, string? name = null, int? sortIndex = null)
        {
            json.WriteStartObject();
            json.WriteString("ph", "M");
            json.WriteString("name", kind);
            json.WriteNumber("pid", pid);
            if (tid is { } thread)
            {
                json.WriteNumber("tid", thread);
            }

            json.WriteStartObject("args");
            if (name is not null)
            {
                json.WriteString("name", name);
            }

            if (sortIndex is { } index)
            {
                json.WriteNumber("sort_index", index);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Tandem.Runtime.Tests.Examples;
using Tandem.Runtime.Tests.Infrastructure;
using Tandem.Tracing;
using Xunit;

namespace Tandem.Runtime.Tests.Tracing;

/// <summary>
/// A trace of a CPU + GPU program, checked by its structure: a track per stream, an event per launch, a flow arrow per
/// inserted cross-stream wait, no overlap within an in-order stream, GPU events inside their batch's window.
/// </summary>
public sealed class TraceTests : IDisposable
{
    private const int N = 4096;

    /// <summary>Rounding of the writer's microseconds (three decimals) on both ends of a comparison.</summary>
    private const double RoundingUs = 0.002;

    private readonly string _path = Path.Combine(Path.GetTempPath(), $"tandem-trace-{Guid.NewGuid():N}.json");

    public void Dispose()
    {
        File.Delete(_path);
        if (Mx.Trace.IsRecording)
        {
            Mx.Trace.Stop(_path + ".left");
            File.Delete(_path + ".left");
        }
    }

    [MxGpuFact]
    public void A_CPU_and_GPU_program_traces_every_launch_wait_and_batch()
    {
        using DeviceStream gpuA = Mx.NewStream(Mx.Gpu);
        using DeviceStream gpuB = Mx.NewStream(Mx.Gpu);
        using DeviceStream cpu = Mx.NewStream(Mx.Cpu);
        using Array<float> x = Mx.Ones<float>([N]);
        using Array<float> y = Mx.Zeros<float>([N]);
        using Array<float> z = Mx.Zeros<float>([N]);
        using Array<float> w = Mx.Zeros<float>([N]);
        Mx.Synchronize();

        Mx.Trace.Start();
        for (int i = 0; i < 5; i++)
        {
            MyKernels.Saxpy(N, 2f, x, y, stream: gpuA);                // 5 ops in one batch of gpu stream A
        }

        TestOps.Add(x, y, z, cpu, delayMs: 20);                        // z = 11: waits for gpu A (its batch is not even submitted yet)
        MyKernels.Saxpy(N, 1f, x, w, stream: gpuB);                    // w = 1: independent of the rest
        MyKernels.Saxpy(N, 1f, z, w, stream: gpuA);                    // w = 12: waits for the CPU's slow z and gpu B's w
        TestOps.Fill(z, 3f, cpu, delayMs: 30);                         // waits for gpu A's read of z
        float[] result = w.ToArray();                                  // a host wait
        Mx.Trace.Stop(_path);

        Assert.Equal(12f, result[0]);
        using JsonDocument trace = JsonDocument.Parse(File.ReadAllText(_path));
        JsonElement[] events = trace.RootElement.GetProperty("traceEvents").EnumerateArray().ToArray();

        // A track per stream, grouped under its device's process.
        Dictionary<int, (int Pid, int Tid)> tracks = StreamTracks(events);
        Assert.Equal(Pid(events, "GPU"), tracks[gpuA.Index].Pid);
        Assert.Equal(Pid(events, "GPU"), tracks[gpuB.Index].Pid);
        Assert.Equal(Pid(events, "CPU"), tracks[cpu.Index].Pid);

        // An event per launch, on its stream's track, in launch order.
        JsonElement[] ops = events.Where(e => Category(e) == "op").ToArray();
        Assert.Equal(Enumerable.Repeat("MyKernels.Saxpy", 6), OnTrack(ops, tracks[gpuA.Index]).Select(Name));
        Assert.Equal(["TestKernels.Add", "TestKernels.Fill"], OnTrack(ops, tracks[cpu.Index]).Select(Name));
        Assert.Equal(["MyKernels.Saxpy"], OnTrack(ops, tracks[gpuB.Index]).Select(Name));
        Assert.All(ops, op => Assert.Equal("X", op.GetProperty("ph").GetString()));

        // Events of one in-order stream never overlap, and none starts before it was queued.
        foreach ((int pid, int tid) in tracks.Values)
        {
            JsonElement[] track = OnTrack(ops, (pid, tid)).OrderBy(Start).ToArray();
            for (int i = 1; i < track.Length; i++)
            {
                Assert.True(End(track[i - 1]) <= Start(track[i]) + RoundingUs,
                    $"{Name(track[i - 1])} ends at {End(track[i - 1])} µs after {Name(track[i])} starts at {Start(track[i])} µs on track {tid}.");
            }
        }

        Assert.All(OnTrack(ops, tracks[cpu.Index]), op => Assert.True(Arg(op, "queuedUs") <= Start(op) + RoundingUs));

        // A flow per inserted wait: from the producer's event to the consumer's, on their tracks.
        JsonElement[] flowStarts = events.Where(e => Category(e) == "dependency" && e.GetProperty("ph").GetString() == "s").ToArray();
        JsonElement[] flowEnds = events.Where(e => Category(e) == "dependency" && e.GetProperty("ph").GetString() == "f").ToArray();
        int inserted = 0;
        foreach (JsonElement op in ops)
        {
            if (!op.GetProperty("args").TryGetProperty("waitsFor", out JsonElement producers))
            {
                continue;
            }

            foreach (JsonElement producer in producers.EnumerateArray())
            {
                inserted++;
                string name = $"{producer.GetString()} → {op.GetProperty("args").GetProperty("op").GetString()}";
                JsonElement start = Assert.Single(flowStarts, f => Name(f) == name);
                JsonElement end = Assert.Single(flowEnds, f => Name(f) == name);
                Assert.Equal(start.GetProperty("id").GetInt32(), end.GetProperty("id").GetInt32());
                Assert.Equal(Track(op), Track(end));
                Assert.Contains(ops, p => Track(p) == Track(start) && Start(p) <= Start(start) + RoundingUs && Start(start) <= End(p) + RoundingUs);
            }
        }

        Assert.True(inserted >= 3, $"The program inserts at least three cross-stream waits; the trace shows {inserted}.");
        Assert.Equal(inserted, flowStarts.Length - events.Count(e => Category(e) == "host-wait" && e.GetProperty("args").TryGetProperty("waitedFor", out _)));

        // A GPU that offers calibrated timestamps has its times converted with them (llvmpipe does).
        var gpu = (Tandem.Backends.Vulkan.GpuDevice.GpuBackend)Tandem.Devices.DeviceRegistry.Gpu!;
        string method = Assert.Single(trace.RootElement.GetProperty("otherData").GetProperty("clocks").EnumerateArray()).GetProperty("method").GetString()!;
        bool offered = Tandem.Backends.Vulkan.Compute.PhysicalDeviceSelector.Enumerate(gpu.Context.Api, gpu.Context.Instance)
            .Single(c => c.Handle.Handle == gpu.Context.PhysicalDevice.Handle).Extensions
            .Overlaps(Tandem.Backends.Vulkan.Compute.PhysicalDeviceSelector.CalibratedTimestampsExtensions);
        Assert.True(!offered || method.StartsWith("calibrated", StringComparison.Ordinal), method);

        // GPU events lie inside their batch's window, from submission to the host seeing it complete.
        double tolerance = trace.RootElement.GetProperty("otherData").GetProperty("clocks").EnumerateArray()
            .Select(c => c.GetProperty("uncertaintyNs").GetDouble() / 1000).DefaultIfEmpty(0).Max() + RoundingUs;
        foreach (JsonElement op in ops.Where(o => Track(o).Pid == Pid(events, "GPU")))
        {
            long signal = op.GetProperty("args").GetProperty("batch").GetInt64();
            JsonElement begin = Assert.Single(events, e => Category(e) == "batch" && e.GetProperty("ph").GetString() == "b" && Track(e) == Track(op)
                && e.GetProperty("args").GetProperty("signal").GetInt64() == signal);
            JsonElement finish = Assert.Single(events, e => Category(e) == "batch" && e.GetProperty("ph").GetString() == "e"
                && e.GetProperty("id").GetInt32() == begin.GetProperty("id").GetInt32());
            Assert.True(Start(begin) - tolerance <= Start(op) && End(op) <= Start(finish) + tolerance,
                $"{Name(op)} ran [{Start(op)}, {End(op)}] µs outside its batch's window [{Start(begin)}, {Start(finish)}] (±{tolerance} µs).");
        }

        // The host's ToArray waited for gpu A's last op.
        JsonElement hostWait = Assert.Single(events, e => Category(e) == "host-wait" && Name(e) == "ToArray");
        Assert.StartsWith($"MyKernels.Saxpy @ gpu stream {gpuA.Index} #", hostWait.GetProperty("args").GetProperty("waitedFor").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Ops_queued_while_no_trace_records_are_not_traced()
    {
        Assert.Null(TraceRecorder.Active);
        using Array<float> x = Mx.Ones<float>([16]);
        using Array<float> y = Mx.Zeros<float>([16]);
        TestOps.Copy(x, y, Mx.Cpu);
        Mx.Trace.Start();
        TestOps.Copy(y, x, Mx.Cpu);
        Mx.Trace.Stop(_path);
        TestOps.Copy(x, y, Mx.Cpu);
        Mx.Synchronize();

        using JsonDocument trace = JsonDocument.Parse(File.ReadAllText(_path));
        Assert.Single(trace.RootElement.GetProperty("traceEvents").EnumerateArray(), e => Category(e) == "op");
    }

    [Fact]
    public void Start_and_Stop_out_of_turn_say_what_to_call()
    {
        Assert.Contains("Mx.Trace.Start()", Assert.Throws<InvalidOperationException>(() => Mx.Trace.Stop(_path)).Message, StringComparison.Ordinal);
        Mx.Trace.Start();
        Assert.True(Mx.Trace.IsRecording);
        Assert.Contains("Mx.Trace.Stop", Assert.Throws<InvalidOperationException>(Mx.Trace.Start).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Mx.Trace.Stop(" "));
        Mx.Trace.Stop(_path);
        Assert.False(Mx.Trace.IsRecording);
    }

    private static Dictionary<int, (int Pid, int Tid)> StreamTracks(JsonElement[] events)
    {
        var tracks = new Dictionary<int, (int, int)>();
        foreach (JsonElement e in events.Where(e => e.GetProperty("ph").GetString() == "M" && Name(e) == "thread_name"))
        {
            string name = e.GetProperty("args").GetProperty("name").GetString()!;
            if (name.Contains(" stream ", StringComparison.Ordinal))
            {
                int index = int.Parse(name[(name.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
                Assert.True(tracks.TryAdd(index, (e.GetProperty("pid").GetInt32(), e.GetProperty("tid").GetInt32())), $"Two tracks for {name}.");
            }
        }

        return tracks;
    }

    private static int Pid(JsonElement[] events, string devicePrefix)
        => Assert.Single(events, e => e.GetProperty("ph").GetString() == "M" && Name(e) == "process_name"
            && e.GetProperty("args").GetProperty("name").GetString()!.StartsWith(devicePrefix, StringComparison.Ordinal)).GetProperty("pid").GetInt32();

    private static IEnumerable<JsonElement> OnTrack(IEnumerable<JsonElement> events, (int Pid, int Tid) track)
        => events.Where(e => Track(e) == track).OrderBy(e => Arg(e, "queuedUs"));

    private static (int Pid, int Tid) Track(JsonElement e) => (e.GetProperty("pid").GetInt32(), e.GetProperty("tid").GetInt32());

    private static string? Category(JsonElement e) => e.TryGetProperty("cat", out JsonElement c) ? c.GetString() : null;

    private static string Name(JsonElement e) => e.GetProperty("name").GetString()!;

    private static double Start(JsonElement e) => e.GetProperty("ts").GetDouble();

    private static double End(JsonElement e) => Start(e) + (e.TryGetProperty("dur", out JsonElement d) ? d.GetDouble() : 0);

    private static double Arg(JsonElement e, string name) => e.GetProperty("args").GetProperty(name).GetDouble();
}

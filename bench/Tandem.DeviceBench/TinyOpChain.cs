using System;
using System.Linq;
using Tandem.Abi;
using Tandem.Backends.Vulkan.Compute;
using Tandem.Backends.Vulkan.GpuDevice;
using Tandem.Benchmarks;

namespace Tandem.DeviceBench;

/// <summary>The cost per op of a long chain of tiny dependent kernels on one stream (GPU, and CPU for comparison).</summary>
internal static class TinyOpChain
{
    public static void Run(int count)
    {
        foreach (var device in Mx.IsGpuAvailable ? new[] { Mx.Gpu, Mx.Cpu } : new[] { Mx.Cpu })
        {
            var stream = Mx.NewStream(device);
            var name = device.Type == DeviceType.Gpu ? "gpu" : "cpu";
            IncrementChain(stream, name, count);

            var x = Mx.Full([1], 0.5f, stream);
            var last = x;
            var ops = Report.MedianMs(() =>
            {
                for (var i = 0; i < count; i++)
                {
                    last = Mx.Exp(x, stream);
                }

                stream.Synchronize();
            }, 5);
            Report.Result($"launch.tandem_{name}.exp1_async_{count}", ops * 1e3 / count, "us/op", $"(Mx.Exp of a 1-element array, new result each time, {count} then 1 sync)");
            Report.Check($"{name} exp of 0.5", Near(last.ToArray()[0], MathF.Exp(0.5f)));

            // The headline's chain: each exp reads the previous one's (512, 4) result.
            var b = Mx.Full([512, 4], 0.5f, stream);
            var collections = Collections();
            var chained = b;
            var chains = 0;
            var chain = Report.MedianMs(() =>
            {
                chains++;
                chained = b;
                for (var i = 0; i < 500; i++)
                {
                    chained = Mx.Exp(chained, stream);
                }

                stream.Synchronize();
            }, 20);
            Report.Result($"launch.tandem_{name}.exp2048_chain_500", chain * 1e3 / 500, "us/op", $"(r = Mx.Exp(r) on (512, 4), 500 then 1 sync; GCs gen0/1/2 during warm-up and runs: {Since(collections, chains * 500)})");
            collections = Collections();
            chains = 0;

            // The same with each intermediate disposed as soon as the next op is issued (no finalizer work).
            // exp(exp(exp(exp(0.5)))) overflows: every element ends +Inf, whatever the device's exp rounds.
            var expected = Chained(0.5f, 500);
            Report.Check($"{name} exp chain", OutputChecks.All(chained.ToArray(), expected));
            string? disposedWrong = null;
            var disposed = Report.MedianMs(() =>
            {
                chains++;
                var r = Mx.Exp(b, stream);
                for (var i = 1; i < 500; i++)
                {
                    var next = Mx.Exp(r, stream);
                    r.Dispose();
                    r = next;
                }

                stream.Synchronize();
                disposedWrong ??= OutputChecks.All(r.ToArray(), expected);
                r.Dispose();
            }, 20);
            Report.Result($"launch.tandem_{name}.exp2048_chain_500_disposed", disposed * 1e3 / 500, "us/op", $"(as above, each intermediate disposed once the next is issued; GCs: {Since(collections, chains * 500)})");
            Report.Check($"{name} exp chain with disposed intermediates", disposedWrong);
        }
    }

    /// <summary>
    /// <paramref name="count"/> dependent 1-thread launches then one sync, five times after a second of warm-up: the
    /// time per op, the issuing thread's share, and each busy thread's CPU time per op. Alone (mode
    /// <c>increment-chain</c>) it is what a profiler should watch: nothing else runs on the stream's worker.
    /// </summary>
    public static void IncrementChain(DeviceStream stream, string name, int count)
    {
        var y = Mx.Zeros<float>([1]);
        var issue = new System.Collections.Generic.List<double>();
        var increments = 0;
        void Chain(bool awaited)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            for (var i = 0; i < count; i++)
            {
                BenchKernels.Increment(1, y, stream);
            }

            issue.Add(clock.Elapsed.TotalMilliseconds);
            if (awaited)
            {
                stream.SynchronizeAsync().GetAwaiter().GetResult();
            }
            else
            {
                stream.Synchronize();
            }

            increments += count;
        }

        // Warmed up before the threads' CPU times are read: the JIT's first tiers would count against the worker.
        Report.MedianMs(() => Chain(awaited: false), 1);
        issue.Clear();
        var measuredFrom = increments;
        var threadsBefore = ThreadCpu.Snapshot();
        var launches = Report.MedianMs(() => Chain(awaited: false), 5, warmupSeconds: 0);
        var measured = increments - measuredFrom;
        Report.Result($"launch.tandem_{name}.increment1_chain_{count}", launches * 1e3 / count, "us/op", $"(median of 5 chains of {count} dependent launches + 1 sync)");
        // Whether the chain is bound by the issuing thread or by the stream behind it.
        Report.Result($"launch.tandem_{name}.increment1_chain_{count}_issue_only", Report.Median(issue) * 1e3 / count, "us/op", "(the issuing thread's share: the loop without the final sync)");
        // Which thread sets the pace: each busy thread's CPU time (the kernel's accounting) per op over the timed chains.
        Report.Result($"launch.tandem_{name}.increment1_chain_{count}_thread_cpu", ThreadCpu.Busiest(threadsBefore, measured, out var threads), "us/op",
            $"(CPU time per op of the busiest thread over the timed chains; all busy threads: {threads})");
        // The same chain waited for through the task, which blocks on the stream's completion instead of polling the
        // device as Synchronize does: whether the polling slows the device. The chain is warm by now.
        var awaited = Report.MedianMs(() => Chain(awaited: true), 5, warmupSeconds: 0);
        Report.Result($"launch.tandem_{name}.increment1_chain_{count}_awaited", awaited * 1e3 / count, "us/op", "(the same, waited for with SynchronizeAsync: no polling)");

        // One launch on an idle stream, then its wait: the round trip through the stream's worker and back, beside
        // launch.raw_vulkan.increment1_submit_then_spin (the same without a scheduler).
        var single = Report.MedianMs(() =>
        {
            BenchKernels.Increment(1, y, stream);
            stream.Synchronize();
            increments++;
        }, 201, warmupSeconds: 0.5);
        Report.Result($"launch.tandem_{name}.increment1_synchronized", single * 1e3, "us", "(one launch on an idle stream, then Synchronize; median of 201)");

        // Exact while the count stays below 2^24.
        Report.Check($"{name} increment chain counted {increments}", OutputChecks.All(y.ToArray(), increments));
    }

    private static float Chained(float start, int count)
    {
        for (var i = 0; i < count; i++)
        {
            start = MathF.Exp(start);
        }

        return start;
    }

    /// <summary>Within 1e-5 relative: the GPU's exp is not MathF.Exp's.</summary>
    private static string? Near(float actual, float expected) =>
        MathF.Abs(actual - expected) <= 1e-5f * MathF.Abs(expected) ? null : $"{actual:R}, expected {expected:R}";

    private static (int[] Counts, TimeSpan Paused) Collections() =>
        ([GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)], GC.GetTotalPauseDuration());

    /// <summary>The collections since <paramref name="before"/>, and their pauses per op of the <paramref name="ops"/> run since.</summary>
    private static string Since((int[] Counts, TimeSpan Paused) before, int ops)
    {
        var (now, paused) = Collections();
        var perOp = (paused - before.Paused).TotalMilliseconds * 1e3 / Math.Max(1, ops);
        return $"{now[0] - before.Counts[0]}/{now[1] - before.Counts[1]}/{now[2] - before.Counts[2]}, paused {perOp:F3} us per op";
    }

    /// <summary>
    /// The floors under the chain: the same dependent 1-element dispatches recorded straight into the Vulkan layer
    /// (barrier before each, a submit every 64 like a GPU stream), with no scheduler, arrays or worker thread; and the
    /// GPU's own time per dependent dispatch, with the whole chain recorded into one batch before it is submitted.
    /// </summary>
    public static void RunRaw(int count)
    {
        using VulkanContext ctx = VulkanContext.Create();
        using var chain = new RawChain(ctx);
        var (total, recording, threadCpu, threads) = chain.Pipelined(count, 5);
        Report.Result($"launch.raw_vulkan.increment1_chain_{count}", total * 1e3 / count, "us/op", "(Vulkan layer only: dependent dispatches, submit every 64, 1 wait)");
        Report.Result($"launch.raw_vulkan.increment1_chain_{count}_record_only", recording * 1e3 / count, "us/op", "(the time spent in Dispatch calls)");
        // Beside Tandem's thread_cpu line: what a GPU stream's worker spends per op above the driver's own recording.
        Report.Result($"launch.raw_vulkan.increment1_chain_{count}_thread_cpu", threadCpu, "us/op", $"(the recording thread's CPU time per op: Dispatch calls, submits and the final wait; busy threads: {threads})");
        Report.Result($"launch.raw_vulkan.increment1_chain_{count}_polled", chain.Polled(count, 5, paced: false) * 1e3 / count, "us/op",
            "(as the raw chain, with a second thread polling the timeline semaphore's value meanwhile, as a synchronizing host thread does)");
        Report.Result($"launch.raw_vulkan.increment1_chain_{count}_polled_paced", chain.Polled(count, 5, paced: true) * 1e3 / count, "us/op",
            "(the same, polling about every 10 us)");
        Report.Result("launch.raw_vulkan.increment1_submit_then_spin", chain.SubmitThenSpin(201) * 1e3, "us", "(one dispatch recorded, submitted and polled for; median of 201)");
        var (recordAll, run) = chain.RecordThenRun(count, 5);
        Report.Result($"launch.raw_vulkan.increment1_chain_{count}_gpu_only", run * 1e3 / count, "us/op", $"(the GPU's own time: {count} dispatches in one batch, from its submit to its completion; recording them {recordAll * 1e3 / count:F3} us/op)");
        Report.Check($"raw Vulkan increment chain counted {chain.Increments}", chain.Counted());

        // The same raw chain on the GPU backend's own context (the device, queue family and pipeline cache Tandem's
        // streams use) rather than a context of its own: whether Tandem's distance from the raw chain lies there.
        if (Mx.IsGpuAvailable)
        {
            var backend = (GpuBackend)Tandem.Devices.DeviceRegistry.RequireGpu();
            using (var shared = new RawChain(backend.Context))
            {
                Report.Result($"launch.raw_vulkan.increment1_chain_{count}_tandem_context", shared.Pipelined(count, 5).Total * 1e3 / count, "us/op",
                    "(the raw chain recorded on the GPU backend's context instead of a context of its own)");
                Report.Check($"raw Vulkan increment chain on Tandem's context counted {shared.Increments}", shared.Counted());
            }

            // And with the pipelines Tandem compiled from BenchKernels.Increment: its plain entry point, and the wide one
            // (four elements per thread) that a GPU stream picks for a launch whose arrays do not alias.
            var kernel = Tandem.CompilerServices.KernelRegistry.KernelsOf(typeof(BenchKernels).Assembly).First(k => k.Name == $"{nameof(BenchKernels)}.{nameof(BenchKernels.Increment)}");
            foreach (var wide in new[] { false, true })
            {
                using var generated = new RawChain(backend.Context, backend.Pipelines.Get(kernel, wide), wide ? KernelAbi.WideElementsPerThread : 1);
                Report.Result($"launch.raw_vulkan.increment1_chain_{count}_tandem_pipeline{(wide ? "_wide" : "")}", generated.Pipelined(count, 5).Total * 1e3 / count, "us/op",
                    $"(the raw chain on the backend's context, dispatching Tandem's {(wide ? "wide" : "plain")} Increment pipeline)");
                Report.Check($"raw Vulkan increment chain with Tandem's {(wide ? "wide" : "plain")} pipeline counted {generated.Increments}", generated.Counted());
            }
        }

        RawReadback.Run(ctx);
    }

    /// <summary>A 1-element increment kernel and its buffer, straight on the Vulkan layer.</summary>
    private sealed class RawChain : IDisposable
    {
        private const string Hlsl = """
            struct Uniforms { int extentX; int extentY; int extentZ; int dispatchWidth; int len_y; };
            [[vk::push_constant]] ConstantBuffer<Uniforms> u;
            [[vk::binding(0)]] RWStructuredBuffer<float> y : register(u0);
            [numthreads(256, 1, 1)]
            void Increment(uint3 id : SV_DispatchThreadID)
            {
                uint i = id.y * (uint)u.dispatchWidth + id.x;
                if (i >= (uint)u.extentX) return;
                y[i] = y[i] + 1;
            }
            """;

        private readonly VulkanBuffer _y;
        private readonly CommandRecorder _stream;
        private readonly ComputePipeline _pipeline;
        private readonly byte[] _uniforms;
        private readonly BufferBinding[] _bind;

        private readonly int _elementsPerThread;

        /// <param name="ctx">The device.</param>
        /// <param name="pipeline">The increment kernel to dispatch; null for the chain's own (the HLSL above).</param>
        /// <param name="elementsPerThread">The elements each thread of <paramref name="pipeline"/> covers.</param>
        public RawChain(VulkanContext ctx, ComputePipeline? pipeline = null, int elementsPerThread = 1)
        {
            _y = ctx.CreateBuffer(256, MemoryPlacement.Unified);
            _stream = ctx.CreateRecorder();
            _y.AsSpan<float>().Clear();
            _pipeline = pipeline ?? ctx.Pipelines.GetOrCreate(Hlsl, "Increment", 1, KernelAbi.ScalarsOffset(1), new Index3D(256, 1, 1));
            _elementsPerThread = elementsPerThread;
            _uniforms = new byte[_pipeline.PushConstantSize];
            _bind = [new(_y, 0, 4, 1)];
        }

        public int Increments { get; private set; }

        /// <summary>
        /// Median ms of the chain submitted every 64 dispatches, the median ms spent in Dispatch calls, and the busiest
        /// thread's (the calling one's) CPU time per op (µs) over the timed runs (after warm-up, as Tandem's chain reads
        /// its threads'), with every busy thread's counters.
        /// </summary>
        public (double Total, double Recording, double ThreadCpu, string Threads) Pipelined(int count, int runs)
        {
            var recording = new System.Collections.Generic.List<double>();
            void Chain() => recording.Add(RecordAndSubmit(count));
            Report.MedianMs(Chain, 1);
            recording.Clear();
            var threadsBefore = ThreadCpu.Snapshot();
            var total = Report.MedianMs(Chain, runs, warmupSeconds: 0);
            var threadCpu = ThreadCpu.Busiest(threadsBefore, count * recording.Count, out var threads);
            return (total, Report.Median(recording), threadCpu, threads);
        }

        /// <summary>
        /// Median ms of the pipelined chain while another thread polls the timeline semaphore (vkGetSemaphoreCounterValue)
        /// as <see cref="PolledWait.SpinThenWait"/> does: whether such polling slows the device.
        /// </summary>
        public double Polled(int count, int runs, bool paced)
        {
            var stopping = 0;
            var poller = new System.Threading.Thread(() =>
            {
                var spinner = default(System.Threading.SpinWait);
                while (System.Threading.Volatile.Read(ref stopping) == 0)
                {
                    _ = _stream.Timeline.Value;
                    if (paced)
                    {
                        var next = System.Diagnostics.Stopwatch.GetTimestamp() + (System.Diagnostics.Stopwatch.Frequency / 100_000);
                        while (System.Diagnostics.Stopwatch.GetTimestamp() < next)
                        {
                            System.Threading.Thread.SpinWait(20);
                        }
                    }
                    else
                    {
                        spinner.SpinOnce(sleep1Threshold: -1);
                    }
                }
            }) { IsBackground = true, Name = "raw chain poller" };
            poller.Start();
            var total = Report.MedianMs(() => RecordAndSubmit(count), runs);
            System.Threading.Volatile.Write(ref stopping, 1);
            poller.Join();
            return total;
        }

        /// <summary>Median ms of one dispatch recorded, submitted and polled for until it completed.</summary>
        public double SubmitThenSpin(int runs) => Report.MedianMs(() =>
        {
            Record();
            _stream.Timeline.SpinThenWait(_stream.Submit(_stream.SubmittedValue + 1));
        }, runs, warmupSeconds: 0.5);

        /// <summary>Median ms to record the whole chain into one batch, and median ms from its submit to its completion.</summary>
        public (double Recording, double Run) RecordThenRun(int count, int runs)
        {
            var recording = new System.Collections.Generic.List<double>();
            var running = new System.Collections.Generic.List<double>();
            for (var run = 0; run < runs + 1; run++)
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                for (var k = 0; k < count; k++)
                {
                    Record();
                }

                var recorded = clock.Elapsed.TotalMilliseconds;
                _stream.Wait(_stream.Submit(_stream.SubmittedValue + 1));
                if (run > 0)
                {
                    recording.Add(recorded);
                    running.Add(clock.Elapsed.TotalMilliseconds - recorded);
                }
            }

            return (Report.Median(recording), Report.Median(running));
        }

        public string? Counted() => OutputChecks.All(_y.AsSpan<float>()[..1], Increments);

        public void Dispose()
        {
            _stream.Dispose();
            _y.Dispose();
        }

        /// <summary>The chain submitted every 64 dispatches, then waited for; returns the ms spent in Dispatch calls.</summary>
        private double RecordAndSubmit(int count)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            double recorded = 0;
            for (var k = 0; k < count; k++)
            {
                var start = clock.Elapsed.TotalMilliseconds;
                Record();
                recorded += clock.Elapsed.TotalMilliseconds - start;
                if (k % 64 == 63)
                {
                    _stream.Submit(_stream.SubmittedValue + 1);
                }
            }

            _stream.Wait(_stream.Submit(_stream.SubmittedValue + 1));
            return recorded;
        }

        private void Record()
        {
            _stream.Dispatch(_pipeline, 1, new Index3D(1, 1, 1), _bind, _uniforms, barrierBefore: true, _elementsPerThread);
            Increments++;
        }
    }
}

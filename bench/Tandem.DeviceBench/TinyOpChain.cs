using System;
using Tandem.Abi;
using Tandem.Backends.Vulkan.Compute;
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
            var y = Mx.Zeros<float>([1]);
            var issue = new System.Collections.Generic.List<double>();
            var increments = 0;
            var launches = Report.MedianMs(() =>
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                for (var i = 0; i < count; i++)
                {
                    BenchKernels.Increment(1, y, stream);
                }

                issue.Add(clock.Elapsed.TotalMilliseconds);
                stream.Synchronize();
                increments += count;
            }, 5);
            Report.Result($"launch.tandem_{name}.increment1_chain_{count}", launches * 1e3 / count, "us/op", $"(median of 5 chains of {count} dependent launches + 1 sync)");
            // Whether the chain is bound by the issuing thread or by the stream behind it.
            issue.Sort();
            Report.Result($"launch.tandem_{name}.increment1_chain_{count}_issue_only", issue[issue.Count / 2] * 1e3 / count, "us/op", "(the issuing thread's share: the loop without the final sync)");
            // Exact while the count stays below 2^24.
            Report.Check($"{name} increment chain counted {increments}", OutputChecks.All(y.ToArray(), increments));

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
            var chain = Report.MedianMs(() =>
            {
                chained = b;
                for (var i = 0; i < 500; i++)
                {
                    chained = Mx.Exp(chained, stream);
                }

                stream.Synchronize();
            }, 20);
            Report.Result($"launch.tandem_{name}.exp2048_chain_500", chain * 1e3 / 500, "us/op", $"(r = Mx.Exp(r) on (512, 4), 500 then 1 sync; GCs gen0/1/2 during warm-up and runs: {Since(collections)})");
            collections = Collections();

            // The same with each intermediate disposed as soon as the next op is issued (no finalizer work).
            // exp(exp(exp(exp(0.5)))) overflows: every element ends +Inf, whatever the device's exp rounds.
            var expected = Chained(0.5f, 500);
            Report.Check($"{name} exp chain", OutputChecks.All(chained.ToArray(), expected));
            string? disposedWrong = null;
            var disposed = Report.MedianMs(() =>
            {
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
            Report.Result($"launch.tandem_{name}.exp2048_chain_500_disposed", disposed * 1e3 / 500, "us/op", $"(as above, each intermediate disposed once the next is issued; GCs: {Since(collections)})");
            Report.Check($"{name} exp chain with disposed intermediates", disposedWrong);
        }
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

    private static int[] Collections() => [System.GC.CollectionCount(0), System.GC.CollectionCount(1), System.GC.CollectionCount(2)];

    private static string Since(int[] before)
    {
        var now = Collections();
        return $"{now[0] - before[0]}/{now[1] - before[1]}/{now[2] - before[2]}";
    }

    /// <summary>
    /// The floor under the chain: the same dependent 1-element dispatches recorded straight into the Vulkan layer
    /// (barrier before each, a submit every 64 like a GPU stream), with no scheduler, arrays or worker thread.
    /// </summary>
    public static void RunRaw(int count)
    {
        using VulkanContext ctx = VulkanContext.Create();
        using VulkanBuffer y = ctx.CreateBuffer(256, MemoryPlacement.Unified);
        using CommandRecorder stream = ctx.CreateRecorder();
        y.AsSpan<float>().Clear();
        const string Hlsl = """
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
        ComputePipeline pipeline = ctx.Pipelines.GetOrCreate(Hlsl, "Increment", 1, KernelAbi.ScalarsOffset(1), new Index3D(256, 1, 1));
        byte[] uniforms = new byte[pipeline.PushConstantSize];
        BufferBinding[] bind = [new(y, 0, 4, 1)];
        var recording = new System.Collections.Generic.List<double>();
        var increments = 0;
        var total = Report.MedianMs(() =>
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            double recorded = 0;
            for (var k = 0; k < count; k++)
            {
                var start = clock.Elapsed.TotalMilliseconds;
                stream.Dispatch(pipeline, 1, new Index3D(1, 1, 1), bind, uniforms, barrierBefore: true);
                recorded += clock.Elapsed.TotalMilliseconds - start;
                if (k % 64 == 63)
                {
                    stream.Submit(stream.SubmittedValue + 1);
                }
            }

            stream.Wait(stream.Submit(stream.SubmittedValue + 1));
            recording.Add(recorded);
            increments += count;
        }, 5);
        recording.Sort();
        Report.Result($"launch.raw_vulkan.increment1_chain_{count}", total * 1e3 / count, "us/op", "(Vulkan layer only: dependent dispatches, submit every 64, 1 wait)");
        Report.Result($"launch.raw_vulkan.increment1_chain_{count}_record_only", recording[recording.Count / 2] * 1e3 / count, "us/op", "(the time spent in Dispatch calls)");
        Report.Check($"raw Vulkan increment chain counted {increments}", OutputChecks.All(y.AsSpan<float>()[..1], increments));
    }
}

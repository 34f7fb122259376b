// Times the Vulkan layer under each memory placement on the device it finds: batch round trip, dispatch cost, and
// saxpy with GPU bandwidth, CPU upload and readback, so the default placement is chosen by measurement.
using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Diagnostics;
using Tandem;
using Tandem.Abi;
using Tandem.Backends.Vulkan.Compute;

namespace Tandem.DeviceBench;

internal static class PlacementBenchmark
{
    public static void Run(int elements)
    {
        int n = elements;
        using VulkanContext ctx = VulkanContext.Create();
        DeviceInfo info = ctx.Info;
        Console.WriteLine($"device: {info}");
        Console.WriteLine($"queues: {ctx.Queues.Count}, unified: {info.IsUnifiedMemory}, full host-visible VRAM: {info.HasFullHostVisibleDeviceMemory}, default placement: {ctx.DefaultPlacement}, features: {info.Features}");
        foreach (MemoryTypeInfo t in info.MemoryTypes)
        {
            Console.WriteLine($"  memory type {t.Index}: heap {t.HeapIndex} ({info.MemoryHeaps[t.HeapIndex].Size >> 20} MiB) {t.Flags}");
        }

        const string saxpyHlsl = """
            struct Uniforms { int extentX; int extentY; int extentZ; int dispatchWidth; int len_x; int len_y; float alpha; };
            [[vk::push_constant]] ConstantBuffer<Uniforms> u;
            [[vk::binding(0)]] StructuredBuffer<float> x : register(t0);
            [[vk::binding(1)]] RWStructuredBuffer<float> y : register(u1);
            [numthreads(256, 1, 1)]
            void Saxpy(uint3 id : SV_DispatchThreadID)
            {
                int i = (int)(id.y * (uint)u.dispatchWidth + id.x);
                if (i >= u.extentX) return;
                y[i] = u.alpha * x[i] + y[i];
            }
            """;
        var compileClock = Stopwatch.StartNew();
        ComputePipeline saxpy = ctx.Pipelines.GetOrCreate(saxpyHlsl, "Saxpy", 2, KernelAbi.ScalarsOffset(2) + 4, new Index3D(256, 1, 1));
        Console.WriteLine($"pipeline (compile or cache + create): {compileClock.Elapsed.TotalMilliseconds:F1} ms");
        byte[] uniforms = new byte[saxpy.PushConstantSize];
        BinaryPrimitives.WriteSingleLittleEndian(uniforms.AsSpan(KernelAbi.ScalarsOffset(2)), 0.5f);
        var rows = new List<string>();

        // 1. Round trip of a tiny batch: record, submit, host wait.
        using (VulkanBuffer a = ctx.CreateBuffer(1024), b = ctx.CreateBuffer(1024))
        using (CommandRecorder s = ctx.CreateRecorder())
        {
            BufferBinding[] tiny = [BufferBinding.Of<float>(a, 256), BufferBinding.Of<float>(b, 256)];
            double roundTrip = Time(300, () => { s.Dispatch(saxpy, 1, new Index3D(256, 1, 1), tiny, uniforms); s.Wait(s.Submit(s.SubmittedValue + 1)); });
            rows.Add($"tiny batch round trip (dispatch+submit+wait) | {roundTrip * 1e6:F1} us");
            double perDispatch = Time(5, () =>
            {
                for (int i = 0; i < 1000; i++)
                {
                    s.Dispatch(saxpy, 1, new Index3D(256, 1, 1), tiny, uniforms, barrierBefore: true);
                }

                s.Wait(s.Submit(s.SubmittedValue + 1));
            }) / 1000;
            rows.Add($"dependent tiny dispatches in one batch | {perDispatch * 1e6:F2} us each");
        }

        // 2. Saxpy bandwidth per placement; CPU upload and readback cost per placement.
        ulong bytes = (ulong)n * 4;
        foreach (MemoryPlacement placement in new[] { MemoryPlacement.Unified, MemoryPlacement.DeviceLocal, MemoryPlacement.Staging })
        {
            using VulkanBuffer x = ctx.CreateBuffer(bytes, placement), y = ctx.CreateBuffer(bytes, placement);
            using VulkanBuffer stage = ctx.CreateBuffer(bytes, MemoryPlacement.Staging);
            using CommandRecorder s = ctx.CreateRecorder();
            BufferBinding[] bind = [BufferBinding.Of<float>(x, n), BufferBinding.Of<float>(y, n)];
            float[] host = new float[n];
            for (int i = 0; i < n; i++)
            {
                host[i] = i % 1000;
            }

            // Upload: direct memcpy into mapped memory, or staging + GPU copy.
            double upload = Time(3, () =>
            {
                if (x.IsHostVisible)
                {
                    host.AsSpan().CopyTo(x.AsSpan<float>());
                    host.AsSpan().CopyTo(y.AsSpan<float>());
                }
                else
                {
                    host.AsSpan().CopyTo(stage.AsSpan<float>());
                    s.Copy(stage, 0, x, 0, bytes);
                    s.Copy(stage, 0, y, 0, bytes);
                    s.Wait(s.Submit(s.SubmittedValue + 1));
                }
            });

            s.Dispatch(saxpy, 1, new Index3D(n, 1, 1), bind, uniforms);
            s.Wait(s.Submit(s.SubmittedValue + 1)); // warm-up
            const int reps = 20;
            double kernel = Time(3, () =>
            {
                for (int r = 0; r < reps; r++)
                {
                    s.Dispatch(saxpy, 1, new Index3D(n, 1, 1), bind, uniforms, barrierBefore: true);
                }

                s.Wait(s.Submit(s.SubmittedValue + 1));
            }) / reps;

            double sum = 0;
            double readback = Time(3, () =>
            {
                Span<float> src;
                if (y.IsHostVisible)
                {
                    src = y.AsSpan<float>();
                }
                else
                {
                    s.Copy(y, 0, stage, 0, bytes);
                    s.Wait(s.Submit(s.SubmittedValue + 1));
                    src = stage.AsSpan<float>();
                }

                src[..n].CopyTo(host);
                sum = host[n - 1];
            });

            // Each Time call uploads x = y = i % 1000 (the last call of four counts), then saxpy adds 0.5 x 81 times:
            // the warm-up dispatch and 4 x 20 timed ones (exact in float: multiples of 0.5 below 2^23).
            Report.Check($"placement {placement}: saxpy", Saxpied(host, 1 + (4 * reps)));
            double gbps = 12.0 * n / kernel / 1e9;
            rows.Add($"saxpy {n} floats, {placement} (type {x.MemoryType.Index}: {x.MemoryType.Flags}) | GPU {kernel * 1e3:F3} ms = {gbps:F1} GB/s; CPU upload 2 arrays {upload * 1e3:F1} ms; readback {readback * 1e3:F1} ms");
            GC.KeepAlive(sum);
        }

        Console.WriteLine();
        Console.WriteLine($"| measurement on {info.Name} | result |");
        Console.WriteLine("|---|---|");
        foreach (string row in rows)
        {
            Console.WriteLine($"| {row} |");
        }

        Console.WriteLine($"validation errors: {ValidationLog.ErrorCount}");
    }

    private static string? Saxpied(float[] y, int dispatches)
    {
        for (int i = 0; i < y.Length; i++)
        {
            float x = i % 1000;
            if (y[i] != x + (0.5f * x * dispatches))
            {
                return $"element {i} is {y[i]:R}, expected {x + (0.5f * x * dispatches):R}";
            }
        }

        return null;
    }

    private static double Time(int repeats, Action action)
    {
        action();
        double best = double.MaxValue;
        for (int r = 0; r < repeats; r++)
        {
            var clock = Stopwatch.StartNew();
            action();
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }

        return best;
    }
}

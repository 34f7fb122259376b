using System;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using Tandem.Abi;
using Tandem.Backends.Vulkan.Compute;
using Tandem.Benchmarks;

namespace Tandem.DeviceBench;

/// <summary>
/// Saxpy over 64M floats in the GPU's fastest memory, written as different shaders: group sizes, and four elements
/// per thread through float4 loads. It tells how much of the gap to torch's bandwidth the generated shader's shape
/// (one 32-bit element per thread, groups of 256) explains.
/// </summary>
internal static class ShaderShapeBenchmark
{
    private const string Header = """
        struct Uniforms { int extentX; int extentY; int extentZ; int dispatchWidth; int len_x; int len_y; float alpha; };
        [[vk::push_constant]] ConstantBuffer<Uniforms> u;
        """;

    private const int Rounds = 4;
    private const int Reps = 20;
    private const int DispatchesPerShape = Rounds * Reps;

    public static void Run(int elements)
    {
        using VulkanContext ctx = VulkanContext.Create();
        using VulkanBuffer x = ctx.CreateBuffer((ulong)elements * 4, MemoryPlacement.Unified);
        using VulkanBuffer y = ctx.CreateBuffer((ulong)elements * 4, MemoryPlacement.Unified);
        using CommandRecorder stream = ctx.CreateRecorder();
        x.AsSpan<float>().Fill(1f);
        y.AsSpan<float>().Fill(2f);
        foreach (int group in new[] { 64, 256, 1024 })
        {
            string scalar = Header + $$"""
                [[vk::binding(0)]] StructuredBuffer<float> x : register(t0);
                [[vk::binding(1)]] RWStructuredBuffer<float> y : register(u1);
                [numthreads({{group}}, 1, 1)]
                void Saxpy(uint3 id : SV_DispatchThreadID)
                {
                    int i = (int)(id.y * (uint)u.dispatchWidth + id.x);
                    if (i >= u.extentX) return;
                    y[i] = u.alpha * x[i] + y[i];
                }
                """;
            Measure(ctx, stream, scalar, group, elements, 1, $"scalar, groups of {group}", x, y);
        }

        string vector4 = Header + """
            [[vk::binding(0)]] StructuredBuffer<float4> x : register(t0);
            [[vk::binding(1)]] RWStructuredBuffer<float4> y : register(u1);
            [numthreads(256, 1, 1)]
            void Saxpy(uint3 id : SV_DispatchThreadID)
            {
                int i = (int)(id.y * (uint)u.dispatchWidth + id.x);
                if (i >= u.extentX) return;
                y[i] = u.alpha * x[i] + y[i];
            }
            """;
        Measure(ctx, stream, vector4, 256, elements, 4, "float4, groups of 256", x, y);
        // Each dispatch of each of the four shapes added 0.5 to every element of y (exact in float).
        Report.Check($"shader shapes: every element is 2 + 0.5 x {DispatchesPerShape * 4}", OutputChecks.All(y.AsSpan<float>()[..elements], 2f + (0.5f * DispatchesPerShape * 4)));
    }

    private static void Measure(VulkanContext ctx, CommandRecorder stream, string hlsl, int group, int elements, int perThread,
        string label, VulkanBuffer x, VulkanBuffer y)
    {
        ComputePipeline pipeline = ctx.Pipelines.GetOrCreate(hlsl, "Saxpy", 2, KernelAbi.ScalarsOffset(2) + 4, new Index3D(group, 1, 1));
        byte[] uniforms = new byte[pipeline.PushConstantSize];
        BinaryPrimitives.WriteSingleLittleEndian(uniforms.AsSpan(KernelAbi.ScalarsOffset(2)), 0.5f);
        int threads = elements / perThread;
        ulong bytes = (ulong)elements * 4;
        BufferBinding[] bind = [new(x, 0, bytes, threads), new(y, 0, bytes, threads)];
        double best = double.MaxValue;
        for (int round = 0; round < Rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            for (int r = 0; r < Reps; r++)
            {
                stream.Dispatch(pipeline, 1, new Index3D(threads, 1, 1), bind, uniforms, barrierBefore: true);
            }

            stream.Wait(stream.Submit(stream.SubmittedValue + 1));
            best = Math.Min(best, clock.Elapsed.TotalSeconds / Reps);
        }

        Report.Result($"shape.saxpy_64M.{label.Replace(", ", "_", StringComparison.Ordinal).Replace(' ', '_')}", 12.0 * elements / best / 1e9, "GB/s",
            string.Create(CultureInfo.InvariantCulture, $"({label}: {best * 1e3:F3} ms per dispatch, best of {Rounds} x {Reps})"));
    }
}

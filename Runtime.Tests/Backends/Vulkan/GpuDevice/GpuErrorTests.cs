using System;
using Tandem.Abi;
using Tandem.Backends.Vulkan.GpuDevice;
using Tandem.CompilerServices;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Backends.Vulkan.GpuDevice;

/// <summary>Failures on the GPU surface at the next dependent synchronization, naming the kernel; dependents fail too.</summary>
public sealed class GpuErrorTests : GpuTestBase
{
    private static readonly KernelDescriptor s_broken = new("GpuErrorTests.Broken", 1, new Index3D(64, 1, 1),
        "[[vk::binding(0)]] RWStructuredBuffer<float> values : register(u0);\n"
        + "[numthreads(64, 1, 1)] void Broken(uint3 id : SV_DispatchThreadID) { values[id.x] = undefined_symbol; }",
        "Broken", [new KernelBufferInfo("values", 0, BufferAccess.ReadWrite, sizeof(float), true)],
        KernelAbi.ScalarsOffset(1), KernelFeatures.None);

    [MxGpuFact]
    public void A_kernel_that_does_not_compile_fails_naming_itself_and_its_dependents_fail()
    {
        Bounded.Run(() =>
        {
            DeviceStream gpu = Mx.NewStream(Mx.Gpu);
            DeviceStream cpu = Mx.NewStream(Mx.Cpu);
            using Array<float> x = Mx.Zeros<float>([64]);
            using Array<float> y = Mx.Zeros<float>([64]);
            using Array<float> z = Mx.Zeros<float>([64]);
            TestKernel.Launch(s_broken, 64, [x], (_, _) => { }, gpu);
            GpuTestKernels.SlowIncrementCopy(64, 0, x, y, gpu);   // same stream, reads x
            TestOps.Copy(x, z, cpu);                                // CPU stream, reads x

            var failure = Assert.Throws<KernelExecutionException>(gpu.Synchronize);
            Assert.Equal("GpuErrorTests.Broken", failure.KernelName);
            Assert.Contains("GpuErrorTests.Broken", failure.Message, StringComparison.Ordinal);
            Assert.Contains("undefined_symbol", failure.Message, StringComparison.Ordinal); // glslc's message

            var dependent = Assert.Throws<KernelExecutionException>(() => y.ToArray());
            Assert.Equal("GpuErrorTests.Broken", dependent.OriginalKernelName);
            var onCpu = Assert.Throws<KernelExecutionException>(() => z.ToArray());
            Assert.Equal("GpuErrorTests.Broken", onCpu.OriginalKernelName);
            cpu.Synchronize(); // ToArray reported the CPU stream's failure already

            // The streams stay usable, and a second launch of the broken kernel fails again without hanging.
            using Array<float> w = Mx.Zeros<float>([64]);
            GpuTestKernels.Fill(64, 6f, w, gpu);
            Assert.All(w.ToArray(), value => Assert.Equal(6f, value));
            TestKernel.Launch(s_broken, 64, [x], (_, _) => { }, gpu);
            Assert.Throws<KernelExecutionException>(gpu.Synchronize);
            Mx.Synchronize();
        });
    }

    [MxGpuFact]
    public void A_double_kernel_on_a_device_without_float64_is_refused_at_the_launch()
    {
        var device = Backend.Context.Info;
        var noFloat64 = device with { Features = device.Features with { ShaderFloat64 = false } };
        KernelDescriptor doubles = new("GpuErrorTests.Doubles", 1, new Index3D(64, 1, 1), "", "Doubles", [],
            KernelAbi.HeaderSize, KernelFeatures.Float64);
        var failure = Assert.Throws<InvalidOperationException>(() => KernelPipelines.CheckFeatures(doubles, noFloat64));
        Assert.Contains("GpuErrorTests.Doubles", failure.Message, StringComparison.Ordinal);
        Assert.Contains("shaderFloat64", failure.Message, StringComparison.Ordinal);
        KernelPipelines.CheckFeatures(doubles, device with { Features = device.Features with { ShaderFloat64 = true } });
    }

    [MxGpuFact]
    public void An_array_larger_than_the_device_binds_is_refused_at_the_launch()
    {
        ulong limit = Backend.Context.Info.Limits.MaxStorageBufferRange;
        if (limit >= 1UL << 30)
        {
            return; // this device binds arrays of every size the test can afford (llvmpipe: 128 MiB)
        }

        using Array<float> big = Mx.Zeros<float>([(int)(limit / 4) + 16]);
        var failure = Assert.Throws<ArgumentException>(() => GpuTestKernels.AddOne(16, big, Mx.Gpu));
        Assert.Contains("GpuTestKernels.AddOne", failure.Message, StringComparison.Ordinal);
        Assert.Contains("binds at most", failure.Message, StringComparison.Ordinal);
    }
}

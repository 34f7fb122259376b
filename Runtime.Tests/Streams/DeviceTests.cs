using System;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Streams;

public sealed class DeviceTests
{
    [Fact]
    public void Gpu_and_the_default_device_follow_whether_a_GPU_exists()
    {
        if (Mx.IsGpuAvailable)
        {
            // A software Vulkan device (llvmpipe, this CI's GPU) serves Mx.Gpu but is not the default: the CPU is faster.
            Assert.Equal(DeviceType.Gpu, Mx.Gpu.Type);
            Assert.Same(Devices.DeviceRegistry.RequireGpu().IsSoftware ? Mx.Cpu : Mx.Gpu, Mx.DefaultDevice);
            Assert.Contains("Vulkan ", Mx.Gpu.Name, StringComparison.Ordinal);
            return;
        }

        Assert.False(TestDevices.GpuRequired, "TANDEM_REQUIRE_GPU=1 but there is no GPU.");
        var failure = Assert.Throws<InvalidOperationException>(() => Mx.Gpu);
        Assert.StartsWith("No GPU device is available: ", failure.Message, StringComparison.Ordinal);
        Assert.Same(Mx.Cpu, Mx.DefaultDevice);
        Assert.Equal(DeviceType.Cpu, Mx.Cpu.Type);
        if (Environment.GetEnvironmentVariable("TANDEM_DISABLE_GPU") == "1")
        {
            Assert.Contains("TANDEM_DISABLE_GPU", failure.Message, StringComparison.Ordinal);
        }

        using Array<float> x = Mx.Array(new float[1]);
        Assert.Throws<InvalidOperationException>(() => Infrastructure.TestOps.Fill(x, 1, Mx.Gpu));
    }

    [Fact]
    public void Streams_are_numbered_and_named()
    {
        DeviceStream a = Mx.NewStream(Mx.Cpu);
        DeviceStream b = Mx.NewStream(Mx.Cpu);
        Assert.NotEqual(a.Index, b.Index);
        Assert.Same(Mx.Cpu, a.Device);
        Assert.Equal($"DeviceStream(cpu, {a.Index})", a.ToString());
        Assert.StartsWith("Device(cpu, ", Mx.Cpu.ToString(), StringComparison.Ordinal);
        Assert.Same(Mx.DefaultStream(Mx.Cpu), Mx.DefaultStream(Mx.Cpu));
        Assert.NotSame(a, Mx.DefaultStream(Mx.Cpu));
    }

    [Fact]
    public void StreamOrDevice_converts_from_streams_and_devices()
    {
        DeviceStream stream = Mx.NewStream(Mx.Cpu);
        StreamOrDevice fromStream = stream;
        StreamOrDevice fromDevice = Mx.Cpu;
        Assert.Same(stream, fromStream.Stream);
        Assert.Same(Mx.Cpu, fromDevice.Device);
        Assert.True(default(StreamOrDevice).IsDefault);
        Assert.Equal(fromStream, (StreamOrDevice)stream);
        Assert.NotEqual(fromStream, fromDevice);
    }
}

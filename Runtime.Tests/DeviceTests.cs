using System;
using Xunit;

namespace Tandem.Runtime.Tests;

public sealed class DeviceTests
{
    [Fact]
    public void Without_a_GPU_backend_Gpu_throws_and_the_default_device_is_the_CPU()
    {
        Assert.False(Mx.IsGpuAvailable);
        var failure = Assert.Throws<InvalidOperationException>(() => Mx.Gpu);
        Assert.StartsWith("No GPU device is available: ", failure.Message, StringComparison.Ordinal);
        Assert.Same(Mx.Cpu, Mx.DefaultDevice);
        Assert.Equal(DeviceType.Cpu, Mx.Cpu.Type);
    }

    [Fact]
    public void Asking_for_a_GPU_stream_without_a_GPU_throws_at_the_call()
    {
        using Array<float> x = Mx.Array(new float[1]);
        Assert.Throws<InvalidOperationException>(() => Infrastructure.TestOps.Fill(x, 1, Mx.Gpu));
    }

    [Fact]
    public void Streams_are_numbered_and_named()
    {
        Stream a = Mx.NewStream(Mx.Cpu);
        Stream b = Mx.NewStream(Mx.Cpu);
        Assert.NotEqual(a.Index, b.Index);
        Assert.Same(Mx.Cpu, a.Device);
        Assert.Equal($"Stream(cpu, {a.Index})", a.ToString());
        Assert.StartsWith("Device(cpu, ", Mx.Cpu.ToString(), StringComparison.Ordinal);
        Assert.Same(Mx.DefaultStream(Mx.Cpu), Mx.DefaultStream(Mx.Cpu));
        Assert.NotSame(a, Mx.DefaultStream(Mx.Cpu));
    }

    [Fact]
    public void StreamOrDevice_converts_from_streams_and_devices()
    {
        Stream stream = Mx.NewStream(Mx.Cpu);
        StreamOrDevice fromStream = stream;
        StreamOrDevice fromDevice = Mx.Cpu;
        Assert.Same(stream, fromStream.Stream);
        Assert.Same(Mx.Cpu, fromDevice.Device);
        Assert.True(default(StreamOrDevice).IsDefault);
        Assert.Equal(fromStream, (StreamOrDevice)stream);
        Assert.NotEqual(fromStream, fromDevice);
    }
}

using System;
using Tandem.Backends.Vulkan.GpuDevice;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Backends.Vulkan.GpuDevice;

/// <summary>The GPU device as users see it.</summary>
public sealed class GpuDeviceTests : GpuTestBase
{
    [MxGpuFact]
    public void The_GPU_names_its_device_and_driver_and_is_the_default_unless_it_is_software()
    {
        Assert.True(Mx.IsGpuAvailable);
        var info = Backend.Context.Info;
        Assert.StartsWith(info.Name, Mx.Gpu.Name, StringComparison.Ordinal);
        Assert.Contains(info.DriverName, Mx.Gpu.Name, StringComparison.Ordinal);
        Assert.Equal(info.Type == Silk.NET.Vulkan.PhysicalDeviceType.Cpu, Backend.IsSoftware);
        Assert.Same(Backend.IsSoftware ? Mx.Cpu : Mx.Gpu, Mx.DefaultDevice);
        Assert.Same(Mx.DefaultDevice, Mx.DefaultStream(Mx.DefaultDevice).Device);
        Assert.Same(Mx.Gpu, Mx.DefaultStream(Mx.Gpu).Device);
        Assert.Equal($"Device(gpu, {Mx.Gpu.Name})", Mx.Gpu.ToString());
    }

    [MxGpuFact]
    public void The_GPU_tests_run_under_the_validation_layer_with_synchronization_validation()
    {
        Assert.True(Backend.Context.ValidationEnabled || Environment.GetEnvironmentVariable("TANDEM_VULKAN_VALIDATION") == "0",
            "The validation layer is not active: install vulkan-validationlayers, or set TANDEM_VULKAN_VALIDATION=0 to run without it.");
        Assert.True(!Backend.Context.ValidationEnabled || Backend.Context.SynchronizationValidationEnabled
            || Environment.GetEnvironmentVariable("TANDEM_VULKAN_SYNC_VALIDATION") == "0",
            "The validation layer runs without synchronization validation; set TANDEM_VULKAN_SYNC_VALIDATION=0 to allow that.");
    }

    [Fact]
    public void TANDEM_DISABLE_GPU_turns_the_GPU_off_with_a_reason()
    {
        var probe = GpuBackend.Probe(disabled: true);
        Assert.Null(probe.Backend);
        Assert.Contains("TANDEM_DISABLE_GPU=1", probe.UnavailableReason, StringComparison.Ordinal);
    }

    [MxGpuFact]
    public void Several_GPU_streams_run_at_once_over_the_device_queues()
    {
        DeviceStream a = Mx.NewStream(Mx.Gpu);
        DeviceStream b = Mx.NewStream(Mx.Gpu);
        var queues = Backend.Context.Queues.Count;
        var qa = ((GpuStreamExecutor)a.Executor).Queue;
        var qb = ((GpuStreamExecutor)b.Executor).Queue;
        if (queues > 1)
        {
            Assert.NotSame(qa, qb);
        }
        else
        {
            Assert.Same(qa, qb);
        }
    }
}

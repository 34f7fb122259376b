using System;
using Tandem.Backends.Vulkan.Compute;
using Tandem.Backends.Vulkan.GpuDevice;
using Xunit;

namespace Tandem.Runtime.Tests.Backends.Vulkan.GpuDevice;

/// <summary>
/// Base of the GPU test classes: each test starts with an empty Vulkan validation log and ends asserting it is still
/// empty (GpuTestSetup turns the validation layer on for the runtime's device). Tests run one at a time, so the
/// process-wide log belongs to the running test.
/// </summary>
public abstract class GpuTestBase : IDisposable
{
    protected GpuTestBase() => ValidationLog.Clear();

    internal static GpuBackend Backend => (GpuBackend)Devices.DeviceRegistry.RequireGpu();

    public void Dispose()
    {
        GC.SuppressFinalize(this);
        AfterTest();
        Assert.True(ValidationLog.ErrorCount == 0,
            $"{ValidationLog.ErrorCount} Vulkan validation error(s):{Environment.NewLine}{string.Join(Environment.NewLine, ValidationLog.Errors)}");
    }

    /// <summary>Runs after each test, before the validation log is checked.</summary>
    protected virtual void AfterTest()
    {
    }
}

using System;
using Tandem.Backends.Vulkan.Compute;
using Tandem.Backends.Vulkan.GpuDevice;
using Xunit;

namespace Tandem.Runtime.Tests.Backends.Vulkan.GpuDevice;

/// <summary>
/// Base of the GPU test classes: after each test (and its <see cref="AfterTest"/>), asserts that the Vulkan validation
/// log is still empty (GpuTestSetup turns the validation layer on for the runtime's device; the assembly's
/// <see cref="Infrastructure.NoValidationErrorsAttribute"/> checks the test itself and what earlier tests left).
/// </summary>
public abstract class GpuTestBase : IDisposable
{
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

using System;
using Tandem.Backends.Vulkan.Compute;
using Xunit;

namespace Tandem.Runtime.Tests.Backends.Vulkan.Compute;

/// <summary>Base of the Vulkan test classes: after each test, asserts that validation reported no error.</summary>
[Collection(VulkanCollection.Name)]
public abstract class VulkanTestBase : IDisposable
{
    protected VulkanTestBase(VulkanFixture fixture) => Fixture = fixture;

    internal VulkanFixture Fixture { get; }

    internal VulkanContext Context => Fixture.Context;

    public void Dispose()
    {
        GC.SuppressFinalize(this);
        Assert.True(ValidationLog.ErrorCount == 0,
            $"{ValidationLog.ErrorCount} Vulkan validation error(s):{Environment.NewLine}{string.Join(Environment.NewLine, ValidationLog.Errors)}");
    }
}

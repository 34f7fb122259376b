using System;
using Tandem.Backends.Vulkan.Compute;

namespace Tandem.Runtime.Tests.Infrastructure;

/// <summary>
/// A fact that proves the Vulkan validation layer works: it needs what a <see cref="GpuFactAttribute"/> needs, and runs
/// whenever validation is asked for (the test assembly asks unless TANDEM_VULKAN_VALIDATION=0): then a missing or
/// inactive layer fails it instead of letting every validation check pass unseen.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ValidationFactAttribute : Xunit.FactAttribute
{
    public ValidationFactAttribute()
    {
        if (GpuTestEnvironment.WhyNoVulkan is { } reason)
        {
            Skip = reason;
        }
        else if (!VulkanInstance.ValidationRequestedByEnvironment())
        {
            Skip = "TANDEM_VULKAN_VALIDATION=0 turns the validation layer off.";
        }
    }
}

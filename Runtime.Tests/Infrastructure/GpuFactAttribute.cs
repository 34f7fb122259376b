using System;
using Xunit;

namespace Tandem.Runtime.Tests.Infrastructure;

/// <summary>A fact that needs a Vulkan device and glslc; skipped without them unless <c>TANDEM_REQUIRE_GPU=1</c>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class GpuFactAttribute : FactAttribute
{
    public GpuFactAttribute()
    {
        if (GpuTestEnvironment.WhyNoVulkan is { } reason)
        {
            Skip = reason;
        }
    }
}

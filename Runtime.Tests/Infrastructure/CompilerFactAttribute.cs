using System;
using Xunit;

namespace Tandem.Runtime.Tests.Infrastructure;

/// <summary>A fact that needs glslc (no device); skipped without it unless <c>TANDEM_REQUIRE_GPU=1</c>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class CompilerFactAttribute : FactAttribute
{
    public CompilerFactAttribute()
    {
        if (GpuTestEnvironment.WhyNoCompiler is { } reason)
        {
            Skip = reason;
        }
    }
}

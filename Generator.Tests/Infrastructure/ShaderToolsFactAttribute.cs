using System;
using Xunit;

namespace Tandem.Generator.Tests;

/// <summary>A fact that compiles shaders: skipped without glslc and spirv-tools unless <c>TANDEM_REQUIRE_GPU=1</c>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ShaderToolsFactAttribute : FactAttribute
{
    public ShaderToolsFactAttribute()
    {
        if (ShaderTools.WhySkipped is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A theory that compiles shaders: skipped without glslc and spirv-tools unless <c>TANDEM_REQUIRE_GPU=1</c>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ShaderToolsTheoryAttribute : TheoryAttribute
{
    public ShaderToolsTheoryAttribute()
    {
        if (ShaderTools.WhySkipped is { } reason)
        {
            Skip = reason;
        }
    }
}

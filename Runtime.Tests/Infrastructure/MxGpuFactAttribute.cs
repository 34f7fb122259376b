using System;
using Xunit;

namespace Tandem.Runtime.Tests.Infrastructure;

/// <summary>
/// A fact about <see cref="Mx.Gpu"/>: skipped when the runtime has no GPU, unless TANDEM_REQUIRE_GPU=1 — then it runs
/// and fails.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class MxGpuFactAttribute : FactAttribute
{
    public MxGpuFactAttribute()
    {
        if (!TestDevices.GpuRequired && !Mx.IsGpuAvailable)
        {
            Skip = "No GPU (set TANDEM_REQUIRE_GPU=1 to fail instead).";
        }
    }
}

using System;
using System.Linq;
using Tandem.CompilerServices;
using Xunit;

namespace Tandem.Runtime.Tests.Launching;

/// <summary>Generated kernels register themselves: the runtime finds an assembly's kernels without reflection over its types.</summary>
public sealed class KernelRegistryTests
{
    [Fact]
    public void An_assembly_lists_its_own_kernels_once_in_name_order()
    {
        var builtIn = KernelRegistry.KernelsOf(typeof(Mx).Assembly);
        Assert.Contains(builtIn, k => k.Name == "AddKernels.Float32");
        Assert.DoesNotContain(builtIn, k => k.Name.StartsWith("GpuTestKernels.", StringComparison.Ordinal));
        Assert.Equal(builtIn.Select(k => k.Name).Order(StringComparer.Ordinal), builtIn.Select(k => k.Name));
        Assert.Equal(builtIn.Count, builtIn.Distinct().Count());
        Assert.All(builtIn, k => Assert.Contains(k.EntryPoint, k.Hlsl, StringComparison.Ordinal));
    }

    [Fact]
    public void An_assembly_without_kernels_has_none() => Assert.Empty(KernelRegistry.KernelsOf(typeof(object).Assembly));
}

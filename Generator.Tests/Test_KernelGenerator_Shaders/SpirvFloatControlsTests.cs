using System;
using Tandem.Abi;
using Xunit;

namespace Tandem.Generator.Tests;

/// <summary>The SPIR-V patch that asks the driver to keep NaN, infinities and signed zeros gives valid modules.</summary>
public sealed class SpirvFloatControlsTests
{
    private const string Hlsl = """
        [[vk::binding(0)]] RWStructuredBuffer<float> f : register(u0);
        [[vk::binding(1)]] RWStructuredBuffer<double> d : register(u1);
        [[vk::binding(2)]] RWStructuredBuffer<int> n : register(u2);
        [numthreads(64, 1, 1)] void Both(uint3 t : SV_DispatchThreadID) { f[t.x] = f[t.x] * 2.0f; d[t.x] = d[t.x] * 2.0L; }
        [numthreads(64, 1, 1)] void Floats(uint3 t : SV_DispatchThreadID) { f[t.x] = f[t.x] * 2.0f; }
        [numthreads(64, 1, 1)] void Ints(uint3 t : SV_DispatchThreadID) { n[t.x] = n[t.x] * 2; }
        """;

    [ShaderToolsFact]
    public void Each_width_the_module_uses_gets_the_execution_mode_and_the_module_stays_valid()
    {
        var both = SpirvFloatControls.Apply(ShaderTools.Compile(Hlsl, "Both", "controls-both"), SpirvFloatControls.Widths.Float32 | SpirvFloatControls.Widths.Float64);
        var text = ShaderTools.Disassemble(both, "controls-both-patched");
        Assert.Contains("OpCapability SignedZeroInfNanPreserve", text, StringComparison.Ordinal);
        Assert.Contains("OpExtension \"SPV_KHR_float_controls\"", text, StringComparison.Ordinal);
        Assert.Matches(@"OpExecutionMode %\w+ SignedZeroInfNanPreserve 32", text);
        Assert.Matches(@"OpExecutionMode %\w+ SignedZeroInfNanPreserve 64", text);

        var floats = ShaderTools.Disassemble(SpirvFloatControls.Apply(ShaderTools.Compile(Hlsl, "Floats", "controls-floats"), SpirvFloatControls.Widths.Float32 | SpirvFloatControls.Widths.Float64), "controls-floats-patched");
        Assert.Matches(@"SignedZeroInfNanPreserve 32", floats);
        Assert.DoesNotMatch(@"SignedZeroInfNanPreserve 64", floats);

        var only32 = ShaderTools.Disassemble(SpirvFloatControls.Apply(ShaderTools.Compile(Hlsl, "Both", "controls-32"), SpirvFloatControls.Widths.Float32), "controls-32-patched");
        Assert.DoesNotMatch(@"SignedZeroInfNanPreserve 64", only32);
    }

    [ShaderToolsFact]
    public void Nothing_to_add_leaves_the_module_as_it_is()
    {
        var ints = ShaderTools.Compile(Hlsl, "Ints", "controls-ints");
        Assert.Same(ints, SpirvFloatControls.Apply(ints, SpirvFloatControls.Widths.Float32));

        var floats = ShaderTools.Compile(Hlsl, "Floats", "controls-none");
        Assert.Same(floats, SpirvFloatControls.Apply(floats, SpirvFloatControls.Widths.None));

        var once = SpirvFloatControls.Apply(floats, SpirvFloatControls.Widths.Float32);
        Assert.Same(once, SpirvFloatControls.Apply(once, SpirvFloatControls.Widths.Float32));
    }

    [Fact]
    public void Bytes_that_are_not_SPIR_V_are_refused()
    {
        Assert.Throws<ArgumentException>(() => SpirvFloatControls.Apply(new byte[20], SpirvFloatControls.Widths.Float32));
        Assert.Throws<ArgumentException>(() => SpirvFloatControls.Apply(new byte[7], SpirvFloatControls.Widths.Float32));
        var truncated = new byte[24];
        BitConverter.GetBytes(0x07230203u).CopyTo(truncated, 0);
        BitConverter.GetBytes((9u << 16) | 17u).CopyTo(truncated, 20);
        Assert.Throws<ArgumentException>(() => SpirvFloatControls.Apply(truncated, SpirvFloatControls.Widths.Float32));
    }
}

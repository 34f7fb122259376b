using Xunit;

namespace Tandem.Generator.Tests.Fuzzing;

/// <summary>
/// Minimal repros of generator bugs the fuzzers found, kept as regression tests (see docs/RELIABILITY.md). Each kernel
/// is valid in the documented language, so the generator must translate it: a TK error would hide the bug, not fix it.
/// </summary>
public sealed class GeneratorBugRepros
{
    [Fact]
    public void An_assignment_of_a_lane_invariant_value_to_a_local_compiles()
    {
        const string Source = """
            using System;
            using Tandem;

            public static partial class Repro
            {
                [Kernel]
                public static void K(int i, ReadOnlySpan<float> x, Span<int> y)
                {
                    int j = 0;
                    j += x.Length;
                    y[i] = j;
                }
            }
            """;
        AssertTranslated(GeneratorCheck.Run(Source));
    }

    [Fact]
    public void Assigning_to_a_scalar_parameter_is_translated()
    {
        const string Source = """
            using System;
            using Tandem;

            public static partial class Repro
            {
                [Kernel]
                public static void K(int i, float a, ReadOnlySpan<float> x, Span<float> y)
                    => a = x[i] + y[i];
            }
            """;
        AssertTranslated(GeneratorCheck.Run(Source));
    }

    [ShaderToolsFact]
    public void A_local_read_in_its_own_initializer_in_unreachable_code_gives_HLSL_that_compiles()
    {
        const string Source = """
            using System;
            using Tandem;

            public static partial class Repro
            {
                [Kernel]
                public static void SelfRead(int i, ReadOnlySpan<float> x, Span<float> y)
                {
                    y[i] = 1;
                    return;
                    float p = i > 0 && x[i - 1] > p ? x[i - 1] : 0f;
                    y[i] = p;
                }
            }
            """;
        GeneratorCheck check = GeneratorCheck.Run(Source);
        AssertTranslated(check);
        foreach ((string entryPoint, string hlsl) in check.Shaders)
        {
            ShaderTools.AssertCompiles(hlsl, entryPoint, "repro-self-read-" + entryPoint);
        }
    }

    [Fact]
    public void A_local_read_in_its_own_initializer_and_used_as_an_index_is_translated()
    {
        // The mutation fuzzer: seeing through 'p' to its initializer 'p + i' never ended (a stack overflow).
        const string Source = """
            using System;
            using Tandem;

            public static partial class Repro
            {
                [Kernel]
                public static void SelfIndex(int i, ReadOnlySpan<float> x, Span<float> y)
                {
                    y[i] = 1;
                    return;
                    int p = p + i;
                    y[p] = x[p];
                }
            }
            """;
        AssertTranslated(GeneratorCheck.Run(Source));
    }

    [ShaderToolsFact]
    public void A_group_shared_index_out_of_range_compiles_and_is_clamped_onto_a_spare_element()
    {
        // Seed 1004204 of the mutation fuzzer: a constant index past a shared array made glslc refuse the shader.
        const string Source = """
            using System;
            using Tandem;

            public static partial class Repro
            {
                [Kernel(64)]
                public static void K(int i, Span<int> y)
                {
                    Span<int> local = Group.Shared<int>(16);
                    local[Group.ThreadIndex.X % 16] = i;
                    Group.Barrier();
                    y[i] = local[Group.Size.X / 2];
                }
            }
            """;
        GeneratorCheck check = GeneratorCheck.Run(Source);
        Assert.True(check.InputCompiles);
        Assert.Null(check.Failure);
        (string entryPoint, string hlsl) = Assert.Single(check.Shaders);
        Assert.Contains("groupshared int local[17];", hlsl, System.StringComparison.Ordinal);
        Assert.Contains("local[min((uint)((64 / 2)), 16u)]", hlsl, System.StringComparison.Ordinal);
        ShaderTools.AssertCompiles(hlsl, entryPoint, "repro-shared-index");
    }

    [ShaderToolsFact]
    public void A_constant_NaN_converted_to_long_through_Half_compiles_with_the_optimizer_on()
    {
        // glslc's optimizer (shaderc 2023.2) crashed with SIGSEGV on this kernel while the float-to-long helper tested
        // NaN as f != f; found by random kernel seed 2000266 in a soak.
        const string Source = """
            using System;
            using Tandem;

            public static partial class Repro
            {
                [Kernel]
                public static void NaNToLong(int i, int n, float s, long m, ReadOnlySpan<float> x, Span<float> y, Span<long> w)
                {
                    float f0 = x[i] * s;
                    for (int q = 0; q < 3; q++)
                        m -= (long)n;
                    y[i] = MathF.Max(f0, (float)((-3L) + m));
                    w[i] = (long)Half.NaN;
                }
            }
            """;
        GeneratorCheck check = GeneratorCheck.Run(Source);
        Assert.True(check.InputCompiles);
        Assert.Null(check.Failure);
        (string entryPoint, string hlsl) = Assert.Single(check.Shaders);
        ShaderTools.AssertCompiles(hlsl, entryPoint, "repro-nan-to-long");
    }

    /// <summary>Valid input, no TK error, and code generated for the CPU and the GPU (the shaders).</summary>
    private static void AssertTranslated(GeneratorCheck check)
    {
        Assert.True(check.InputCompiles, "the repro itself does not compile");
        Assert.Null(check.Failure);
        Assert.False(check.Refused, "the generator refused a kernel in the documented language");
        Assert.NotEmpty(check.Shaders);
    }
}

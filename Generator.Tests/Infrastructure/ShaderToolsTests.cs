using System;
using System.IO;
using Xunit;

namespace Tandem.Generator.Tests;

/// <summary>The shader tests skip, saying what to install, where glslc and spirv-tools are missing, unless required.</summary>
public sealed class ShaderToolsTests
{
    [Fact]
    public void Without_the_tools_the_shader_tests_skip_saying_what_to_install()
    {
        var empty = Directory.CreateTempSubdirectory("tandem-no-tools-").FullName;
        try
        {
            var reason = ShaderTools.WhySkippedWith(empty, required: false);
            Assert.NotNull(reason);
            Assert.Contains("'glslc' and 'spirv-val' and 'spirv-dis' are not installed", reason, StringComparison.Ordinal);
            Assert.Contains("apt-get install glslc spirv-tools", reason, StringComparison.Ordinal);
            Assert.Contains("TANDEM_REQUIRE_GPU=1", reason, StringComparison.Ordinal);
            Assert.Null(ShaderTools.WhySkippedWith(empty, required: true));
        }
        finally
        {
            Directory.Delete(empty);
        }
    }
}

using System;
using Tandem.Backends.Vulkan.Compute;

namespace Tandem.Runtime.Tests.Infrastructure;

/// <summary>
/// Why GPU tests cannot run here (null when they can). With <c>TANDEM_REQUIRE_GPU=1</c> nothing is skipped:
/// the tests run and fail where Vulkan or glslc is missing.
/// </summary>
internal static class GpuTestEnvironment
{
    private static readonly Lazy<string?> VulkanProblem = new(ProbeVulkan);
    private static readonly Lazy<string?> CompilerProblem = new(ProbeCompiler);

    public static bool Required => Environment.GetEnvironmentVariable("TANDEM_REQUIRE_GPU") == "1";

    public static string? WhyNoVulkan => Required ? null : VulkanProblem.Value ?? CompilerProblem.Value;

    public static string? WhyNoCompiler => Required ? null : CompilerProblem.Value;

    private static string? ProbeVulkan()
    {
        if (!VulkanContext.TryCreate(new VulkanContextOptions { Validation = false }, out VulkanContext? context, out string? whyNot))
        {
            return "No Vulkan device (set TANDEM_REQUIRE_GPU=1 to fail instead): " + whyNot;
        }

        context!.Dispose();
        return null;
    }

    private static string? ProbeCompiler()
    {
        try
        {
            _ = new ShaderCompiler(System.IO.Path.GetTempPath()).CompilerIdentity;
            return null;
        }
        catch (ShaderCompilerNotFoundException e)
        {
            return "No HLSL compiler (set TANDEM_REQUIRE_GPU=1 to fail instead): " + e.Message;
        }
    }
}

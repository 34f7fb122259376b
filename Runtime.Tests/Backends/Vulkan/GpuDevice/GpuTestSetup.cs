using System;
using System.IO;
using System.Runtime.CompilerServices;

namespace Tandem.Runtime.Tests.Backends.Vulkan.GpuDevice;

/// <summary>
/// Runs when the test assembly loads, before the runtime opens the GPU: turns the Vulkan validation layer on (unless
/// TANDEM_VULKAN_VALIDATION says otherwise) so every GPU test runs under it, and points the shader cache at a directory
/// of this test run unless TANDEM_SHADER_CACHE names one, so cache tests never touch the user's cache.
/// </summary>
internal static class GpuTestSetup
{
    public static readonly string ShaderCacheDirectory = Path.Combine(Path.GetTempPath(), $"tandem-test-shaders-{Environment.ProcessId}");

#pragma warning disable CA2255 // Test setup that must precede the runtime's first use of the GPU.
    [ModuleInitializer]
    internal static void Configure()
#pragma warning restore CA2255
    {
        if (Environment.GetEnvironmentVariable("TANDEM_VULKAN_VALIDATION") is null)
        {
            Environment.SetEnvironmentVariable("TANDEM_VULKAN_VALIDATION", "1");
        }

        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("TANDEM_SHADER_CACHE")))
        {
            Environment.SetEnvironmentVariable("TANDEM_SHADER_CACHE", ShaderCacheDirectory);
        }
    }
}

using System;
using System.IO;
using Tandem.Backends.Vulkan.Compute;

namespace Tandem.Runtime.Tests.Backends.Vulkan.Compute;

/// <summary>
/// One context for the Vulkan tests, with the validation layer on when it is installed, and a shader cache in a
/// temporary directory. The collection runs its tests one after another (the validation log is process-wide).
/// </summary>
public sealed class VulkanFixture : IDisposable
{
    private readonly Lazy<VulkanContext> _context;

    public VulkanFixture()
    {
        CacheDirectory = Path.Combine(Path.GetTempPath(), "tandem-vulkan-tests-" + Guid.NewGuid().ToString("N"));
        Compiler = new ShaderCompiler(CacheDirectory);
        _context = new Lazy<VulkanContext>(() => VulkanContext.Create(new VulkanContextOptions { Validation = true, ShaderCompiler = Compiler }));
    }

    internal string CacheDirectory { get; }

    internal ShaderCompiler Compiler { get; }

    internal VulkanContext Context => _context.Value;

    public void Dispose()
    {
        if (_context.IsValueCreated)
        {
            _context.Value.Dispose();
        }

        if (Directory.Exists(CacheDirectory))
        {
            Directory.Delete(CacheDirectory, recursive: true);
        }
    }
}

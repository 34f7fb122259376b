using System;
using System.IO;
using Tandem.Vulkan;
using Xunit;

namespace Tandem.Runtime.Tests.Vulkan;

/// <summary>
/// One context for the Vulkan tests, with the validation layer on when it is installed, and a shader cache in a
/// temporary directory. The collection runs its tests one after another (the validation log is process-wide).
/// </summary>
public sealed class VulkanFixture : IDisposable
{
    private readonly Lazy<VulkanContext> context;

    public VulkanFixture()
    {
        CacheDirectory = Path.Combine(Path.GetTempPath(), "tandem-vulkan-tests-" + Guid.NewGuid().ToString("N"));
        Compiler = new ShaderCompiler(CacheDirectory);
        context = new Lazy<VulkanContext>(() => VulkanContext.Create(new VulkanContextOptions { Validation = true, ShaderCompiler = Compiler }));
    }

    internal string CacheDirectory { get; }

    internal ShaderCompiler Compiler { get; }

    internal VulkanContext Context => context.Value;

    public void Dispose()
    {
        if (context.IsValueCreated)
        {
            context.Value.Dispose();
        }

        if (Directory.Exists(CacheDirectory))
        {
            Directory.Delete(CacheDirectory, recursive: true);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class VulkanCollection : ICollectionFixture<VulkanFixture>
{
    public const string Name = "Vulkan";
}

/// <summary>Base of the Vulkan test classes: after each test, asserts that validation reported no error.</summary>
[Collection(VulkanCollection.Name)]
public abstract class VulkanTestBase : IDisposable
{
    protected VulkanTestBase(VulkanFixture fixture)
    {
        Fixture = fixture;
        ValidationLog.Clear();
    }

    internal VulkanFixture Fixture { get; }

    internal VulkanContext Context => Fixture.Context;

    public void Dispose()
    {
        GC.SuppressFinalize(this);
        Assert.True(ValidationLog.ErrorCount == 0,
            $"{ValidationLog.ErrorCount} Vulkan validation error(s):{Environment.NewLine}{string.Join(Environment.NewLine, ValidationLog.Errors)}");
    }
}

using Xunit;

namespace Tandem.Runtime.Tests.Backends.Vulkan.Compute;

[CollectionDefinition(Name)]
public sealed class VulkanCollection : ICollectionFixture<VulkanFixture>
{
    public const string Name = "Vulkan";
}

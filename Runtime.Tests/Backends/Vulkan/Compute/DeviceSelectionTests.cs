using System;
using Tandem.Backends.Vulkan.Compute;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Backends.Vulkan.Compute;

public sealed class DeviceSelectionTests(VulkanFixture fixture) : VulkanTestBase(fixture)
{
    [GpuFact]
    public void A_device_preference_by_index_or_name_picks_that_device()
    {
        using VulkanContext byIndex = VulkanContext.Create(new VulkanContextOptions { Device = Context.Info.Index.ToString(System.Globalization.CultureInfo.InvariantCulture), Validation = false });
        Assert.Equal(Context.Info.Name, byIndex.Info.Name);
        using VulkanContext byName = VulkanContext.Create(new VulkanContextOptions { Device = Context.Info.Name[..4].ToUpperInvariant(), Validation = false });
        Assert.Equal(Context.Info.Name, byName.Info.Name);
    }

    [GpuFact]
    public void A_preference_matching_nothing_lists_the_devices()
    {
        foreach (string preference in new[] { "no-such-gpu-xyz", "7" })
        {
            VulkanUnavailableException e = Assert.Throws<VulkanUnavailableException>(
                () => VulkanContext.Create(new VulkanContextOptions { Device = preference, Validation = false }));
            Assert.Contains(Context.Info.Name, e.Message, StringComparison.Ordinal);
            Assert.Contains("unset it", e.Message, StringComparison.Ordinal);
            // The loader is installed (it found the devices): telling the user to install it would mislead.
            Assert.DoesNotContain("apt-get install", e.Message, StringComparison.Ordinal);
        }

        Assert.False(VulkanContext.TryCreate(new VulkanContextOptions { Device = "no-such-gpu-xyz", Validation = false }, out _, out string? why));
        Assert.NotNull(why);
    }
}

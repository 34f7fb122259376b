using System.IO;
using Silk.NET.Vulkan;
using Tandem.Vulkan;
using Xunit;
using VkBuffer = Silk.NET.Vulkan.Buffer;

namespace Tandem.Runtime.Tests.Vulkan;

public sealed class ValidationTests(VulkanFixture fixture) : VulkanTestBase(fixture)
{
    private static bool LayerInstalled =>
        File.Exists("/usr/share/vulkan/explicit_layer.d/VkLayer_khronos_validation.json") ||
        File.Exists("/etc/vulkan/explicit_layer.d/VkLayer_khronos_validation.json");

    [GpuFact]
    public unsafe void The_messenger_records_validation_errors()
    {
        if (!LayerInstalled)
        {
            return;
        }

        Assert.True(Context.ValidationEnabled, "the validation layer is installed but not active");

        // A zero-sized buffer is invalid usage (VUID-VkBufferCreateInfo-size-00912) but harmless to the driver.
        var info = new BufferCreateInfo { SType = StructureType.BufferCreateInfo, Size = 0, Usage = BufferUsageFlags.StorageBufferBit };
        VkBuffer buffer;
        if (Context.Api.CreateBuffer(Context.Device, &info, null, &buffer) == Result.Success)
        {
            Context.Api.DestroyBuffer(Context.Device, buffer, null);
        }

        Assert.True(ValidationLog.ErrorCount > 0, "the deliberate error was not recorded");
        Assert.Contains(ValidationLog.Errors, e => e.Contains("size", System.StringComparison.OrdinalIgnoreCase));
        ValidationLog.Clear(); // expected: don't fail this test in the base class
    }
}

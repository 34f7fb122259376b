using Silk.NET.Vulkan;
using Tandem.Abi;
using Tandem.Backends.Vulkan.Compute;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;
using VkBuffer = Silk.NET.Vulkan.Buffer;

namespace Tandem.Runtime.Tests.Backends.Vulkan.Compute;

public sealed class ValidationTests(VulkanFixture fixture) : VulkanTestBase(fixture)
{
    private const string NotActive =
        "Validation was asked for, but the Khronos validation layer is not active: install it (Debian: vulkan-validationlayers), or set TANDEM_VULKAN_VALIDATION=0.";

    [ValidationFact]
    public unsafe void The_messenger_records_validation_errors()
    {
        Assert.True(Context.ValidationEnabled, NotActive);

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

    [ValidationFact]
    public unsafe void An_error_recorded_between_tests_fails_the_next_test_instead_of_being_wiped()
    {
        Assert.True(Context.ValidationEnabled, NotActive);
        var info = new BufferCreateInfo { SType = StructureType.BufferCreateInfo, Size = 0, Usage = BufferUsageFlags.StorageBufferBit };
        VkBuffer buffer;
        if (Context.Api.CreateBuffer(Context.Device, &info, null, &buffer) == Result.Success)
        {
            Context.Api.DestroyBuffer(Context.Device, buffer, null);
        }

        // As if the error came after the previous test ended: the next test's start reports it, naming it a leftover.
        var check = new NoValidationErrorsAttribute();
        var method = typeof(ValidationTests).GetMethod(nameof(An_error_recorded_between_tests_fails_the_next_test_instead_of_being_wiped))!;
        var leftover = Assert.Throws<Xunit.Sdk.XunitException>(() => check.Before(method));
        Assert.Contains("left by an earlier test", leftover.Message, System.StringComparison.Ordinal);
        Assert.Equal(0, ValidationLog.ErrorCount);
        check.Before(method);
    }

    [ValidationFact]
    public void Synchronization_validation_reports_a_missing_barrier_and_accepts_the_barrier()
    {
        Assert.True(Context.ValidationEnabled, NotActive);
        Assert.True(Context.SynchronizationValidationEnabled, "synchronization validation is not on with the layer");
        const int n = 1024;
        ComputePipeline iota = Context.Pipelines.GetOrCreate(TestKernels.Iota, "Iota", 1, KernelAbi.ScalarsOffset(1) + 4, new Index3D(64, 1, 1));
        ComputePipeline addOne = Context.Pipelines.GetOrCreate(TestKernels.AddOne, "AddOne", 2, KernelAbi.ScalarsOffset(2), new Index3D(64, 1, 1));
        byte[] uniforms = new byte[iota.PushConstantSize];
        using VulkanBuffer a = Context.CreateBuffer(n * 4);
        using VulkanBuffer b = Context.CreateBuffer(n * 4);
        using CommandRecorder stream = Context.CreateRecorder();

        // The second dispatch of a batch reads what the first writes: without a barrier between them, a hazard.
        stream.Dispatch(iota, 1, new Index3D(n, 1, 1), [BufferBinding.Of<int>(a, n)], uniforms);
        stream.Dispatch(addOne, 1, new Index3D(n, 1, 1), [BufferBinding.Of<int>(a, n), BufferBinding.Of<int>(b, n)], [], barrierBefore: false);
        stream.Wait(stream.SubmitNext());
        Assert.Contains(ValidationLog.Errors, e => e.Contains("SYNC-HAZARD-READ-AFTER-WRITE", System.StringComparison.Ordinal));
        ValidationLog.Clear(); // expected

        stream.Dispatch(iota, 1, new Index3D(n, 1, 1), [BufferBinding.Of<int>(a, n)], uniforms);
        stream.Dispatch(addOne, 1, new Index3D(n, 1, 1), [BufferBinding.Of<int>(a, n), BufferBinding.Of<int>(b, n)], [], barrierBefore: true);
        stream.Wait(stream.SubmitNext());
        Assert.Equal(0, ValidationLog.ErrorCount);
    }
}

using Silk.NET.Vulkan;

namespace Tandem.Backends.Vulkan.Compute;

/// <summary>
/// Results a <see cref="VulkanContext"/> reports instead of the driver's, at the points where a real device fails:
/// a queue submission, the calls a lost device refuses, a memory allocation. Install one with
/// <see cref="VulkanContext.FaultHook"/>; without one (the default) each point costs one read of a field.
/// </summary>
/// <remarks>The seam through which the fault-injection tests make the real failure paths run.</remarks>
internal interface IVulkanFaultHook
{
    /// <summary>
    /// True when the device must behave as lost: submissions, semaphore waits (those in progress too), signals and
    /// counter reads return <c>VK_ERROR_DEVICE_LOST</c>.
    /// </summary>
    bool IsDeviceLost { get; }

    /// <summary>
    /// The result <paramref name="submitter"/>'s submission to <paramref name="queue"/> gets instead of the driver's,
    /// or null to submit. Called with the queue's lock held.
    /// </summary>
    Result? OnQueueSubmit(VulkanQueue queue, CommandRecorder? submitter);

    /// <summary>True when allocating <paramref name="requestedBytes"/> more device memory than the <paramref name="heldBytes"/> alive must fail as out of memory.</summary>
    bool RefusesAllocation(long heldBytes, ulong requestedBytes);
}

using System.Threading;
using Silk.NET.Vulkan;

namespace Tandem.Backends.Vulkan.Compute;

/// <summary>
/// One <c>VkQueue</c> of the compute family. Vulkan requires submissions to a queue to be externally
/// synchronized, and several <see cref="CommandRecorder"/>s may share a queue (llvmpipe has one), so every
/// submission goes through <see cref="Submit"/>, which holds a lock.
/// </summary>
internal sealed unsafe class VulkanQueue
{
    private readonly VulkanContext _context;
    private readonly Lock _gate = new();

    internal VulkanQueue(VulkanContext context, Queue handle, int familyIndex, int index)
    {
        _context = context;
        Handle = handle;
        FamilyIndex = familyIndex;
        Index = index;
    }

    public Queue Handle { get; }

    /// <summary>The lock every use of the queue holds (Vulkan's external synchronization).</summary>
    internal Lock Gate => _gate;

    public int FamilyIndex { get; }

    /// <summary>The queue's index within its family.</summary>
    public int Index { get; }

    /// <summary>Submits batches; thread-safe.</summary>
    /// <param name="submits">The batches.</param>
    /// <param name="count">How many.</param>
    /// <param name="submitter">The recorder submitting, for a <see cref="IVulkanFaultHook"/> that picks one.</param>
    /// <exception cref="VulkanDeviceLostException">The device was lost.</exception>
    /// <exception cref="System.OutOfMemoryException">The driver ran out of memory; the batches were not submitted.</exception>
    public void Submit(SubmitInfo* submits, uint count, CommandRecorder? submitter = null)
    {
        Result result;
        lock (_gate)
        {
            // Inside the lock: a simulated device loss takes every queue's lock, so no submission slips past it.
            result = _context.FaultHook?.OnQueueSubmit(this, submitter) ?? _context.Api.QueueSubmit(Handle, count, submits, default);
        }

        VkCheck.Success(result, "vkQueueSubmit");
    }
}

using System.Threading;
using Silk.NET.Vulkan;

namespace Tandem.Vulkan;

/// <summary>
/// One <c>VkQueue</c> of the compute family. Vulkan requires submissions to a queue to be externally
/// synchronized, and several <see cref="ComputeStream"/>s may share a queue (llvmpipe has one), so every
/// submission goes through <see cref="Submit"/>, which holds a lock.
/// </summary>
internal sealed unsafe class GpuQueue
{
    private readonly Vk vk;
    private readonly Lock gate = new();

    internal GpuQueue(Vk vk, Queue handle, int familyIndex, int index)
    {
        this.vk = vk;
        Handle = handle;
        FamilyIndex = familyIndex;
        Index = index;
    }

    public Queue Handle { get; }

    public int FamilyIndex { get; }

    /// <summary>The queue's index within its family.</summary>
    public int Index { get; }

    /// <summary>Submits batches; thread-safe.</summary>
    /// <exception cref="VulkanDeviceLostException">The device was lost.</exception>
    public void Submit(SubmitInfo* submits, uint count)
    {
        Result result;
        lock (gate)
        {
            result = vk.QueueSubmit(Handle, count, submits, default);
        }

        VkCheck.Success(result, "vkQueueSubmit");
    }

    /// <summary>Waits until the queue is idle; thread-safe.</summary>
    public void WaitIdle()
    {
        Result result;
        lock (gate)
        {
            result = vk.QueueWaitIdle(Handle);
        }

        VkCheck.Success(result, "vkQueueWaitIdle");
    }
}

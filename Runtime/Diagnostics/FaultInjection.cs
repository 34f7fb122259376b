using System;
using System.Collections.Generic;
using System.Threading;
using Silk.NET.Vulkan;
using Tandem.Backends.Vulkan.Compute;
using Event = Tandem.Scheduling.Event;

namespace Tandem.Diagnostics;

/// <summary>
/// A test hook that makes chosen operations fail where real failures happen: a kernel launch on a CPU stream (before
/// its body runs), a dispatch being recorded on a GPU stream, the result of <c>vkQueueSubmit</c>, the device-lost
/// results of submits and semaphore waits, and device or host memory allocation against a limit. The runtime then
/// handles the failure with its ordinary error paths, which is what the fault-injection tests exercise.
/// </summary>
/// <remarks>
/// Internal and off by default: a hook site costs one read of a static field while nothing is armed. Rules are
/// process-wide, so tests that arm them run one at a time (the test assembly disables parallel tests);
/// <see cref="Reset"/> disarms everything, including a simulated device loss.
/// </remarks>
internal static class FaultInjection
{
    private static volatile bool s_armed;
    private static volatile Func<Event, bool>? s_failLaunch;
    private static volatile SubmitFault? s_submitFault;
    private static volatile LostDevice? s_lostDevice;
    private static long s_memoryLimit = long.MaxValue;
    private static long s_injected;

    /// <summary>True while any rule is armed; hook sites test this before anything else.</summary>
    public static bool IsArmed => s_armed;

    /// <summary>How many faults the hooks injected since the process started (for soak figures).</summary>
    public static long FaultsInjected => Interlocked.Read(ref s_injected);

    /// <summary>Makes every launch for which <paramref name="which"/> returns true fail (on either device).</summary>
    public static void FailLaunches(Func<Event, bool> which)
    {
        ArgumentNullException.ThrowIfNull(which);
        s_failLaunch = which;
        s_armed = true;
    }

    /// <summary>Makes the next <c>vkQueueSubmit</c> of <paramref name="target"/> (any stream when null) return <paramref name="result"/>.</summary>
    public static void FailNextSubmit(CommandRecorder? target, Result result)
    {
        s_submitFault = new SubmitFault(target, result);
        s_armed = true;
    }

    /// <summary>
    /// Simulates the loss of <paramref name="context"/>'s device: from now on its submits, semaphore waits (those in
    /// progress too), counter reads and idle waits return <c>VK_ERROR_DEVICE_LOST</c>, as a lost device's do. Work
    /// submitted before still runs to the end first (the real device is idle when this returns), so nothing the runtime
    /// releases afterwards is still in use by the GPU.
    /// </summary>
    public static void LoseDevice(VulkanContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        IReadOnlyList<VulkanQueue> queues = context.Queues;
        // Holding every queue's lock: no submit slips in between the loss and the drain, and vkDeviceWaitIdle has the
        // external synchronization of all queues it requires.
        EnterAll(queues, 0, () =>
        {
            s_lostDevice = new LostDevice(context.Device.Handle);
            s_armed = true;
            Interlocked.Increment(ref s_injected);
            VkCheck.Success(context.Api.DeviceWaitIdle(context.Device), "vkDeviceWaitIdle");
        });
    }

    /// <summary>
    /// Lets each allocator hold at most <paramref name="bytes"/> from its source (Vulkan device memory, or the host
    /// heap without a GPU); an allocation past it fails as out-of-memory does.
    /// </summary>
    public static void LimitMemory(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        Interlocked.Exchange(ref s_memoryLimit, bytes);
        s_armed = true;
    }

    /// <summary>Disarms every rule. A simulated device loss is undone, for the device and for the GPU backend.</summary>
    public static void Reset()
    {
        bool wasLost = s_lostDevice is not null;
        s_armed = false;
        s_failLaunch = null;
        s_submitFault = null;
        s_lostDevice = null;
        Interlocked.Exchange(ref s_memoryLimit, long.MaxValue);
        if (wasLost && Devices.DeviceRegistry.Gpu is Backends.Vulkan.GpuDevice.GpuBackend gpu)
        {
            gpu.Loss.ForgetSimulatedLoss();
        }
    }

    /// <summary>Hook: a launch is about to run (CPU) or be recorded (GPU); throws when a rule picks it.</summary>
    /// <exception cref="InjectedFaultException">The launch was picked.</exception>
    public static void OnLaunch(Event op)
    {
        if (s_failLaunch is { } rule && rule(op))
        {
            Interlocked.Increment(ref s_injected);
            throw new InjectedFaultException($"kernel '{op.OperationName}' (op {op.Value} of {op.Stream.Description}) was made to fail.")
            {
                Stream = op.Stream,
                Sequence = op.Value,
            };
        }
    }

    /// <summary>Hook: the result a submission to <paramref name="queue"/> by <paramref name="submitter"/> gets instead of the real one; null submits.</summary>
    public static Result? OnQueueSubmit(VulkanQueue queue, CommandRecorder? submitter)
    {
        ArgumentNullException.ThrowIfNull(queue);
        if (IsDeviceLost(queue.Device))
        {
            return Result.ErrorDeviceLost;
        }

        SubmitFault? fault = s_submitFault;
        if (fault is not null && (fault.Target is null || fault.Target == submitter)
            && Interlocked.CompareExchange(ref s_submitFault, null, fault) == fault)
        {
            Interlocked.Increment(ref s_injected);
            return fault.Result;
        }

        return null;
    }

    /// <summary>Hook: true when calls on <paramref name="device"/> must return <c>VK_ERROR_DEVICE_LOST</c>.</summary>
    public static bool IsDeviceLost(Silk.NET.Vulkan.Device device) => s_lostDevice is { } lost && lost.Handle == device.Handle;

    /// <summary>Hook: true when an allocator that holds <paramref name="heldBytes"/> may not take <paramref name="requestedBytes"/> more.</summary>
    public static bool ExceedsMemoryLimit(long heldBytes, ulong requestedBytes)
    {
        bool exceeds = (ulong)Math.Max(0, heldBytes) + requestedBytes > (ulong)Interlocked.Read(ref s_memoryLimit);
        if (exceeds)
        {
            Interlocked.Increment(ref s_injected);
        }

        return exceeds;
    }

    private static void EnterAll(IReadOnlyList<VulkanQueue> queues, int index, Action action)
    {
        if (index == queues.Count)
        {
            action();
            return;
        }

        lock (queues[index].Gate)
        {
            EnterAll(queues, index + 1, action);
        }
    }

    private sealed record SubmitFault(CommandRecorder? Target, Result Result);

    private sealed record LostDevice(nint Handle);
}

using System;
using System.Collections.Generic;
using System.Threading;
using Silk.NET.Vulkan;
using Tandem.Backends.Vulkan.Compute;
using Tandem.Backends.Vulkan.GpuDevice;
using Tandem.Devices;
using Tandem.Memory;
using Tandem.Scheduling;
using Event = Tandem.Scheduling.Event;

namespace Tandem.Runtime.Tests.Infrastructure;

/// <summary>
/// Makes chosen operations fail where real failures happen, through the seams the runtime's layers expose: a kernel
/// launch about to run on a CPU stream or be recorded on a GPU stream (<see cref="Scheduler.BeforeRun"/>), the result of
/// <c>vkQueueSubmit</c>, the device-lost results of submits and semaphore waits, and device or host memory allocation
/// against a limit (<see cref="VulkanContext.FaultHook"/>, <see cref="NativeMemoryAllocator.RefusesAllocation"/>). The
/// runtime then handles the failure with its ordinary error paths, which is what the fault-injection tests exercise.
/// </summary>
/// <remarks>
/// Rules are process-wide, so tests that arm them run one at a time (the test assembly disables parallel tests);
/// <see cref="Reset"/> disarms everything, including a simulated device loss.
/// </remarks>
internal static class FaultInjection
{
    private static volatile Func<Event, bool>? s_failLaunch;
    private static volatile Func<Event, bool>? s_loseDeviceAtLaunch;
    private static volatile SubmitFault? s_submitFault;
    private static volatile LostDevice? s_lostDevice;
    private static long s_memoryLimit = long.MaxValue;
    private static long s_injected;

    /// <summary>How many faults were injected since the process started (for soak figures).</summary>
    public static long FaultsInjected => Interlocked.Read(ref s_injected);

    /// <summary>Makes every launch for which <paramref name="which"/> returns true fail (on either device).</summary>
    public static void FailLaunches(Func<Event, bool> which)
    {
        ArgumentNullException.ThrowIfNull(which);
        s_failLaunch = which;
        Scheduler.BeforeRun = OnLaunch;
    }

    /// <summary>
    /// Loses the device (as <see cref="LoseDevice"/> does) right before the launch <paramref name="which"/> picks is
    /// recorded, and reports the loss as another GPU stream that saw it first would: the launch itself goes on and is
    /// recorded into a batch its stream can no longer submit — the race between a stream recording and another stream
    /// noticing the loss, made certain.
    /// </summary>
    public static void LoseDeviceAtLaunch(Func<Event, bool> which)
    {
        ArgumentNullException.ThrowIfNull(which);
        s_loseDeviceAtLaunch = which;
        Scheduler.BeforeRun = OnLaunch;
    }

    /// <summary>Makes the next <c>vkQueueSubmit</c> of <paramref name="target"/> (any recorder of the GPU when null) return <paramref name="result"/>.</summary>
    public static void FailNextSubmit(CommandRecorder? target, Result result)
    {
        s_submitFault = new SubmitFault(target, result);
        HookGpu();
    }

    /// <summary>
    /// Simulates the loss of <paramref name="context"/>'s device: from now on its submits, semaphore waits (those in
    /// progress too), signals and counter reads return <c>VK_ERROR_DEVICE_LOST</c>, as a lost device's do. Work
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
            s_lostDevice = new LostDevice(context);
            context.FaultHook = new VulkanFaults(context);
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
        NativeMemoryAllocator.RefusesAllocation = ExceedsMemoryLimit;
        HookGpu();
    }

    /// <summary>Disarms every rule. A simulated device loss is undone, for the device and for the GPU backend.</summary>
    public static void Reset()
    {
        LostDevice? lost = s_lostDevice;
        Scheduler.BeforeRun = null;
        NativeMemoryAllocator.RefusesAllocation = null;
        s_failLaunch = null;
        s_loseDeviceAtLaunch = null;
        s_submitFault = null;
        s_lostDevice = null;
        Interlocked.Exchange(ref s_memoryLimit, long.MaxValue);
        if (lost is not null)
        {
            lost.Context.FaultHook = null;
        }

        if (DeviceRegistry.Gpu is GpuBackend gpu)
        {
            gpu.Context.FaultHook = null;
            if (lost is not null)
            {
                gpu.Loss.ForgetSimulatedLoss();
            }
        }
    }

    private static void HookGpu()
    {
        if (DeviceRegistry.Gpu is GpuBackend gpu)
        {
            gpu.Context.FaultHook = new VulkanFaults(gpu.Context);
        }
    }

    private static void OnLaunch(Event op)
    {
        if (s_loseDeviceAtLaunch is { } lose && lose(op) && DeviceRegistry.Gpu is GpuBackend gpu)
        {
            s_loseDeviceAtLaunch = null;
            LoseDevice(gpu.Context);
            gpu.Loss.Report(new VulkanDeviceLostException("vkQueueSubmit"));
        }

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

    private static bool ExceedsMemoryLimit(long heldBytes, ulong requestedBytes)
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

    /// <summary>The rules as one context's Vulkan layer asks for them.</summary>
    private sealed class VulkanFaults(VulkanContext context) : IVulkanFaultHook
    {
        public bool IsDeviceLost => s_lostDevice?.Context == context;

        public Result? OnQueueSubmit(VulkanQueue queue, CommandRecorder? submitter)
        {
            if (IsDeviceLost)
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

        public bool RefusesAllocation(long heldBytes, ulong requestedBytes) => ExceedsMemoryLimit(heldBytes, requestedBytes);
    }

    private sealed record SubmitFault(CommandRecorder? Target, Result Result);

    private sealed record LostDevice(VulkanContext Context);
}

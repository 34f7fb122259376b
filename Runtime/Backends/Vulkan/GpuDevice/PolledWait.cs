using Tandem.Backends.Vulkan.Compute;
using Tandem.Scheduling;

namespace Tandem.Backends.Vulkan.GpuDevice;

/// <summary>The host's waits on a timeline semaphore: polled first, as every wait of the runtime is (<see cref="Spinning"/>).</summary>
internal static class PolledWait
{
    /// <summary>
    /// Waits until <paramref name="semaphore"/> reaches <paramref name="value"/>: polls its value for up to
    /// <see cref="Spinning.BeforeBlocking"/>, then blocks in <see cref="TimelineSemaphore.Wait"/>. A blocking wait in
    /// the NVIDIA driver wakes up late, which polling avoids for the waits that end within that time.
    /// </summary>
    /// <exception cref="VulkanDeviceLostException">The device was lost.</exception>
    public static void SpinThenWait(this TimelineSemaphore semaphore, ulong value)
    {
        if (!Spinning.Until((Semaphore: semaphore, Value: value), static wait => wait.Semaphore.Value >= wait.Value, Spinning.BeforeBlocking))
        {
            semaphore.Wait(value);
        }
    }
}

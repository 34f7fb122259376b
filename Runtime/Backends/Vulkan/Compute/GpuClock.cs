using System;
using System.Diagnostics;
using System.Globalization;
using Silk.NET.Vulkan;

namespace Tandem.Backends.Vulkan.Compute;

/// <summary>
/// Turns GPU timestamps (<see cref="TimestampQueries"/>) into host time: <see cref="Stopwatch"/> ticks, the clock
/// the rest of a trace uses. One pair of simultaneous readings of both clocks anchors the conversion; the device's
/// tick length scales it. The pair comes from calibrated timestamps (<c>VK_KHR/EXT_calibrated_timestamps</c>, sampling
/// the host's monotonic clock) where the device has them and that clock is the one <see cref="Stopwatch"/> reads;
/// else it is measured: a batch that only writes a timestamp is submitted and waited for, and the device's reading is
/// taken to lie halfway between submission and completion (the best of a few tries).
/// </summary>
/// <param name="DeviceTicks">The device clock at the anchor.</param>
/// <param name="HostTicks">The host clock at the anchor.</param>
/// <param name="NanosecondsPerTick">The device's timestamp period.</param>
/// <param name="ValidBits">How many low bits of a timestamp count (they wrap around above).</param>
/// <param name="Method">How the anchor was found, for the reader of a trace.</param>
/// <param name="UncertaintyNanoseconds">How far a converted time may be off.</param>
internal sealed record GpuClock(ulong DeviceTicks, long HostTicks, double NanosecondsPerTick, int ValidBits, string Method,
    double UncertaintyNanoseconds)
{
    private const int MeasuredTries = 5;

    /// <summary>The host tick at which the device's clock read <paramref name="deviceTicks"/>.</summary>
    public long ToHost(ulong deviceTicks)
    {
        ulong mask = ValidBits >= 64 ? ulong.MaxValue : (1UL << ValidBits) - 1;
        ulong forward = (deviceTicks - DeviceTicks) & mask;
        // Readings before the anchor wrap to huge forward distances: take the short way round.
        double delta = forward > mask / 2 ? -(double)((DeviceTicks - deviceTicks) & mask) : forward;
        return HostTicks + (long)Math.Round(delta * NanosecondsPerTick * Stopwatch.Frequency / 1e9);
    }

    /// <summary>The bits of a timestamp the compute queue writes; 0 when it writes none.</summary>
    public static unsafe int TimestampBits(VulkanContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        uint count = 0;
        context.Api.GetPhysicalDeviceQueueFamilyProperties(context.PhysicalDevice, &count, null);
        var families = new QueueFamilyProperties[count];
        fixed (QueueFamilyProperties* f = families)
        {
            context.Api.GetPhysicalDeviceQueueFamilyProperties(context.PhysicalDevice, &count, f);
        }

        return (int)families[context.Info.ComputeQueueFamily].TimestampValidBits;
    }

    /// <summary>Anchors the device's clock to the host's now.</summary>
    /// <exception cref="NotSupportedException">The compute queue writes no timestamps.</exception>
    public static GpuClock Calibrate(VulkanContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        int bits = TimestampBits(context);
        if (bits == 0)
        {
            throw new NotSupportedException($"The compute queue of '{context.Info.Name}' writes no timestamps.");
        }

        double period = context.Info.Limits.TimestampPeriodNanoseconds;
        GpuClock? calibrated = TryCalibrated(context, bits, period, out string whyNot);
        return calibrated ?? Measure(context, bits, period) with { Method = $"measured offset ({whyNot})" };
    }

    /// <summary>
    /// The anchor from calibrated timestamps, when the device samples the clock <see cref="Stopwatch"/> reads and the
    /// sample lies between two readings of <see cref="Stopwatch"/> taken around it (so it is that clock); else null.
    /// </summary>
    private static GpuClock? TryCalibrated(VulkanContext context, int bits, double period, out string whyNot)
    {
        if (context.CalibratedTimestamps is not { } functions)
        {
            whyNot = "the device has no calibrated timestamps";
            return null;
        }

        // Stopwatch reads CLOCK_MONOTONIC in nanoseconds on Linux, QueryPerformanceCounter on Windows.
        TimeDomainKHR host = OperatingSystem.IsWindows() ? TimeDomainKHR.QueryPerformanceCounterKhr : TimeDomainKHR.ClockMonotonicKhr;
        TimeDomainKHR[] domains = functions.Domains(context.PhysicalDevice);
        if (Array.IndexOf(domains, host) < 0 || Array.IndexOf(domains, TimeDomainKHR.DeviceKhr) < 0)
        {
            whyNot = $"calibrated timestamps sample {string.Join(", ", domains)}, not the device with {host}";
            return null;
        }

        long before = Stopwatch.GetTimestamp();
        (ulong device, ulong hostValue, ulong deviation) = functions.Sample(context.Device, host);
        long after = Stopwatch.GetTimestamp();
        long hostTicks = OperatingSystem.IsWindows() ? (long)hostValue : (long)Math.Round(hostValue * (Stopwatch.Frequency / 1e9));
        if (hostTicks < before || hostTicks > after)
        {
            whyNot = string.Create(CultureInfo.InvariantCulture, $"the calibrated {host} reading {hostTicks} lies outside the Stopwatch readings {before}..{after} around it");
            return null;
        }

        whyNot = string.Empty;
        return new GpuClock(device, hostTicks, period, bits, "calibrated timestamps (" + (host == TimeDomainKHR.ClockMonotonicKhr ? "CLOCK_MONOTONIC" : "QueryPerformanceCounter") + ")",
            deviation);
    }

    /// <summary>The anchor measured by submitting a batch that only writes a timestamp.</summary>
    private static GpuClock Measure(VulkanContext context, int bits, double period)
    {
        using var queries = new TimestampQueries(context, 1);
        using CommandRecorder recorder = context.CreateRecorder();
        GpuClock? best = null;
        Span<ulong> ticks = stackalloc ulong[1];
        for (int i = 0; i < MeasuredTries; i++)
        {
            recorder.ResetQueries(queries);
            recorder.WriteTimestamp(queries, 0, afterWork: false);
            long submitted = Stopwatch.GetTimestamp();
            ulong value = recorder.Submit(recorder.SubmittedValue + 1);
            recorder.Wait(value);
            long completed = Stopwatch.GetTimestamp();
            queries.Read(ticks);
            double halfNanoseconds = (completed - submitted) * 1e9 / Stopwatch.Frequency / 2;
            if (best is null || halfNanoseconds < best.UncertaintyNanoseconds)
            {
                best = new GpuClock(ticks[0], submitted + (completed - submitted) / 2, period, bits, "measured offset", halfNanoseconds);
            }
        }

        return best!;
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Method}, ±{UncertaintyNanoseconds / 1000:0.###} µs");
}

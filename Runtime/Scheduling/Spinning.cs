using System;
using System.Diagnostics;
using System.Threading;

namespace Tandem.Scheduling;

/// <summary>
/// How long the runtime's threads poll before they block, for every wait between a host thread, a stream's worker and
/// a device. Waking a blocked thread costs a system call on the waking side and a trip through the OS scheduler on
/// the woken one: microseconds on bare metal, tens of microseconds on the virtual machines GPUs are rented as
/// (docs/PERFORMANCE.md), which a chain of tiny ops or a short op waited for would pay each time. Polling yields the
/// core to any other thread that wants it.
/// </summary>
internal static class Spinning
{
    /// <summary>
    /// <c>TANDEM_WAIT_POLICY=passive</c>: every wait blocks at once, without polling (for machines where a core is
    /// worth more than the latency, as OpenMP's <c>OMP_WAIT_POLICY</c>); <c>active</c> or unset: the polls below.
    /// </summary>
    public const string PolicyVariable = "TANDEM_WAIT_POLICY";

    private static readonly bool s_passive = Environment.GetEnvironmentVariable(PolicyVariable) == "passive";

    /// <summary>
    /// How long an idle stream worker polls for its next op, and a host thread for a worker's hand-off (the submit of
    /// the op it waits for): the next op of a chain, or the submit, comes within microseconds.
    /// </summary>
    public static readonly TimeSpan HandOff = s_passive ? TimeSpan.Zero : TimeSpan.FromMicroseconds(50);

    /// <summary>
    /// How long a thread waiting for an op to finish polls before it sleeps. A blocking wait in the NVIDIA driver wakes
    /// up late (1–3 ms after a 1 ms kernel; 30–100 µs after a 4-byte download on the H100/H200 hosts), which dominates
    /// GPU work and copies of up to a few milliseconds, and a sleeping host thread woken by a CPU stream pays the OS's
    /// wake-up; CUDA also spins by default. Past 50 ms that lateness costs a few percent, and the thread sleeps.
    /// </summary>
    public static readonly TimeSpan BeforeBlocking = s_passive ? TimeSpan.Zero : TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Polls <paramref name="condition"/> until it holds or <paramref name="limit"/> passed; returns whether it holds.
    /// </summary>
    public static bool Until<TState>(TState state, Func<TState, bool> condition, TimeSpan limit)
    {
        long start = Stopwatch.GetTimestamp();
        SpinWait spinner = default;
        while (!condition(state))
        {
            if (Stopwatch.GetElapsedTime(start) > limit)
            {
                return false;
            }

            spinner.SpinOnce(sleep1Threshold: -1);
        }

        return true;
    }
}

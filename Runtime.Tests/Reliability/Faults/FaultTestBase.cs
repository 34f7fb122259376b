using System;
using System.Linq;
using Tandem.Runtime.Tests.Backends.Vulkan.GpuDevice;
using Tandem.Runtime.Tests.Infrastructure;

namespace Tandem.Runtime.Tests.Reliability.Faults;

/// <summary>
/// Base of the fault-injection tests: every rule is disarmed after each test (pass or fail), and, as for every GPU
/// test, the Vulkan validation layer must have reported nothing.
/// </summary>
public abstract class FaultTestBase : GpuTestBase
{
    /// <summary>Elements per array: more than one SIMD vector and one GPU thread group, small enough to read fast.</summary>
    protected const int N = 1000;

    /// <summary>What arrays that must stay untouched hold: a kernel that ran where it must not shows as another value.</summary>
    protected const int Sentinel = -777;

    /// <summary>Generous: a scenario takes about a second on llvmpipe, but CI machines may be loaded.</summary>
    private static readonly TimeSpan ScenarioLimit = TimeSpan.FromSeconds(120);

    protected FaultTestBase() => FaultInjection.Reset();

    protected static bool HasGpu => TestDevices.GpuRequired || Mx.IsGpuAvailable;

    protected static int[] Iota(int length) => Enumerable.Range(0, length).ToArray();

    protected static Array<int> Sentinels() => Mx.Array(Enumerable.Repeat(Sentinel, N).ToArray());

    /// <summary>Makes the next launch on <paramref name="stream"/> fail, whatever its kernel.</summary>
    internal static void FailNextLaunchOn(DeviceStream stream)
    {
        ulong next = stream.Executor.LastSubmitted + 1;
        FaultInjection.FailLaunches(op => op.Stream == stream && op.Value == next);
    }

    /// <summary>
    /// The bytes in memory, bypassing the check that makes <see cref="Array{T}.ToArray"/> throw for an array whose
    /// writer failed: how a test sees that a kernel which had to be skipped did not write. Call once nothing writes it.
    /// </summary>
    internal static int[] RawContents(Array<int> array)
    {
        array.Buffer.PrepareHostAccess(write: false);
        return array.HostSpan().ToArray();
    }

    /// <summary>Runs the kernels the tests use on every device once, so first-use work (shaders, default streams) is
    /// done before a baseline is taken.</summary>
    protected static void WarmUp()
    {
        using Array<int> source = Mx.Array(Iota(N));
        using Array<int> destination = Mx.Array(new int[N]);
        foreach (Device device in HasGpu ? new[] { Mx.Cpu, Mx.Gpu } : new[] { Mx.Cpu })
        {
            ReliabilityKernels.CopyInts(N, source, destination, device);
            ReliabilityKernels.MultiplyAddInPlace(N, 1, source, destination, device);
            using Array<int> sum = Mx.Add(source, destination, device);
            Mx.DefaultStream(device).Synchronize();
        }

        if (HasGpu)
        {
            using Array<float> x = Mx.Zeros<float>([N]);
            using Array<float> y = Mx.Zeros<float>([N]);
            GpuTestKernels.SlowIncrementCopy(N, 1, x, y, Mx.Gpu);
            Mx.DefaultStream(Mx.Gpu).Synchronize();
        }
    }

    /// <summary>
    /// Runs a fault scenario under a deadline (a hang fails the test instead of stalling the run): first-use work, the
    /// baseline, the scenario, the rules disarmed, then the check that the stream threads and the memory of arrays are
    /// back where they were and no failure is left unreported.
    /// </summary>
    protected static void RunScenario(Action scenario)
    {
        Bounded.Run(() =>
        {
            WarmUp();
            RuntimeBaseline baseline = RuntimeBaseline.Capture();
            try
            {
                scenario();
            }
            finally
            {
                FaultInjection.Reset();
            }

            baseline.AssertRestored();
        }, ScenarioLimit);
    }

    protected override void AfterTest() => FaultInjection.Reset();
}

using System;
using System.Linq;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Reliability.Faults;

/// <summary>
/// The error semantics (docs/ARCHITECTURE.md) when a kernel launch fails on either device (the fault is injected where
/// a CPU body would throw or a GPU dispatch fails to record): the failure names the kernel at the next synchronization
/// that depends on it, dependents on any stream fail without running, independent work runs, nothing hangs, and
/// afterwards every stream works, no stream thread is left over and the memory of arrays is back where it was.
/// </summary>
public sealed class LaunchFaultTests : FaultTestBase
{
    public static TheoryData<string> Devices => TestDevices.All();

    [Theory]
    [MemberData(nameof(Devices))]
    public void A_failed_launch_names_its_kernel_fails_its_dependents_and_spares_independent_work(string device)
    {
        RunScenario(() =>
        {
            Device other = device == "gpu" || !HasGpu ? Mx.Cpu : Mx.Gpu;
            using DeviceStream faulty = Mx.NewStream(TestDevices.Resolve(device));
            using DeviceStream otherDevice = Mx.NewStream(other);
            using DeviceStream third = Mx.NewStream(Mx.Cpu);
            using Array<int> input = Mx.Array(Iota(N));
            using Array<int> failedOutput = Sentinels();
            using Array<int> sameStreamDependent = Sentinels();
            using Array<int> otherStreamDependent = Sentinels();
            using Array<int> secondHop = Sentinels();
            using Array<int> sameStreamIndependent = Mx.Array(Iota(N));
            using Array<int> chain = Mx.Array(Iota(N));

            long faultsBefore = FaultInjection.FaultsInjected;
            FailNextLaunchOn(faulty);
            ReliabilityKernels.CopyInts(N, input, failedOutput, faulty);
            ReliabilityKernels.MultiplyAddInPlace(N, 2, failedOutput, sameStreamDependent, faulty);
            ReliabilityKernels.MultiplyAddInPlace(N, 3, failedOutput, otherStreamDependent, otherDevice);
            ReliabilityKernels.CopyInts(N, otherStreamDependent, secondHop, third);
            ReliabilityKernels.MultiplyAddInPlace(N, 5, input, sameStreamIndependent, faulty);
            for (int step = 0; step < 10; step++)
            {
                // Independent work, hopping between the other streams (so across devices where there is a GPU).
                ReliabilityKernels.MultiplyAddInPlace(N, 1, input, chain, step % 2 == 0 ? otherDevice : third);
            }

            var failure = Assert.Throws<KernelExecutionException>(faulty.Synchronize);
            Assert.Equal("ReliabilityKernels.CopyInts", failure.KernelName);
            Assert.Contains($"Kernel 'ReliabilityKernels.CopyInts' failed on {faulty.Device.Type.ToString().ToLowerInvariant()} stream", failure.Message, StringComparison.Ordinal);
            Assert.IsType<InjectedFaultException>(failure.InnerException);

            foreach (Array<int> dependent in new[] { sameStreamDependent, otherStreamDependent, secondHop })
            {
                var skipped = Assert.Throws<KernelExecutionException>(() => dependent.ToArray());
                Assert.Equal("ReliabilityKernels.CopyInts", skipped.OriginalKernelName);
                Assert.Contains("did not run", skipped.Message, StringComparison.Ordinal);
                Assert.All(RawContents(dependent), value => Assert.Equal(Sentinel, value)); // it did not run
            }

            Assert.All(RawContents(failedOutput), value => Assert.Equal(Sentinel, value));
            Assert.Equal(Iota(N).Select(i => (i * 5) + i).ToArray(), sameStreamIndependent.ToArray());
            Assert.Equal(Iota(N).Select(i => i + (10 * i)).ToArray(), chain.ToArray());

            // Each failure was thrown once already, and one fault was injected. The streams run new work correctly (an
            // array a failed kernel wrote stays failed for kernels that read or update it: new work uses new arrays).
            Mx.Synchronize();
            Assert.Equal(faultsBefore + 1, FaultInjection.FaultsInjected);
            using Array<int> fresh = Mx.Array(new int[N]);
            ReliabilityKernels.CopyInts(N, input, fresh, faulty);
            ReliabilityKernels.MultiplyAddInPlace(N, 2, fresh, chain, otherDevice);
            Assert.Equal(Iota(N), fresh.ToArray());
            Assert.Equal(Iota(N).Select(i => (11 * i * 2) + i).ToArray(), chain.ToArray());
        });
    }
}

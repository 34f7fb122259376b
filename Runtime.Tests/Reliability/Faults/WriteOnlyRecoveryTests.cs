using System;
using System.Linq;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Reliability.Faults;

/// <summary>
/// A kernel that only writes an array does not depend on the data of that array's earlier writer: after that writer
/// failed, it runs (on any stream), the array holds its output again, and the earlier failure is still reported once,
/// at the next synchronization of its stream. A kernel that reads the array does not run, and its message names the
/// parameter it reads the array as and the kernel that last wrote it.
/// </summary>
public sealed class WriteOnlyRecoveryTests : FaultTestBase
{
    public static TheoryData<string, string> DevicePairs() => TestDevices.Pairs();

    [Theory]
    [MemberData(nameof(DevicePairs))]
    public void A_kernel_that_only_writes_an_array_whose_writer_failed_runs_and_the_failure_is_reported_once(string failing, string recovering)
    {
        RunScenario(() =>
        {
            using DeviceStream faulty = Mx.NewStream(TestDevices.Resolve(failing));
            using DeviceStream repair = Mx.NewStream(TestDevices.Resolve(recovering));
            using Array<int> input = Mx.Array(Iota(N));
            using Array<int> y = Sentinels();

            FailNextLaunchOn(faulty);
            ReliabilityKernels.MultiplyAddInPlace(N, 2, input, y, faulty);    // fails: y's last writer failed
            ReliabilityKernels.CopyInts(N, input, y, repair);                  // only writes y: runs anyway

            Assert.Equal(Iota(N), y.ToArray());
            var failure = Assert.Throws<KernelExecutionException>(faulty.Synchronize);
            Assert.Equal("ReliabilityKernels.MultiplyAddInPlace", failure.KernelName);
            faulty.Synchronize(); // reported once
            Mx.Synchronize();

            // The repaired array is an input like any other again.
            ReliabilityKernels.MultiplyAddInPlace(N, 3, input, y, repair);
            Assert.Equal(Iota(N).Select(i => (i * 3) + i).ToArray(), y.ToArray());
        });
    }

    [Theory]
    [MemberData(nameof(DevicePairs))]
    public void A_kernel_that_reads_an_array_whose_writer_failed_names_the_parameter_and_the_writer(string failing, string reading)
    {
        RunScenario(() =>
        {
            using DeviceStream faulty = Mx.NewStream(TestDevices.Resolve(failing));
            using DeviceStream reader = Mx.NewStream(TestDevices.Resolve(reading));
            using Array<int> input = Mx.Array(Iota(N));
            using Array<int> y = Sentinels();
            using Array<int> copy = Sentinels();

            FailNextLaunchOn(faulty);
            ReliabilityKernels.MultiplyAddInPlace(N, 2, input, y, faulty);
            ReliabilityKernels.CopyInts(N, y, copy, reader);

            var skipped = Assert.Throws<KernelExecutionException>(() => copy.ToArray());
            Assert.Equal("ReliabilityKernels.CopyInts", skipped.KernelName);
            Assert.Equal("ReliabilityKernels.MultiplyAddInPlace", skipped.OriginalKernelName);
            Assert.Contains("reads as 'source'", skipped.Message, StringComparison.Ordinal);
            Assert.Contains($"last written by kernel 'ReliabilityKernels.MultiplyAddInPlace' on {faulty.Device.ShortName} stream {faulty.Index}",
                skipped.Message, StringComparison.Ordinal);
            Assert.All(RawContents(copy), value => Assert.Equal(Sentinel, value));
            Mx.Synchronize(); // the read above reported the failure and the one it follows from
        });
    }
}

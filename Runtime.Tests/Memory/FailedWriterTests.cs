using System;
using System.Linq;
using Tandem.Runtime.Tests.Infrastructure;
using Tandem.Runtime.Tests.Reliability;
using Tandem.Runtime.Tests.Reliability.Faults;
using Xunit;

namespace Tandem.Runtime.Tests.Memory;

/// <summary>
/// An op's new output is neither cleared nor copied, because the op writes all of it. When that op fails instead, the
/// output must not show whatever its memory held before: a later kernel that only writes part of it runs (it does not
/// depend on the failed data), and the rest then reads as zeros, as for any new array.
/// </summary>
public sealed class FailedWriterTests : FaultTestBase
{
    public static TheoryData<string> Devices => TestDevices.All();

    [Theory]
    [MemberData(nameof(Devices))]
    public void A_new_output_whose_op_failed_reads_as_zeros_where_a_later_kernel_did_not_write(string device)
    {
        RunScenario(() =>
        {
            using DeviceStream stream = Mx.NewStream(TestDevices.Resolve(device));

            // Memory holding other values, freed to the cache the output's memory comes from.
            Mx.Full([N], 99, stream).Dispose();
            stream.Synchronize();

            using Array<int> source = Mx.Array(Iota(N));
            using Array<int> part = Mx.Array(Iota(N)); // of the size the warm-up used: no new slab of small arrays
            FailNextLaunchOn(stream);
            using Array<int> output = Mx.Add(source, 1, stream);
            ReliabilityKernels.CopyInts(10, part, output, stream); // only writes: runs after the failure
            Assert.Throws<KernelExecutionException>(stream.Synchronize);

            int[] values = output.ToArray();
            Assert.Equal(Iota(10), values.Take(10));
            Assert.All(values.Skip(10), value => Assert.Equal(0, value));
        });
    }
}

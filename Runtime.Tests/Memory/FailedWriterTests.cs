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

    public static TheoryData<string, string> DevicePairs => TestDevices.Pairs();

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

    /// <summary>
    /// The same for an op that does not run because an input's writer (on any stream) failed: its new output, and an
    /// array of zeros it was the first to write, hold what they were made with — not the bytes of the memory they got.
    /// </summary>
    [Theory]
    [MemberData(nameof(DevicePairs))]
    public void Outputs_of_an_op_skipped_for_a_failed_input_read_as_zeros_where_a_later_kernel_did_not_write(string failing, string reading)
    {
        RunScenario(() =>
        {
            using DeviceStream faulty = Mx.NewStream(TestDevices.Resolve(failing));
            using DeviceStream reader = Mx.NewStream(TestDevices.Resolve(reading));
            using Array<int> input = Mx.Array(Iota(N));
            using Array<int> part = Mx.Array(Iota(N));
            using Array<int> y = Sentinels();
            using Array<int> zeros = Mx.Zeros<int>([N]);

            // Memory holding other values, freed last to the cache the outputs' memory comes from.
            Array<int>[] garbage = [.. Enumerable.Range(0, 4).Select(_ => Mx.Full([N], 99, reader))];
            reader.Synchronize();
            foreach (Array<int> array in garbage)
            {
                array.Dispose();
            }

            FailNextLaunchOn(faulty);
            ReliabilityKernels.MultiplyAddInPlace(N, 2, input, y, faulty);
            using Array<int> fresh = Mx.Add(y, 1, reader);           // reads y: does not run
            ReliabilityKernels.CopyInts(N, y, zeros, reader);          // reads y: does not run
            ReliabilityKernels.CopyInts(10, part, fresh, reader);      // only writes: runs
            ReliabilityKernels.CopyInts(10, part, zeros, reader);

            foreach (Array<int> output in new[] { fresh, zeros })
            {
                int[] values = output.ToArray();
                Assert.Equal(Iota(10), values.Take(10));
                Assert.All(values.Skip(10), value => Assert.Equal(0, value));
            }

            Assert.Throws<KernelExecutionException>(faulty.Synchronize);
            Assert.Throws<KernelExecutionException>(reader.Synchronize);
        });
    }
}

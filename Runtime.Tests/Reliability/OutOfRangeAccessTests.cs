using System;
using System.Linq;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Reliability;

/// <summary>
/// Out-of-range access through every path a kernel offers: an extent larger than an array indexed by the thread index
/// is refused at the call; an index computed inside the kernel fails the kernel on the CPU (bounds-checked spans, and a
/// SIMD loop that runs only after the bounds are proven) and is contained by robust buffer access on the GPU: reads
/// out of range give 0, writes out of range are dropped, and everything in range is computed. An index whose byte
/// offset (index times 4) overflows 32 bits is the exception: llvmpipe wraps it around, into the array (index mod 2^30),
/// so only containment is checked there. Either way, the memory right beside the attacked arrays (<see cref="Canary"/>:
/// the same buffer) keeps its contents.
/// </summary>
public sealed class OutOfRangeAccessTests
{
    public static TheoryData<string> Devices() => TestDevices.All();

    [Theory]
    [MemberData(nameof(Devices))]
    public void An_extent_larger_than_an_array_indexed_by_the_thread_index_throws_at_the_call(string device)
    {
        DeviceStream stream = Mx.NewStream(TestDevices.Resolve(device));
        using Array<int> shortX = Mx.Array(new int[4]);
        using Array<int> y = Mx.Array(new int[5]);

        var tooLong = Assert.Throws<ArgumentException>(() => ReliabilityKernels.MultiplyAddInPlace(5, 2, shortX, y, stream));
        Assert.Contains("MultiplyAddInPlace", tooLong.Message, StringComparison.Ordinal);
        Assert.Equal("x", tooLong.ParamName);
        Assert.Throws<ArgumentException>(() => ReliabilityKernels.CopyInts(6, y, y, stream));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReliabilityKernels.CopyInts(-1, y, y, stream));

        // Nothing was queued: the arrays are untouched and the stream is clean.
        stream.Synchronize();
        Assert.Equal(new int[5], y.ToArray());
    }

    /// <summary>Offsets that put some threads' reads before the start or past the end, or wrap the index around.</summary>
    public static TheoryData<string, int, int> ReadOffsets()
    {
        var data = new TheoryData<string, int, int>();
        foreach (string device in TestDevices.Names())
        {
            data.Add(device, -1, 64);                  // thread 0 reads element -1
            data.Add(device, 3, 64);                   // the last three threads read past the end (inside a SIMD vector)
            data.Add(device, 1, 100_003);              // a launch split across cores; the last chunk reads past the end
            data.Add(device, int.MaxValue, 64);        // i + offset overflows to a negative index
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ReadOffsets))]
    public void A_read_at_an_index_computed_in_the_kernel_never_leaves_the_buffer(string device, int offset, int length)
    {
        Bounded.Run(() =>
        {
            DeviceStream stream = Mx.NewStream(TestDevices.Resolve(device));
            int[] values = Enumerable.Range(1, length).ToArray();
            using var source = new Canary(values);
            using var destination = new Canary(Enumerable.Repeat(5, length).ToArray());

            ReliabilityKernels.ReadShifted(length, offset, source.Attacked, destination.Attacked, stream);
            if (ExpectContainedFailure(device, "ReadShifted", stream) && !ByteOffsetOverflows(length, offset))
            {
                // Robust buffer access 2: a read out of range gives 0, never a neighbour's value.
                var expected = Enumerable.Range(0, length).Select(i => unchecked(i + offset) is int at && at >= 0 && at < length ? values[at] : 0);
                Assert.Equal(expected, destination.Attacked.ToArray());
            }

            source.AssertIntact();
            destination.AssertIntact();
            AssertStreamStillWorks(stream);
        });
    }

    public static TheoryData<string, int> WriteOffsets()
    {
        var data = new TheoryData<string, int>();
        foreach (string device in TestDevices.Names())
        {
            data.Add(device, -1);
            data.Add(device, -4096);         // a whole canary's length back
            data.Add(device, 1);
            data.Add(device, 4096);
            data.Add(device, int.MinValue);  // i + offset stays far negative for every thread
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(WriteOffsets))]
    public void A_write_at_an_index_computed_in_the_kernel_never_leaves_the_buffer(string device, int offset)
    {
        Bounded.Run(() =>
        {
            DeviceStream stream = Mx.NewStream(TestDevices.Resolve(device));
            using var destination = new Canary(new int[64]);

            ReliabilityKernels.WriteShifted(64, offset, -1, destination.Attacked, stream);
            if (ExpectContainedFailure(device, "WriteShifted", stream) && !ByteOffsetOverflows(64, offset))
            {
                // The writes in range land; the others are dropped.
                var written = Enumerable.Range(0, 64).Select(i => unchecked(i + offset)).Where(at => at is >= 0 and < 64).ToHashSet();
                Assert.Equal(Enumerable.Range(0, 64).Select(at => written.Contains(at) ? -1 : 0), destination.Attacked.ToArray());
            }

            destination.AssertIntact();
            AssertStreamStillWorks(stream);
        });
    }

    [Theory]
    [MemberData(nameof(Devices))]
    public void A_write_at_an_overflowing_product_index_never_leaves_the_buffer(string device)
    {
        Bounded.Run(() =>
        {
            DeviceStream stream = Mx.NewStream(TestDevices.Resolve(device));
            using var destination = new Canary(new int[64]);

            // 1 << 30 times 2 and 3 wraps to int.MinValue and -1 << 30: far before the buffer.
            ReliabilityKernels.WriteStrided(64, 1 << 30, destination.Attacked, stream);
            ExpectContainedFailure(device, "WriteStrided", stream);
            destination.AssertIntact();
        });
    }

    [Theory]
    [MemberData(nameof(Devices))]
    public void A_group_shared_write_out_of_range_never_reaches_another_shared_array(string device)
    {
        foreach (int offset in new[] { 0, -1, 16, int.MinValue })
        {
            Bounded.Run(() =>
            {
                DeviceStream stream = Mx.NewStream(TestDevices.Resolve(device));
                using Array<int> output = Mx.Full([64], 5, Mx.Cpu);
                ReliabilityKernels.SharedWriteShifted(64, offset, output, stream);
                ExpectContainedFailure(device, "SharedWriteShifted", stream);
                if (device != "cpu")
                {
                    int[] values = output.ToArray();
                    Assert.All(values[..16], value => Assert.Equal(7, value));
                    Assert.All(values[16..], value => Assert.Equal(5, value));
                }

                AssertStreamStillWorks(stream);
            });
        }
    }

    [Fact]
    public void The_canary_sees_a_write_just_outside_the_attacked_array()
    {
        foreach (int offset in new[] { -1, 64, -Canary.Length, 63 + Canary.Length })
        {
            using var guarded = new Canary(new int[64]);
            using Array<int> beside = guarded.Beside(offset, 1);
            ReliabilityKernels.WriteShifted(1, 0, -1, beside, Mx.Cpu);
            Assert.ThrowsAny<Xunit.Sdk.XunitException>(guarded.AssertIntact);
        }
    }

    /// <summary>Whether some thread i &lt; <paramref name="threads"/> indexes i + offset at a byte offset beyond 32 bits.</summary>
    private static bool ByteOffsetOverflows(int threads, int offset) =>
        Enumerable.Range(0, threads).Any(i => (long)unchecked(i + offset) * sizeof(int) is < int.MinValue or > int.MaxValue
            || (long)i + offset is < int.MinValue or > int.MaxValue);

    /// <summary>
    /// CPU: the kernel fails, named; GPU: robust buffer access lets the launch complete. Returns whether it completed
    /// (then its results are defined and checked).
    /// </summary>
    private static bool ExpectContainedFailure(string device, string kernel, DeviceStream stream)
    {
        if (device == "cpu")
        {
            var failure = Assert.Throws<KernelExecutionException>(stream.Synchronize);
            Assert.Contains(kernel, failure.KernelName, StringComparison.Ordinal);
            Assert.IsType<IndexOutOfRangeException>(failure.InnerException);
            return false;
        }

        stream.Synchronize();
        return true;
    }

    private static void AssertStreamStillWorks(DeviceStream stream)
    {
        using Array<int> x = Mx.Array(new[] { 1, 2, 3 });
        using Array<int> y = Mx.Array(new[] { 10, 20, 30 });
        ReliabilityKernels.MultiplyAddInPlace(3, 2, x, y, stream);
        Assert.Equal(new[] { 21, 42, 63 }, y.ToArray());
    }
}

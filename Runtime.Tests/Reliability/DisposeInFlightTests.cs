using System;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Reliability;

/// <summary>
/// Arrays disposed, or dropped and finalized, while queued work on several streams still reads them: the memory must
/// stay until the last reader finished, so the readers' results are right even though the allocator reuses freed
/// memory at once. Each test shows the reuse it guards against: an array made while the readers wait does not get the
/// memory, and once they are done the next array of that size does.
/// </summary>
public sealed class DisposeInFlightTests
{
    [Fact]
    public void Disposing_an_array_that_queued_readers_on_several_streams_still_read_is_safe()
    {
        Bounded.Run(() =>
        {
            DeviceStream gated = Mx.NewStream(Mx.Cpu);
            DeviceStream other = StreamPool.Streams[^1];
            using var release = new ManualResetEventSlim();
            using Array<float> gate = Mx.Array(new float[1]);
            TestOps.Run("Reliability.Gate", gate, () => release.Wait(TimeSpan.FromSeconds(10)), gated);

            // 1024 ints: large enough for the host allocator's cache of freed memory (smaller blocks go back to the
            // system allocator, which need not hand them out again).
            const int Length = 1024;
            int[] values = Enumerable.Range(1, Length).ToArray();
            Array<int> source = Mx.Array(values);
            using Array<int> first = Mx.Zeros<int>([Length], Mx.Cpu);
            using Array<int> second = Mx.Zeros<int>([Length], Mx.Cpu);
            // The first reader waits behind the gate; the second waits for the first through 'first' (RAW).
            ReliabilityKernels.CopyInts(Length, source, first, gated);
            ReliabilityKernels.MultiplyAddInPlace(Length, 10, source, first, other);
            ReliabilityKernels.CopyInts(Length, source, second, other);
            nint memory = source.Buffer.HostPointer;
            source.Dispose();

            // Freed memory would be handed out again here and overwritten.
            using Array<int> reuse = Mx.Full([Length], -7, Mx.Cpu);
            Assert.NotEqual(memory, reuse.Buffer.HostPointer);
            release.Set();

            Assert.Equal(values.Select(v => v * 11), first.ToArray());
            Assert.Equal(values, second.ToArray());
            Assert.All(reuse.ToArray(), v => Assert.Equal(-7, v));
            AssertReusedOnceFree(memory, Length);
        });
    }

    [Fact]
    public void Dropping_an_array_without_disposing_it_while_work_reads_it_is_safe()
    {
        Bounded.Run(() =>
        {
            DeviceStream stream = Mx.NewStream(Mx.Cpu);
            using var release = new ManualResetEventSlim();
            using Array<float> gate = Mx.Array(new float[1]);
            using Array<int> result = Mx.Zeros<int>([1000], Mx.Cpu);
            TestOps.Run("Reliability.Gate", gate, () => release.Wait(TimeSpan.FromSeconds(10)), stream);
            nint memory = QueueReadOfAnUnreferencedArray(result, stream);

            // Whatever the collector finalizes now must not free memory the queued copy still reads.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            using Array<int> reuse = Mx.Full([1000], -7, Mx.Cpu);
            Assert.NotEqual(memory, reuse.Buffer.HostPointer);
            release.Set();

            int[] values = result.ToArray();
            for (int i = 0; i < values.Length; i++)
            {
                Assert.Equal(i, values[i]);
            }

            // The collector finalized the dropped array (nothing else holds it): its memory comes back.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            AssertReusedOnceFree(memory, 1000);
        });
    }

    /// <summary>
    /// The memory at <paramref name="memory"/> goes to a new array of <paramref name="length"/> ints soon after its last
    /// reader finished (the release runs when the stream retires the reader): so an array made while the readers
    /// waited would have got it, had it been freed then.
    /// </summary>
    private static void AssertReusedOnceFree(nint memory, int length)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            using Array<int> probe = Mx.Full([length], 0, Mx.Cpu); // takes its memory at the call
            if (probe.Buffer.HostPointer == memory)
            {
                return;
            }

            Thread.Sleep(1);
        }

        Assert.Fail("The freed memory never went to a new array of its size: this test no longer sees the reuse it guards against.");
    }

    /// <returns>The memory the unreferenced array occupies.</returns>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static nint QueueReadOfAnUnreferencedArray(Array<int> result, DeviceStream stream)
    {
        int[] data = new int[1000];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = i;
        }

        Array<int> source = Mx.Array(data);
        ReliabilityKernels.CopyInts(1000, source, result, stream);
        return source.Buffer.HostPointer;
    }
}

using System;
using System.Runtime.CompilerServices;
using System.Threading;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Reliability;

/// <summary>
/// Arrays disposed, or dropped and finalized, while queued work on several streams still reads them: the memory must
/// stay until the last reader finished, so the readers' results are right even though the allocator reuses freed
/// memory at once.
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

            Array<int> source = Mx.Array(new[] { 1, 2, 3, 4 });
            using Array<int> first = Mx.Zeros<int>([4], Mx.Cpu);
            using Array<int> second = Mx.Zeros<int>([4], Mx.Cpu);
            // The first reader waits behind the gate; the second waits for the first through 'first' (RAW).
            ReliabilityKernels.CopyInts(4, source, first, gated);
            ReliabilityKernels.MultiplyAddInPlace(4, 10, source, first, other);
            ReliabilityKernels.CopyInts(4, source, second, other);
            source.Dispose();

            // Freed memory would be handed out again here and overwritten.
            using Array<int> reuse = Mx.Full([4], -7, Mx.Cpu);
            release.Set();

            Assert.Equal(new[] { 11, 22, 33, 44 }, first.ToArray());
            Assert.Equal(new[] { 1, 2, 3, 4 }, second.ToArray());
            Assert.Equal(new[] { -7, -7, -7, -7 }, reuse.ToArray());
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
            QueueReadOfAnUnreferencedArray(result, stream);

            // Whatever the collector finalizes now must not free memory the queued copy still reads.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            using Array<int> reuse = Mx.Full([1000], -7, Mx.Cpu);
            release.Set();

            int[] values = result.ToArray();
            for (int i = 0; i < values.Length; i++)
            {
                Assert.Equal(i, values[i]);
            }
        });
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void QueueReadOfAnUnreferencedArray(Array<int> result, DeviceStream stream)
    {
        int[] data = new int[1000];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = i;
        }

        ReliabilityKernels.CopyInts(1000, Mx.Array(data), result, stream);
    }
}

using System;
using Tandem.Runtime.Tests.Infrastructure;
using Tandem.Runtime.Tests.Kernels;
using Xunit;
using Xunit.Abstractions;

namespace Tandem.Runtime.Tests.Scheduling;

/// <summary>
/// What the issuing thread allocates per op on a CPU stream: the part of the per-op cost that does not move with the
/// machine's load (time does), so a change that puts a list, a closure or a copy back on the launch path fails here.
/// The bounds hold in Debug and Release builds (a Debug build allocates the same objects; Release may stack-allocate a
/// few of them).
/// </summary>
public sealed class PerOpAllocationTests(ITestOutputHelper output)
{
    private const int Ops = 1000;

    /// <summary>
    /// A <c>[Kernel]</c> launch (480 bytes on 2026-12-05): the launcher's array and CPU body closure, the launch, its
    /// buffer uses, its completion and the queued op.
    /// </summary>
    private const int KernelLaunchBytes = 560;

    /// <summary>The same plus the new result array (its layout and buffer): 848 bytes on 2026-12-05.</summary>
    private const int ExpBytes = 960;

    [Fact]
    public void A_kernel_launch_on_a_cpu_stream_allocates_a_bounded_few_objects()
    {
        Bounded.Run(() =>
        {
            using DeviceStream stream = Mx.NewStream(Mx.Cpu);
            using Array<float> x = Mx.Array(new float[] { 1, 2, 3, 4 });
            using Array<float> y = Mx.Array(new float[4]);

            double bytes = BytesPerOp(() => ElementwiseKernels.Saxpy(4, 1f, x, y, stream), stream);

            output.WriteLine($"{bytes:F0} bytes per launch");
            Assert.Equal(new float[] { 2000, 4000, 6000, 8000 }, y.ToArray());
            Assert.True(bytes <= KernelLaunchBytes, $"A [Kernel] launch on a CPU stream allocated {bytes:F0} bytes on the issuing thread; the bound is {KernelLaunchBytes}.");
        });
    }

    [Fact]
    public void An_op_with_a_new_result_on_a_cpu_stream_allocates_a_bounded_few_objects()
    {
        Bounded.Run(() =>
        {
            using DeviceStream stream = Mx.NewStream(Mx.Cpu);
            using Array<float> x = Mx.Array(new float[] { 0.5f });

            double bytes = BytesPerOp(() => Mx.Exp(x, stream).Dispose(), stream);

            output.WriteLine($"{bytes:F0} bytes per op");
            using Array<float> last = Mx.Exp(x, stream);
            Numerics.AssertUlps([MathF.Exp(0.5f)], last.ToArray(), UlpBounds.Exp("cpu", 0.5f));
            Assert.True(bytes <= ExpBytes, $"Mx.Exp on a CPU stream allocated {bytes:F0} bytes on the issuing thread; the bound is {ExpBytes}.");
        });
    }

    /// <summary>Bytes allocated by the calling thread per call of <paramref name="op"/>, after as many calls to warm up.</summary>
    private static double BytesPerOp(Action op, DeviceStream stream)
    {
        for (int i = 0; i < Ops; i++)
        {
            op();
        }

        stream.Synchronize();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Ops; i++)
        {
            op();
        }

        long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        stream.Synchronize();
        return (double)bytes / Ops;
    }
}

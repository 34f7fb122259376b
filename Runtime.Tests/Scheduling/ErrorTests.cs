using System;
using System.Threading;
using Tandem.CompilerServices;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Scheduling;

public sealed class ErrorTests
{
    private static void Throw(string message) => throw new InvalidOperationException(message);

    [Fact]
    public void A_failing_kernel_surfaces_at_Synchronize_naming_the_kernel_and_the_stream_stays_usable()
    {
        Bounded.Run(() =>
        {
            DeviceStream stream = Mx.NewStream(Mx.Cpu);
            using Array<float> x = Mx.Array(new float[2]);
            TestOps.Run("MyKernels.Broken", x, () => Throw("boom"), stream);

            var failure = Assert.Throws<KernelExecutionException>(stream.Synchronize);
            Assert.Equal("MyKernels.Broken", failure.KernelName);
            Assert.Contains("Kernel 'MyKernels.Broken' failed on cpu stream", failure.Message, StringComparison.Ordinal);
            Assert.Contains("boom", failure.Message, StringComparison.Ordinal);
            Assert.IsType<InvalidOperationException>(failure.InnerException);

            // Reported once; the stream runs new work normally.
            stream.Synchronize();
            using Array<float> y = Mx.Array(new float[2]);
            TestOps.Fill(y, 4, stream);
            stream.Synchronize();
            Assert.Equal(new float[] { 4, 4 }, y.ToArray());
        });
    }

    [Fact]
    public void ToArray_of_an_array_written_by_a_failed_kernel_throws_its_error()
    {
        Bounded.Run(() =>
        {
            DeviceStream stream = Mx.NewStream(Mx.Cpu);
            using Array<float> x = Mx.Array(new float[2]);
            TestOps.Run("MyKernels.Broken", x, () => Throw("bad input"), stream);

            var failure = Assert.Throws<KernelExecutionException>(() => x.ToArray());
            Assert.Equal("MyKernels.Broken", failure.KernelName);
            Assert.Contains("bad input", failure.Message, StringComparison.Ordinal);

            // The data stays bad, so reading it again throws again; but a synchronization does not repeat the report.
            Assert.Throws<KernelExecutionException>(() => x.ToArray());
            stream.Synchronize();
            Mx.Synchronize();
        });
    }

    [Fact]
    public void Dependents_on_the_same_and_other_streams_fail_instead_of_running()
    {
        Bounded.Run(() =>
        {
            DeviceStream s1 = Mx.NewStream(Mx.Cpu);
            DeviceStream s2 = Mx.NewStream(Mx.Cpu);
            using Array<float> x = Mx.Array(new float[4]);
            using Array<float> sameStream = Mx.Array(new float[4]);
            using Array<float> otherStream = Mx.Array(new float[4]);
            using Array<float> secondHop = Mx.Array(new float[4]);
            int dependentsRan = 0;

            TestOps.Run("MyKernels.Broken", x, () => { Thread.Sleep(50); Throw("boom"); }, s1);
            LaunchReader("MyKernels.SameStreamReader", x, sameStream, () => Interlocked.Increment(ref dependentsRan), s1);
            LaunchReader("MyKernels.OtherStreamReader", x, otherStream, () => Interlocked.Increment(ref dependentsRan), s2);
            LaunchReader("MyKernels.SecondHop", otherStream, secondHop, () => Interlocked.Increment(ref dependentsRan), s1);

            var sameFailure = Assert.Throws<KernelExecutionException>(() => sameStream.ToArray());
            var otherFailure = Assert.Throws<KernelExecutionException>(() => otherStream.ToArray());
            var hopFailure = Assert.Throws<KernelExecutionException>(() => secondHop.ToArray());
            Assert.Equal(0, Volatile.Read(ref dependentsRan));

            Assert.Equal("MyKernels.SameStreamReader", sameFailure.KernelName);
            Assert.Equal("MyKernels.OtherStreamReader", otherFailure.KernelName);
            Assert.Equal("MyKernels.SecondHop", hopFailure.KernelName);
            foreach (KernelExecutionException failure in new[] { sameFailure, otherFailure, hopFailure })
            {
                Assert.Contains("MyKernels.Broken", failure.Message, StringComparison.Ordinal);
                Assert.Contains(failure.KernelName, failure.Message, StringComparison.Ordinal);
                Assert.Equal("MyKernels.Broken", failure.OriginalKernelName);
            }

            Assert.Same(otherFailure, hopFailure.InnerException);

            // Every failure was thrown by a ToArray already: synchronizations do not repeat them.
            Mx.Synchronize();
        });
    }

    [Fact]
    public void Independent_work_keeps_running_after_a_failure()
    {
        Bounded.Run(() =>
        {
            DeviceStream stream = Mx.NewStream(Mx.Cpu);
            using Array<float> broken = Mx.Array(new float[1]);
            using Array<float> fine = Mx.Array(new float[] { 1, 2 });
            TestOps.Run("MyKernels.Broken", broken, () => Throw("boom"), stream);
            TestOps.Increment(fine, stream);

            Assert.Equal(new float[] { 2, 3 }, fine.ToArray());
            Assert.Throws<KernelExecutionException>(stream.Synchronize);
        });
    }

    [Fact]
    public void Mx_Synchronize_throws_a_failure_of_any_stream_once()
    {
        Bounded.Run(() =>
        {
            DeviceStream stream = Mx.NewStream(Mx.Cpu);
            using Array<float> x = Mx.Array(new float[1]);
            TestOps.Run("MyKernels.Broken", x, () => Throw("boom"), stream);

            var failure = Assert.Throws<KernelExecutionException>(Mx.Synchronize);
            Assert.Equal("MyKernels.Broken", failure.KernelName);
            Mx.Synchronize();
            stream.Synchronize();
        });
    }

    [Fact]
    public void A_failure_inside_a_launch_split_across_cores_is_captured()
    {
        Bounded.Run(() =>
        {
            DeviceStream stream = Mx.NewStream(Mx.Cpu);
            KernelDescriptor kernel = TestKernel.Describe("MyKernels.BrokenLarge", 1, TestBuffer.Write("values", indexed: true));
            using var values = new Array<float>([1 << 20]);
            TestKernel.Launch(kernel, values.Length, [values], (begin, end) =>
            {
                if (begin <= 500_000 && 500_000 < end)
                {
                    throw new IndexOutOfRangeException("element 500000");
                }
            }, stream);

            var failure = Assert.Throws<KernelExecutionException>(stream.Synchronize);
            Assert.IsType<IndexOutOfRangeException>(failure.InnerException);
            Assert.Contains("element 500000", failure.Message, StringComparison.Ordinal);
        });
    }

    private static void LaunchReader(string name, Array<float> input, Array<float> output, Action onRun, DeviceStream stream)
    {
        KernelDescriptor kernel = TestKernel.Describe(name, 1, TestBuffer.Read("input"), TestBuffer.Write("output"));
        TestKernel.Launch(kernel, 1, [input, output], (_, _) => onRun(), stream);
    }
}

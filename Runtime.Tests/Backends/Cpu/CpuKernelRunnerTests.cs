using System;
using System.Threading;
using Tandem.Backends.Cpu;
using Tandem.CompilerServices;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Backends.Cpu;

public sealed class CpuKernelRunnerTests
{
    [Theory]
    [InlineData(1, 0, 1, 1)]
    [InlineData(1, 1, 1, 1)]
    [InlineData(1, 1_000_003, 1, 1)]
    [InlineData(2, 3, 100_001, 1)]
    [InlineData(2, 70_000, 13, 1)]
    [InlineData(3, 5, 7, 11)]
    [InlineData(3, 1000, 77, 9)]
    public void Every_work_item_runs_exactly_once(int rank, int x, int y, int z)
    {
        Bounded.Run(() =>
        {
            var extent = new Index3D(x, y, z);
            (int items, int _) = CpuKernelRunner.WorkItems(rank, extent);
            var counts = new int[items];
            KernelDescriptor kernel = TestKernel.Describe("Test.Cover", rank, TestBuffer.Write("unused"));
            using Array<float> unused = Mx.Array(new float[1]);
            TestKernel.Launch(kernel, extent, [unused], (begin, end) =>
            {
                Assert.InRange(begin, 0, end);
                Assert.InRange(end, begin, items);
                for (int i = begin; i < end; i++)
                {
                    Interlocked.Increment(ref counts[i]);
                }
            }, Mx.Cpu);

            Mx.DefaultStream(Mx.Cpu).Synchronize();
            Assert.All(counts, count => Assert.Equal(1, count));
        });
    }

    [Fact]
    public void Work_items_follow_the_rank()
    {
        Assert.Equal((10, 1), CpuKernelRunner.WorkItems(1, new Index3D(10, 1, 1)));
        Assert.Equal((4, 10), CpuKernelRunner.WorkItems(2, new Index3D(10, 4, 1)));
        Assert.Equal((12, 10), CpuKernelRunner.WorkItems(3, new Index3D(10, 4, 3)));
    }
}

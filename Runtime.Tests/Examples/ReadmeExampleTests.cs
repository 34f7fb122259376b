using System.Linq;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Examples;

/// <summary>The README's examples (array code, a kernel; and the MatMul kernel of docs/ARCHITECTURE.md) run as written, on each device.</summary>
public sealed class ReadmeExampleTests
{
    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void Section_one_example_runs(string device)
    {
        Array<float> x = Mx.Array(new float[] { 1, 2, 3 });   // unified memory; no device anywhere
        Array<float> y = Mx.Random.Normal([3]);
        var before = y.ToArray();
        MyKernels.Saxpy(3, 2f, x, y, stream: TestDevices.Resolve(device));   // generated launcher
        Array<float> z = Mx.Add(x, y, stream: Mx.Cpu);        // waits for the write of y by itself
        float[] host = z.ToArray();                           // waits for z

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(x.ToArray()[i] + ((2f * x.ToArray()[i]) + before[i]), host[i], 5);
        }
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void Section_one_array_code_runs(string device)
    {
        using (Mx.StreamScope(TestDevices.Resolve(device)))
        {
            using Array<float> a = Mx.Random.Normal([4, 3]);
            using Array<float> b = Mx.Array(new float[] { 1, 2, 3 });
            using Array<float> c = a + b;
            using Array<float> rows = Mx.Sum(c, axis: 1);
            using Array<float> t = c.T;
            using Array<float> gram = Mx.Matmul(t, c, stream: TestDevices.Resolve(device));

            float[] values = a.ToArray();
            float[] sums = values.Select((value, i) => value + ((i % 3) + 1f)).ToArray();
            Assert.Equal(sums, c.ToArray());
            Assert.Equal([4], rows.Shape);
            float[] rowSums = rows.ToArray();
            for (int row = 0; row < 4; row++)
            {
                Assert.Equal(sums[row * 3] + sums[(row * 3) + 1] + sums[(row * 3) + 2], rowSums[row], 4);
            }
            Assert.Equal([3, 3], gram.Shape);
            Assert.Equal(Enumerable.Range(0, 4).Sum(row => sums[row * 3] * sums[(row * 3) + 1]), gram.ToArray()[1], 3);
        }
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void Section_one_matmul_runs(string device)
    {
        var a = Mx.Array(new float[] { 1, 2, 3, 4, 5, 6 }, [2, 3]);
        var b = Mx.Array(new float[] { 1, 0, 0, 1, 1, 1 }, [3, 2]);
        var c = Mx.Zeros<float>([2, 2]);
        MyKernels.MatMul((2, 2), 3, a, b, c, stream: TestDevices.Resolve(device));
        Assert.Equal(new float[] { 4, 5, 10, 11 }, c.ToArray());
    }
}

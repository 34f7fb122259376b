using System.Linq;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Ops.Elementwise;

/// <summary>The operators and views as the array code users write uses them, on the default stream of a scope.</summary>
public sealed class OperatorTests
{
    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void Array_code_reads_like_NumPy(string device)
    {
        using var scope = Mx.StreamScope(TestDevices.Resolve(device));
        float[] values = Enumerable.Range(0, 12).Select(i => (i * 0.75f) - 4).ToArray();
        using Array<float> a = Mx.Array(values, [4, 3]);
        using Array<float> b = Mx.Array(new float[] { 1, 2, 3 });

        using Array<float> c = a + b;                      // [4, 3] + [3] -> [4, 3]
        Assert.Equal(new[] { 4, 3 }, c.Shape);
        Assert.Equal(values.Select((v, i) => v + (i % 3) + 1), c.ToArray());

        using Array<float> twice = 2f * a;
        using Array<float> e = twice - 1f;                 // 2f * a - 1f
        Assert.Equal(values.Select(v => (2 * v) - 1), e.ToArray());
        using Array<float> minusA = -a;
        Assert.Equal(values.Select(v => -v), minusA.ToArray());
        using Array<float> over = 1f / b;
        Assert.Equal(new[] { 1f, 0.5f, 1f / 3 }, over.ToArray());
        using Array<float> product = a * b;
        using Array<float> quotient = a / b;
        using Array<float> difference = 1f - b;
        using Array<float> sum = 1f + b;
        Assert.Equal(new float[] { 0, -1, -2 }, difference.ToArray());
        Assert.Equal(new float[] { 2, 3, 4 }, sum.ToArray());
        Assert.Equal(values.Select((v, i) => v * ((i % 3) + 1)), product.ToArray());
        Assert.Equal(values.Select((v, i) => v / ((i % 3) + 1)), quotient.ToArray());

        using Array<float> t = a.T;
        using Array<float> tPlusColumn = t + Mx.Array(new float[] { 10, 20, 30 }, [3, 1]);
        Assert.Equal(new[] { 3, 4 }, tPlusColumn.Shape);
        Assert.Equal(values[3] + 10, tPlusColumn[0, 1].Item());

        using Array<float> row = a[1];
        using Array<float> column = a[.., 2];
        using Array<float> outer = Mx.ExpandDims(column, 1) * row;   // [4, 1] * [3] -> [4, 3]
        Assert.Equal(new[] { 4, 3 }, outer.Shape);
        Assert.Equal(values[11] * values[4], outer[3, 1].Item());

        using Array<double> wide = a.AsType<double>();
        Assert.Equal(values.Select(v => (double)v), wide.ToArray());
        using Array<int> ints = a.AsType<int>();
        Assert.Equal(values.Select(v => (int)v), ints.ToArray());
        using Array<int> shifted = ints + 1;
        using Array<int> negated = -shifted;
        Assert.Equal(values.Select(v => -((int)v + 1)), negated.ToArray());
    }

    [Fact]
    public void Operators_run_on_the_current_default_stream()
    {
        using DeviceStream stream = Mx.NewStream(Mx.Cpu);
        using Array<float> a = Mx.Ones([3]);
        using (Mx.StreamScope(stream))
        {
            using Array<float> sum = a + a;
            Assert.Equal(stream.Executor.LastSubmitted, Tandem.Scheduling.Scheduler.LastWrite(sum.Buffer)!.Value);
        }
    }
}

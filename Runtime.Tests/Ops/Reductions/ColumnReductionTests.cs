using System;
using System.Linq;
using System.Numerics;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Ops.Reductions;

/// <summary>
/// Reductions along an axis that is not the innermost of the memory order (axis 0 of a matrix, the middle axis of a
/// 3-D array, the last axis of a transposed view): on the CPU they stream rows into strips of accumulators
/// (<c>CpuColumns</c>), on the GPU they run the column kernels. Odd widths (a vector tail), runs long enough for several
/// blocks of rows (their partial results combined), rows near one another (read one at a time) and far apart (four at
/// a time), rows wider than one strip, keepDims, views with offsets, every element type, against
/// <see cref="ReductionReference"/>.
/// </summary>
public sealed class ColumnReductionTests
{
    private static readonly ReductionCase[] s_cases =
    [
        new([37, 19], [0], false),
        new([37, 19], [0], true),
        new([1500, 23], [0], false),
        new([3, 1100, 17], [1], false),
        new([3, 1100, 17], [-2], true),
        new([5, 9, 40], [1], false),
        new([3, 8200], [0], false),
        new([40, 8200], [-2], true),
        new([2, 9], [0], false),
        new([260, 4100], [0], false),
    ];

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void Float_columns_match_the_reference(string device) => CheckFloats<float>(device);

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void Double_columns_match_the_reference(string device) => CheckFloats<double>(device);

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void Half_columns_match_the_reference(string device) => CheckFloats<Half>(device);

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void Integer_columns_match_the_fold(string device)
    {
        CheckIntegers<int>(device, -1000, 1000);
        CheckIntegers<uint>(device, 0, 2000);
        CheckIntegers<long>(device, -1000, 1000);
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void Columns_of_views_match_the_reference(string device)
    {
        StreamOrDevice stream = TestDevices.Resolve(device);
        float[] data = Numerics.Floats(new Random(11), 1201 * 45);
        using Array<float> matrix = Mx.Array(data, [1201, 45]);
        using Array<float> cube = Mx.Array(data[..(7 * 130 * 45)], [7, 130, 45]);
        using Array<float> wide = Mx.Array(Numerics.Floats(new Random(12), 70 * 2500), [70, 2500]);
        var views = new (string Name, Func<Array<float>> Make, int[] Axes)[]
        {
            ("transposed [45, 1201], last axis", () => matrix.T, [1]),
            ("sliced [1100, 30] from an offset, axis 0", () => matrix[100..1200, 3..33], [0]),
            ("every other row [600, 45], axis 0", () => EveryOtherRow(matrix), [0]),
            ("a narrow slice of rows 10 KB apart [70, 50], axis 0", () => wide[.., 7..57], [0]),
            ("axes swapped [7, 45, 130], last axis", () => Mx.SwapAxes(cube, 1, 2), [2]),
            ("sliced cube [5, 120, 40], middle axis", () => cube[1..6, 5..125, 2..42], [1]),
        };
        foreach ((string name, Func<Array<float>> make, int[] axes) in views)
        {
            using Array<float> view = make();
            double[] values = view.ToArray().Select(v => (double)v).ToArray();
            FloatReductionTests.Check(device, new ReductionCase(view.Shape, axes, KeepDims: false), view, values, stream);
            FloatReductionTests.Check(device, new ReductionCase(view.Shape, axes, KeepDims: true), view, values, stream);
        }
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void NaN_wins_in_a_column(string device)
    {
        StreamOrDevice stream = TestDevices.Resolve(device);
        int rows = 1500, columns = 21;
        float[] data = Numerics.Floats(new Random(3), rows * columns);
        data[(1100 * columns) + 4] = float.NaN;
        data[(7 * columns) + 20] = float.NaN;
        using Array<float> a = Mx.Array(data, [rows, columns]);
        using Array<float> max = Mx.Max(a, 0, stream: stream);
        using Array<float> min = Mx.Min(a, 0, stream: stream);
        float[] largest = max.ToArray(), smallest = min.ToArray();
        for (int j = 0; j < columns; j++)
        {
            bool nan = j is 4 or 20;
            Assert.True(float.IsNaN(largest[j]) == nan, $"Max of column {j}: {largest[j]}");
            Assert.True(float.IsNaN(smallest[j]) == nan, $"Min of column {j}: {smallest[j]}");
        }
    }

    private static Array<float> EveryOtherRow(Array<float> matrix) => Mx.Reshape(matrix[..1200], [600, 2, 45])[.., 0, ..];

    private static void CheckFloats<T>(string device) where T : unmanaged, IFloatingPointIeee754<T>
    {
        StreamOrDevice stream = TestDevices.Resolve(device);
        int seed = 100;
        foreach (ReductionCase reduction in s_cases)
        {
            T[] data = Numerics.Doubles(new Random(seed++), reduction.Length).Select(T.CreateChecked).ToArray();
            using Array<T> a = Mx.Array(data, reduction.Shape);
            FloatReductionTests.Check(device, reduction, a, data.Select(double.CreateChecked).ToArray(), stream);
        }
    }

    private static void CheckIntegers<T>(string device, int low, int high) where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T>
    {
        StreamOrDevice stream = TestDevices.Resolve(device);
        int seed = 200;
        foreach (ReductionCase reduction in s_cases)
        {
            T[] data = Numerics.Ints(new Random(seed++), reduction.Length, low, high).Select(T.CreateTruncating).ToArray();
            using Array<T> a = Mx.Array(data, reduction.Shape);
            bool[] reduced = ReductionReference.Reduced(reduction.Shape.Length, reduction.Axes);
            T[][] runs = ReductionReference.Runs(reduction.Shape, reduced).Select(run => run.Select(i => data[i]).ToArray()).ToArray();
            string at = $"{typeof(T).Name} {reduction} on {device}";
            Equal(reduction.Run(Mx.Sum, Mx.Sum, Mx.Sum, a, stream), runs.Select(run => run.Aggregate(T.Zero, (s, x) => s + x)), at + " Sum");
            Equal(reduction.Run(Mx.Prod, Mx.Prod, Mx.Prod, a, stream), runs.Select(run => run.Aggregate(T.One, (p, x) => p * x)), at + " Prod");
            Equal(reduction.Run(Mx.Max, Mx.Max, Mx.Max, a, stream), runs.Select(run => run.Max()!), at + " Max");
            Equal(reduction.Run(Mx.Min, Mx.Min, Mx.Min, a, stream), runs.Select(run => run.Min()!), at + " Min");
            Equal(reduction.Run(Mx.ArgMax, Mx.ArgMax, Mx.ArgMax, a, stream), runs.Select(run => Array.IndexOf(run, run.Max())), at + " ArgMax");
        }
    }

    private static void Equal<TElement>(Array<TElement> result, System.Collections.Generic.IEnumerable<TElement> expected, string what)
        where TElement : unmanaged
    {
        using (result)
        {
            TElement[] actual = result.ToArray();
            TElement[] wanted = expected.ToArray();
            int wrong = Enumerable.Range(0, wanted.Length).FirstOrDefault(i => !wanted[i].Equals(actual[i]), -1);
            Assert.True(wrong < 0, $"{what}[{wrong}] = {(wrong < 0 ? default : actual[wrong])}, expected {(wrong < 0 ? default : wanted[wrong])}");
        }
    }
}

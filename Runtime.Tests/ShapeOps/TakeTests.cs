using System;
using System.Linq;
using Tandem.Runtime.Tests.Arrays;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.ShapeOps;

/// <summary>
/// Take along an axis and over the flattened array, on both devices and every element type the kernels cover, with
/// views as inputs and as indices, against a reference in double; out-of-range indices fail on the CPU and read 0 on
/// the GPU.
/// </summary>
public sealed class TakeTests
{
    public static TheoryData<string, Type> DevicesAndTypes() => JoiningTests.DevicesAndTypes();

    public static TheoryData<string> Devices() => TestDevices.All();

    [Theory]
    [MemberData(nameof(DevicesAndTypes))]
    public void Take_matches_the_reference(string device, Type type)
        => ElementTypes.Invoke(typeof(TakeTests), nameof(TakeCases), type, TestDevices.Resolve(device));

    [Fact]
    public void An_index_outside_the_axis_fails_the_op_on_the_CPU()
    {
        using Array<float> a = Mx.Array(new float[] { 1, 2, 3 });
        foreach (int bad in new[] { 3, -4, int.MaxValue, int.MinValue })
        {
            using Array<int> indices = Mx.Array(new[] { 0, bad });
            using Array<float> taken = Mx.Take(a, indices, 0, Mx.Cpu);
            var failure = Assert.Throws<KernelExecutionException>(() => taken.ToArray());
            Assert.Contains("Take", failure.Message, StringComparison.Ordinal);
        }

        // Rows long enough for the row copies fail the same way.
        using Array<float> rowsOf20 = Mx.Zeros<float>([3, 20]);
        using Array<int> outside = Mx.Array(new[] { 1, 3 });
        using Array<float> takenRows = Mx.Take(rowsOf20, outside, 0, Mx.Cpu);
        Assert.Contains("Take", Assert.Throws<KernelExecutionException>(() => takenRows.ToArray()).Message, StringComparison.Ordinal);

        // The stream stays usable.
        using Array<int> good = Mx.Array(new[] { -1 });
        using Array<float> last = Mx.Take(a, good, 0, Mx.Cpu);
        Assert.Equal(new[] { 3f }, last.ToArray());
    }

    [Theory]
    [MemberData(nameof(Devices))]
    public void A_take_of_many_rows_matches_the_reference(string device)
    {
        // 3 x 700 taken rows of 1,000 floats: on a CPU stream, more rows than one task copies, so the workers share them.
        Device on = TestDevices.Resolve(device);
        float[] data = Enumerable.Range(0, 3 * 900 * 1000).Select(i => (float)i).ToArray();
        using Array<float> a = Mx.Array(data, [3, 900, 1000]);
        int[] picks = Enumerable.Range(0, 700).Select(i => (i * 37 % 1800) - 900).ToArray();
        using Array<int> indices = Mx.Array(picks);
        using Array<float> taken = Mx.Take(a, indices, 1, on);

        float[] expected = new float[3 * picks.Length * 1000];
        for (int outer = 0; outer < 3; outer++)
        {
            for (int t = 0; t < picks.Length; t++)
            {
                int row = picks[t] < 0 ? picks[t] + 900 : picks[t];
                Array.Copy(data, ((outer * 900) + row) * 1000, expected, ((outer * picks.Length) + t) * 1000, 1000);
            }
        }

        Assert.Equal(new[] { 3, 700, 1000 }, taken.Shape);
        Assert.Equal(expected, taken.ToArray());
    }

    [Fact]
    public void A_bad_index_among_many_rows_fails_the_op_on_the_CPU()
    {
        using Array<float> a = Mx.Zeros<float>([3, 900, 1000]);
        int[] picks = Enumerable.Repeat(1, 700).ToArray();
        picks[650] = 900;
        using Array<int> indices = Mx.Array(picks);
        using Array<float> taken = Mx.Take(a, indices, 1, Mx.Cpu);
        var failure = Assert.Throws<KernelExecutionException>(() => taken.ToArray());
        Assert.Contains("index 900 is outside an axis of length 900", failure.Message, StringComparison.Ordinal);
    }

    [MxGpuFact]
    public void An_index_outside_the_axis_reads_zero_on_the_GPU()
    {
        using Array<float> a = Mx.Array(new float[] { 1, 2, 3, 4, 5, 6 }, [2, 3]);
        using Array<int> indices = Mx.Array(new[] { 2, 3, -4, -3 });
        using Array<float> taken = Mx.Take(a, indices, 1, Mx.Gpu);
        Assert.Equal(new float[] { 3, 0, 0, 1, 6, 0, 0, 4 }, taken.ToArray());
    }

    [Fact]
    public void Bad_arguments_throw_naming_the_op()
    {
        using Array<float> a = Mx.Zeros([2, 0]);
        using Array<int> indices = Mx.Array(new[] { 0 });
        using Array<int> none = Mx.Zeros<int>([0]);
        using Array<float> scalar = Mx.Full<float>([], 1f);

        Assert.Contains("Mx.Take", Assert.Throws<ArgumentException>(() => Mx.Take(a, indices, 1)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Mx.Take(scalar, indices, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Mx.Take(a, indices, 2));
        using Array<float> empty = Mx.Take(a, none, 1);
        Assert.Equal(new[] { 2, 0 }, empty.Shape);
    }

    private static void TakeCases<T>(Device device) where T : unmanaged
    {
        ReferenceArray source = Counting(3, 4, 5);
        using Array<T> a = ElementTypes.Make<T>(source.Data, source.Shape);
        int[] picks = [2, 0, -1, -3, 1, 1];
        using Array<int> indices = Mx.Array(picks);
        foreach (int axis in new[] { 0, 1, 2, -1 })
        {
            Check(Mx.Take(a, indices, axis, device), Take(source, picks, [picks.Length], axis));
        }

        // Indices of rank 2 from a transposed view, taken from a sliced and transposed view.
        int[] grid = [1, 0, 2, 1, 0, 0];
        using Array<int> gridBase = Mx.Array(grid, [2, 3]);
        using Array<int> gridT = gridBase.T;                                   // [3, 2]: 1, 1, 0, 0, 2, 0
        using Array<T> sliced = a[.., 1..4, ..];                               // [3, 3, 5]
        using Array<T> view = Mx.Transpose(sliced, [2, 0, 1]);                 // [5, 3, 3]
        ReferenceArray viewReference = source.Select([(0, 3, true), (1, 3, true), (0, 5, true)]).Permute([2, 0, 1]);
        Check(Mx.Take(view, gridT, 1, device), Take(viewReference, [1, 1, 0, 0, 2, 0], [3, 2], 1));

        // Flattened: positions in the row-major order of the view.
        int[] flat = [0, 44, -1, 7];
        using Array<int> flatIndices = Mx.Array(flat, [2, 2]);
        double[] viewData = viewReference.Data;
        Check(Mx.Take(view, flatIndices, device), new ReferenceArray([viewData[0], viewData[44], viewData[^1], viewData[7]], [2, 2]));

        // Taking from a broadcast view along its stretched axis.
        using Array<T> row = ElementTypes.Make<T>([5, 6, 7], [1, 3]);
        using Array<T> stretched = Mx.BroadcastTo(row, [4, 3]);
        using Array<int> rows = Mx.Array(new[] { 3, 0 });
        Check(Mx.Take(stretched, rows, 0, device), new ReferenceArray([5, 6, 7, 5, 6, 7], [2, 3]));

        // Whole rows of 20 and more (the CPU copies each row): along the middle axis, and from a slice whose rows start
        // at an odd element.
        ReferenceArray wide = Counting(4, 3, 24);
        using Array<T> wideArray = ElementTypes.Make<T>(wide.Data, wide.Shape);
        int[] middle = [2, -1, 0, 2];
        using Array<int> middleIndices = Mx.Array(middle);
        Check(Mx.Take(wideArray, middleIndices, 1, device), Take(wide, middle, [middle.Length], 1));
        using Array<T> inner = wideArray[.., .., 3..];                         // [4, 3, 21]
        ReferenceArray innerReference = wide.Select([(0, 4, true), (0, 3, true), (3, 21, true)]);
        int[] outer = [3, 0, -2];
        using Array<int> outerIndices = Mx.Array(outer);
        Check(Mx.Take(inner, outerIndices, 0, device), Take(innerReference, outer, [outer.Length], 0));
    }

    private static ReferenceArray Counting(params int[] shape)
        => new(Enumerable.Range(0, ReferenceArray.Length(shape)).Select(i => (double)i).ToArray(), shape);

    /// <summary>NumPy's take, written out: negative indices count from the end.</summary>
    private static ReferenceArray Take(ReferenceArray source, int[] indices, int[] indicesShape, int axis)
    {
        int along = axis < 0 ? axis + source.Shape.Length : axis;
        int[] shape = [.. source.Shape[..along], .. indicesShape, .. source.Shape[(along + 1)..]];
        return ReferenceArray.Build(shape, position =>
        {
            int flat = 0;
            for (int k = 0; k < indicesShape.Length; k++)
            {
                flat = (flat * indicesShape[k]) + position[along + k];
            }

            int index = indices[flat] < 0 ? indices[flat] + source.Shape[along] : indices[flat];
            int[] from = [.. position[..along], index, .. position[(along + indicesShape.Length)..]];
            return source.At(from);
        });
    }

    private static void Check<T>(Array<T> actual, ReferenceArray expected) where T : unmanaged
    {
        using (actual)
        {
            Assert.Equal(expected.Shape, actual.Shape);
            Assert.Equal(expected.Data, ElementTypes.Read(actual));
        }
    }
}

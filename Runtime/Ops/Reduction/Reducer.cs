using System;
using System.Numerics;
using Tandem.Memory;
using Tandem.Ops.Kernels;

namespace Tandem.Ops.Reduction;

/// <summary>The reductions of one element type, whatever it accumulates in (<see cref="Reducers"/> picks one).</summary>
internal abstract class Reducer<T> where T : unmanaged
{
    /// <summary>True for floating-point element types (means, variances, softmax).</summary>
    public abstract bool Floating { get; }

    /// <summary>Reduces each run with <paramref name="op"/>, then applies <paramref name="finish"/> (see <see cref="ReduceKernels"/>).</summary>
    public abstract Array<T> Reduce(ReductionInput<T> input, ReductionAxes axes, ReduceOp op, int finish, DeviceStream stream);

    /// <summary>The mean of squared deviations from each run's mean (ddof 0), in two passes over the input.</summary>
    public abstract Array<T> Variance(ReductionInput<T> input, ReductionAxes axes, DeviceStream stream);

    /// <summary><c>log(sum(exp(x - max))) + max</c>: no overflow for large elements.</summary>
    public abstract Array<T> LogSumExp(ReductionInput<T> input, ReductionAxes axes, DeviceStream stream);

    /// <summary>The index of each run's first largest (smallest) element.</summary>
    public abstract Array<int> ArgReduce(ReductionInput<T> input, ReductionAxes axes, bool minimum, DeviceStream stream);

    /// <summary><c>exp(x - max) / sum(exp(x - max))</c> along one axis; <paramref name="inner"/> counts the elements after it.</summary>
    public abstract Array<T> Softmax(Array<T> a, ReductionInput<T> input, ReductionAxes axes, int inner, DeviceStream stream);
}

/// <summary>
/// The reductions of <typeparamref name="T"/> accumulated in <typeparamref name="TAcc"/> (float for Half): a pass
/// over the input that leaves one value per output, or one per segment of each output's run that a second pass, of
/// <typeparamref name="TAcc"/>'s own reducer, reduces in turn.
/// </summary>
internal sealed class Reducer<T, TAcc> : Reducer<T> where T : unmanaged where TAcc : unmanaged
{
    // Below this many elements a run gains nothing from vector loads.
    private const int MinWideLength = 64;

    private readonly ReduceKernelSet<T, TAcc> _kernels;
    private readonly Reducer<TAcc, TAcc>? _partials;
    private readonly ConvertLauncher<TAcc, T>? _narrow;

    public Reducer(ReduceKernelSet<T, TAcc> kernels, Reducer<TAcc, TAcc>? partials = null, ConvertLauncher<TAcc, T>? narrow = null)
    {
        _kernels = kernels;
        _partials = partials;
        _narrow = narrow;
    }

    /// <inheritdoc />
    public override bool Floating => _kernels.Softmax is not null;

    /// <summary>The reducer of the partial results: this one unless the accumulator is wider than the elements.</summary>
    private Reducer<TAcc, TAcc> Partials => _partials ?? (Reducer<TAcc, TAcc>)(object)this;

    /// <inheritdoc />
    public override Array<T> Reduce(ReductionInput<T> input, ReductionAxes axes, ReduceOp op, int finish, DeviceStream stream)
        => Narrowed(Pass(input.Array, input.Geometry, op, finish, axes.Length, null, axes.ResultShape, stream), stream);

    /// <inheritdoc />
    public override Array<T> Variance(ReductionInput<T> input, ReductionAxes axes, DeviceStream stream)
    {
        using Array<TAcc> mean = Pass(input.Array, input.Geometry, ReduceOp.Sum, ReduceKernels.FinishDivide, axes.Length, null, [axes.Outputs], stream);
        return Reduce(input, axes, ReduceOp.SquaredDeviation, ReduceKernels.FinishDivide, mean, stream);
    }

    /// <inheritdoc />
    public override Array<T> LogSumExp(ReductionInput<T> input, ReductionAxes axes, DeviceStream stream)
    {
        using Array<TAcc> max = Pass(input.Array, input.Geometry, ReduceOp.Max, ReduceKernels.FinishNone, axes.Length, null, [axes.Outputs], stream);
        return Reduce(input, axes, ReduceOp.ExpDeviation, ReduceKernels.FinishLogAddCenter, max, stream);
    }

    /// <inheritdoc />
    public override Array<int> ArgReduce(ReductionInput<T> input, ReductionAxes axes, bool minimum, DeviceStream stream)
        => ArgPass(input.Array, input.Geometry, minimum, null, axes.ResultShape, stream);

    /// <inheritdoc />
    public override Array<T> Softmax(Array<T> a, ReductionInput<T> input, ReductionAxes axes, int inner, DeviceStream stream)
    {
        if (CpuSoftmax.Serves<T>(stream))
        {
            var softmax = new Array<T>(a.ShapeSpan, BufferContents.Undefined);
            return Fill.Launched(softmax, () => CpuSoftmax.Launch(a, axes.Length, inner, softmax, stream));
        }

        using Array<TAcc> max = Pass(input.Array, input.Geometry, ReduceOp.Max, ReduceKernels.FinishNone, axes.Length, null, [axes.Outputs], stream);
        using Array<TAcc> sum = Pass(input.Array, input.Geometry, ReduceOp.ExpDeviation, ReduceKernels.FinishNone, axes.Length, max, [axes.Outputs], stream);
        var result = new Array<T>(a.ShapeSpan, BufferContents.Undefined);
        return Fill.Launched(result, () => _kernels.Softmax!(a.Length, axes.Length, inner, a, max, sum, result, stream));
    }

    private Array<T> Reduce(ReductionInput<T> input, ReductionAxes axes, ReduceOp op, int finish, Array<TAcc> center, DeviceStream stream)
        => Narrowed(Pass(input.Array, input.Geometry, op, finish, axes.Length, center, axes.ResultShape, stream), stream);

    /// <summary>
    /// Queues the reduction of <paramref name="array"/>'s runs into a new array of <paramref name="shape"/> (row-major
    /// outputs), through a second pass over partial results when the runs are cut into segments.
    /// </summary>
    private Array<TAcc> Pass(Array<T> array, ReductionGeometry geometry, ReduceOp op, int finish, int count, Array<TAcc>? center, int[] shape,
        DeviceStream stream)
    {
        using var operand = KernelOperand<T>.Cover(array);
        ReductionGeometry g = geometry.At(geometry.Offset - array.Offset + operand.Offset);
        if (CpuRuns.Serves<T, TAcc>(g, op, finish, stream))
        {
            var sums = new Array<TAcc>(shape, BufferContents.Undefined);
            return Fill.Launched(sums, () => CpuRuns.Launch(operand.Binding, g, op, finish == ReduceKernels.FinishDivide ? count : 1, (Array<T>)(object)sums, stream));
        }

        if (CpuColumns.Serves<T, TAcc>(g, op, stream))
        {
            var columns = new Array<TAcc>(shape, BufferContents.Undefined);
            return Fill.Launched(columns, () => CpuColumns.Launch(operand.Binding, g, op, finish, count, center, columns, stream));
        }

        (ReductionSplit split, Action<Array<TAcc>> launch) = Plan(operand.Binding, g, op, finish, count, center, stream);
        bool final = split.Segments == 1;
        Array<TAcc> output = final ? new Array<TAcc>(shape, BufferContents.Undefined) : new Array<TAcc>([checked(g.Outputs * split.Segments)], BufferContents.Undefined);
        try
        {
            launch(output);
        }
        catch
        {
            output.Dispose();
            throw;
        }

        if (final)
        {
            return output;
        }

        using (output)
        {
            return Partials.Pass(output, ReductionGeometry.OfRows(g.Outputs, split.Segments, output.Offset), ReduceTables.Partials(op), finish, count,
                center, shape, stream);
        }
    }

    /// <summary>
    /// The kernel for <paramref name="g"/> (a vector one where the layout allows; for a row reduction on a device with
    /// subgroups, one that combines through them), its split, and its launch.
    /// </summary>
    private (ReductionSplit Split, Action<Array<TAcc>> Launch) Plan(Array<T> x, ReductionGeometry g, ReduceOp op, int finish, int count,
        Array<TAcc>? center, DeviceStream stream)
    {
        Device device = stream.Device;
        if (_kernels.Rows4(op) is { } rows4Tree && g.Step == 1 && g.Length >= MinWideLength)
        {
            var split = ReductionSplit.For(g, device, length: g.Length / 4);
            ReduceRows4Launcher rows4 = ReductionSubgroups.Choose(device, split, _kernels.Rows4Subgroups(op), rows4Tree);
            return (split, output =>
            {
                using Array<Vector4> x4 = Vectors(x);
                var floats = (Array<float>)(object)x;
                var result = (Array<float>)(object)output;
                rows4(Extent(split, g), finish, count, split.Lanes, split.Segments, g.Inner, g.OuterStride, g.InnerStride, g.Offset, g.Length,
                    split.SegmentLength, split.Blocked, x4, floats, (Array<float>?)(object?)center ?? result, result, stream);
            });
        }

        if (_kernels.Columns4(op) is { } columns4 && ColumnsLineUp(g) && g.Length >= MinWideLength / 4)
        {
            var split = ReductionSplit.For(g, device, lanes: ReduceKernels.ColumnLanes, inner: g.Inner / 4);
            return (split, output =>
            {
                using Array<Vector4> x4 = Vectors(x);
                var result = (Array<float>)(object)output;
                columns4(checked((int)(split.Groups(g with { Inner = g.Inner / 4 }) * ReduceKernels.Threads)), finish, count, split.Segments,
                    g.Inner, g.OuterStride, g.Step, g.Offset, g.Length, split.SegmentLength, split.Blocked, x4,
                    (Array<float>?)(object?)center ?? result, result, stream);
            });
        }

        var general = ReductionSplit.For(g, device);
        ReduceLauncher<T, TAcc> reduce = ReductionSubgroups.Choose(device, general, _kernels.GeneralSubgroups(op), _kernels.General(op));
        return (general, output => reduce(Extent(general, g), finish, count, general.Lanes, general.Segments, g.Inner, g.OuterStride,
            g.InnerStride, g.Step, g.Offset, g.Length, general.SegmentLength, general.Blocked, x, center ?? output, output, stream));
    }

    /// <summary>The index of the first extreme element of each run, through partial results as <see cref="Pass"/>.</summary>
    private Array<int> ArgPass(Array<T> array, ReductionGeometry geometry, bool minimum, Array<int>? candidates, int[] shape, DeviceStream stream)
    {
        using var operand = KernelOperand<T>.Cover(array);
        ReductionGeometry g = geometry.At(geometry.Offset - array.Offset + operand.Offset);
        if (candidates is null && CpuRuns.ServesArg<T>(g, stream))
        {
            var found = new Array<int>(shape, BufferContents.Undefined);
            return Fill.Launched(found, () => CpuRuns.LaunchArg(operand.Binding, g, minimum, found, stream));
        }

        var split = ReductionSplit.For(g, stream.Device);
        bool final = split.Segments == 1;
        int partials = checked(g.Outputs * split.Segments);
        using var values = new Array<TAcc>([partials], BufferContents.Undefined);
        Array<int> indices = final ? new Array<int>(shape, BufferContents.Undefined) : new Array<int>([partials], BufferContents.Undefined);
        try
        {
            _kernels.ArgReduce(Extent(split, g), minimum, split.Lanes, split.Segments, g.Inner, g.OuterStride, g.InnerStride, g.Step, g.Offset,
                g.Length, split.SegmentLength, split.Blocked, candidates is not null, operand.Binding, candidates ?? indices, values, indices, stream);
        }
        catch
        {
            indices.Dispose();
            throw;
        }

        if (final)
        {
            return indices;
        }

        using (indices)
        {
            return Partials.ArgPass(values, ReductionGeometry.OfRows(g.Outputs, split.Segments, values.Offset), minimum, indices, shape, stream);
        }
    }

    private Array<T> Narrowed(Array<TAcc> accumulated, DeviceStream stream)
    {
        if (_narrow is null)
        {
            return (Array<T>)(object)accumulated;
        }

        using (accumulated)
        {
            var result = new Array<T>(accumulated.ShapeSpan, BufferContents.Undefined);
            try
            {
                _narrow(result.Length, accumulated, result, stream);
                return result;
            }
            catch
            {
                result.Dispose();
                throw;
            }
        }
    }

    // The columns of a vector kernel: neighbours in memory, and every vector starting on a multiple of four elements.
    private static bool ColumnsLineUp(ReductionGeometry g) => g.InnerStride == 1 && g.Step != 1 && g.Inner % 4 == 0
        && g.Offset % 4 == 0 && g.OuterStride % 4 == 0 && g.Step % 4 == 0;

    private static int Extent(ReductionSplit split, ReductionGeometry g) => checked((int)(split.Groups(g) * ReduceKernels.Threads));

    /// <summary>The float binding <paramref name="x"/> (which starts on a 64-byte boundary) seen as vectors of four.</summary>
    private static Array<Vector4> Vectors(Array<T> x)
        => new(x.Buffer, ArrayLayout.RowMajor([x.Length / 4], x.Offset / 4));
}

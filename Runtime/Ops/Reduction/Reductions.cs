using System;
using Tandem.Memory;
using Tandem.Ops.Kernels;

namespace Tandem.Ops.Reduction;

/// <summary>The plain reductions, by the name of their op.</summary>
internal enum ReductionKind
{
    /// <summary><c>Mx.Sum</c>.</summary>
    Sum,

    /// <summary><c>Mx.Prod</c>.</summary>
    Prod,

    /// <summary><c>Mx.Max</c>.</summary>
    Max,

    /// <summary><c>Mx.Min</c>.</summary>
    Min,

    /// <summary><c>Mx.Mean</c>.</summary>
    Mean,
}

/// <summary>
/// The reduction ops behind <see cref="Mx"/>: check the arguments, settle the empty cases at the call (NumPy's rules:
/// an empty sum is 0, an empty product 1, an empty mean or variance NaN, an empty log-sum-exp -∞; Max, Min, ArgMax and
/// ArgMin of nothing throw), then queue the kernels.
/// </summary>
internal static class Reductions
{
    /// <summary>Sum, Prod, Max, Min or Mean.</summary>
    public static Array<T> Reduce<T>(ReductionKind kind, Array<T> a, AxesArgument axes, bool keepDims, StreamOrDevice stream) where T : unmanaged
    {
        string op = kind.ToString();
        (ReduceOp code, int finish, double empty) = kind switch
        {
            ReductionKind.Sum => (ReduceOp.Sum, ReduceKernels.FinishNone, 0.0),
            ReductionKind.Prod => (ReduceOp.Prod, ReduceKernels.FinishNone, 1.0),
            ReductionKind.Max => (ReduceOp.Max, ReduceKernels.FinishNone, double.NaN),
            ReductionKind.Min => (ReduceOp.Min, ReduceKernels.FinishNone, double.NaN),
            _ => (ReduceOp.Sum, ReduceKernels.FinishDivide, double.NaN),
        };
        Reducer<T> reducer = Prepare(op, a, axes, keepDims, floating: kind == ReductionKind.Mean, out ReductionAxes reduction);
        if (kind is ReductionKind.Max or ReductionKind.Min)
        {
            RequireElements(op, a, reduction);
        }

        return reduction.Length == 0
            ? Filled<T>(op, reduction.ResultShape, empty, stream)
            : Run(a, reduction, stream, (input, target) => reducer.Reduce(input, reduction, code, finish, target));
    }

    /// <summary>The variance (ddof 0).</summary>
    public static Array<T> Variance<T>(Array<T> a, AxesArgument axes, bool keepDims, StreamOrDevice stream) where T : unmanaged
    {
        Reducer<T> reducer = Prepare("Var", a, axes, keepDims, floating: true, out ReductionAxes reduction);
        return reduction.Length == 0
            ? Filled<T>("Var", reduction.ResultShape, double.NaN, stream)
            : Run(a, reduction, stream, (input, target) => reducer.Variance(input, reduction, target));
    }

    /// <summary>The log of the sum of exponentials.</summary>
    public static Array<T> LogSumExp<T>(Array<T> a, AxesArgument axes, bool keepDims, StreamOrDevice stream) where T : unmanaged
    {
        Reducer<T> reducer = Prepare("LogSumExp", a, axes, keepDims, floating: true, out ReductionAxes reduction);
        return reduction.Length == 0
            ? Filled<T>("LogSumExp", reduction.ResultShape, double.NegativeInfinity, stream)
            : Run(a, reduction, stream, (input, target) => reducer.LogSumExp(input, reduction, target));
    }

    /// <summary>The index of the first smallest (<paramref name="minimum"/>) or largest element.</summary>
    public static Array<int> ArgReduce<T>(string op, Array<T> a, AxesArgument axes, bool keepDims, bool minimum, StreamOrDevice stream)
        where T : unmanaged
    {
        Reducer<T> reducer = Prepare(op, a, axes, keepDims, floating: false, out ReductionAxes reduction);
        RequireElements(op, a, reduction);
        return Run(a, reduction, stream, (input, target) => reducer.ArgReduce(input, reduction, minimum, target), shape => new Array<int>(shape, BufferContents.Undefined));
    }

    /// <summary>The softmax along <paramref name="axis"/>.</summary>
    public static Array<T> Softmax<T>(Array<T> a, int axis, StreamOrDevice stream) where T : unmanaged
    {
        Reducer<T> reducer = Prepare("Softmax", a, AxesArgument.One(axis), keepDims: false, floating: true, out ReductionAxes reduction);
        if (a.Length == 0)
        {
            return new Array<T>(a.ShapeSpan, BufferContents.Undefined);
        }

        int position = Axes.Normalize(axis, a.Rank, "Softmax");
        int inner = 1;
        for (int after = position + 1; after < a.Rank; after++)
        {
            inner *= a.ShapeSpan[after];
        }

        return Run(a, reduction, stream, (input, target) => reducer.Softmax(a, input, reduction, inner, target));
    }

    private static Reducer<T> Prepare<T>(string op, Array<T> a, AxesArgument axes, bool keepDims, bool floating, out ReductionAxes reduction)
        where T : unmanaged
    {
        OpArguments.RequireUsable(a, op, nameof(a));
        Reducer<T> reducer = Reducers.For<T>(op, floating);
        reduction = ReductionAxes.Of(a.ShapeSpan, axes.Axes, axes.All, keepDims, op);
        return reducer;
    }

    private static Array<T> Run<T>(Array<T> a, ReductionAxes reduction, StreamOrDevice stream,
        Func<ReductionInput<T>, DeviceStream, Array<T>> reduce) where T : unmanaged
        => Run(a, reduction, stream, reduce, shape => new Array<T>(shape, BufferContents.Undefined));

    /// <summary>Queues <paramref name="reduce"/> on the stream; a reduction without outputs queues nothing.</summary>
    private static TResult Run<T, TResult>(Array<T> a, ReductionAxes reduction, StreamOrDevice stream,
        Func<ReductionInput<T>, DeviceStream, TResult> reduce, Func<int[], TResult> empty) where T : unmanaged
    {
        DeviceStream target = stream.Resolve();
        if (reduction.Outputs == 0)
        {
            return empty(reduction.ResultShape);
        }

        using ReductionInput<T> input = ReductionInput<T>.Of(a, reduction, target);
        return reduce(input, target);
    }

    /// <summary>Max, Min, ArgMax and ArgMin have no value for an empty run: they throw at the call, as NumPy does.</summary>
    private static void RequireElements<T>(string op, Array<T> a, ReductionAxes reduction) where T : unmanaged
    {
        if (reduction.Length == 0)
        {
            throw new ArgumentException(
                $"Mx.{op}: the reduced axes of an array of shape {UnifiedArray.FormatShape(a.ShapeSpan)} hold no elements, and {op} of nothing "
                + "is undefined; reduce over non-empty axes (Sum, Prod, Mean and the other reductions with an identity return it instead).",
                nameof(a));
        }
    }

    /// <summary>The result of reducing nothing: every output the op's identity, written on the stream like any result.</summary>
    private static Array<T> Filled<T>(string op, int[] shape, double value, StreamOrDevice stream) where T : unmanaged
        => Fill.Full(shape, ElementValue.Of<T>(value), stream, op);
}

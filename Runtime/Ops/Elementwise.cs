using System;
using Tandem.Abi;
using Tandem.Memory;

namespace Tandem.Ops;

/// <summary>
/// Runs element-wise ops on any arrays: checks the arguments, broadcasts, allocates the result and runs, per layout case
/// (<see cref="OperandLayout"/>, like MLX's vv / sv / vs / general split), the contiguous kernel (the SIMD loop on the
/// CPU, four elements per thread on the GPU) or, with a C# scalar, the array-scalar or scalar-array kernel, on operands
/// bound in place or on the flat element ranges of a layout the result keeps; otherwise the strided kernel over the
/// merged axes (a scalar as a <c>[]</c> array; beyond three merged axes, the contiguous kernel on row-major copies), or
/// for a unary op the contiguous kernel on a copy.
/// </summary>
internal static class Elementwise
{
    public static Array<TResult> Binary<T, TResult>(BinaryOp op, Array<T> a, Array<T> b, StreamOrDevice stream)
        where T : unmanaged where TResult : unmanaged
    {
        OpArguments.RequireUsable(a, op.Op, nameof(a));
        OpArguments.RequireUsable(b, op.Op, nameof(b));
        if (ByteElements.Involved<T, TResult>())
        {
            _ = Broadcasting.Shape(op.Op, a, b);
            return ByteElements.Binary<T, TResult>(op, a, b, stream.Resolve());
        }

        var kernels = BinaryChoice<T, TResult>.Of(op);
        int[] shape = Broadcasting.Shape(op.Op, a, b);
        DeviceStream target = stream.Resolve();
        OperandLayout plan = OperandLayout.Of(target, shape, a, b);
        return Allocate(plan.Result, (kernels, a, b, target, plan), static (Array<TResult> result,
            (BinaryChoice<T, TResult> Kernels, Array<T> A, Array<T> B, DeviceStream Target, OperandLayout Plan) s) =>
        {
            if (s.Plan.Contiguous)
            {
                using FlatOperand<T> x = s.Plan.Bind(s.A), y = s.Plan.Bind(s.B);
                using FlatOperand<TResult> flat = s.Plan.Bind(result);
                s.Kernels.Contiguous(x.Array, y.Array, flat.Array, s.Target);
                return;
            }

            s.Kernels.General(s.A, s.B, result, s.Target);
        });
    }

    public static Array<TResult> Binary<T, TResult>(BinaryOp op, Array<T> a, T b, StreamOrDevice stream)
        where T : unmanaged where TResult : unmanaged
    {
        OpArguments.RequireUsable(a, op.Op, nameof(a));
        if (ByteElements.Involved<T, TResult>())
        {
            return ByteElements.Binary<T, TResult>(op, a, b, stream.Resolve());
        }

        var kernels = BinaryChoice<T, TResult>.Of(op);
        DeviceStream target = stream.Resolve();
        OperandLayout plan = OperandLayout.Of(target, a.ShapeSpan, a);
        return Allocate(plan.Result, (kernels, a, b, target, plan), static (Array<TResult> result,
            (BinaryChoice<T, TResult> Kernels, Array<T> A, T B, DeviceStream Target, OperandLayout Plan) s) =>
        {
            if (s.Plan.Contiguous)
            {
                using FlatOperand<T> x = s.Plan.Bind(s.A);
                using FlatOperand<TResult> flat = s.Plan.Bind(result);
                s.Kernels.ArrayScalar(x.Array, s.B, flat.Array, s.Target);
                return;
            }

            using Array<T> scalar = Scalar(s.B);
            s.Kernels.General(s.A, scalar, result, s.Target);
        });
    }

    public static Array<TResult> Binary<T, TResult>(BinaryOp op, T a, Array<T> b, StreamOrDevice stream)
        where T : unmanaged where TResult : unmanaged
    {
        OpArguments.RequireUsable(b, op.Op, nameof(b));
        if (ByteElements.Involved<T, TResult>())
        {
            return ByteElements.Binary<T, TResult>(op, a, b, stream.Resolve());
        }

        var kernels = BinaryChoice<T, TResult>.Of(op);
        DeviceStream target = stream.Resolve();
        OperandLayout plan = OperandLayout.Of(target, b.ShapeSpan, b);
        return Allocate(plan.Result, (kernels, a, b, target, plan), static (Array<TResult> result,
            (BinaryChoice<T, TResult> Kernels, T A, Array<T> B, DeviceStream Target, OperandLayout Plan) s) =>
        {
            if (s.Plan.Contiguous)
            {
                using FlatOperand<T> y = s.Plan.Bind(s.B);
                using FlatOperand<TResult> flat = s.Plan.Bind(result);
                s.Kernels.ScalarArray(s.A, y.Array, flat.Array, s.Target);
                return;
            }

            using Array<T> scalar = Scalar(s.A);
            s.Kernels.General(scalar, s.B, result, s.Target);
        });
    }

    public static Array<TResult> Unary<T, TResult>(UnaryOp op, Array<T> a, StreamOrDevice stream)
        where T : unmanaged where TResult : unmanaged
    {
        OpArguments.RequireUsable(a, op.Op, nameof(a));
        if (ByteElements.Involved<T, TResult>())
        {
            return ByteElements.Unary<T, TResult>(op, a, stream.Resolve());
        }

        UnaryKernels<T, TResult> kernels = op.Kernels<T, TResult>() ?? throw op.Unsupported(typeof(T));
        DeviceStream target = stream.Resolve();
        OperandLayout plan = OperandLayout.Of(target, a.ShapeSpan, a);
        return Allocate(plan.Result, (kernels, a, target, plan), static (Array<TResult> result,
            (UnaryKernels<T, TResult> Kernels, Array<T> A, DeviceStream Target, OperandLayout Plan) s) =>
        {
            using FlatOperand<T> x = s.Plan.BindOrCopy(s.A, s.Target);
            using FlatOperand<TResult> flat = s.Plan.Bind(result);
            s.Kernels.Contiguous(result.Length, x.Array, flat.Array, s.Target);
        });
    }

    /// <summary>
    /// <paramref name="a"/> converted element by element with C#'s conversions (a copy for the same type), keeping a
    /// dense permuted layout as the other element-wise ops do (not for 1-byte types).
    /// </summary>
    public static Array<TResult> AsType<T, TResult>(Array<T> a, StreamOrDevice stream) where T : unmanaged where TResult : unmanaged
    {
        OpArguments.RequireUsable(a, "AsType", nameof(a));
        if (!Convertible(typeof(T)) || !Convertible(typeof(TResult)))
        {
            throw new NotSupportedException(
                $"AsType cannot convert {ArrayFormatter.DtypeName(typeof(T))} to {ArrayFormatter.DtypeName(typeof(TResult))}; "
                + $"it converts between {ElementTypes.OpDtypeList}.");
        }

        DeviceStream target = stream.Resolve();
        if (typeof(T) == typeof(TResult))
        {
            return (Array<TResult>)(object)CopyKeepingLayout(a, target);
        }

        return ByteElements.Involved<T, TResult>()
            ? ByteElements.AsType<T, TResult>(a, target)
            : Unary<T, TResult>(ElementwiseOps.AsType, a, target);
    }

    /// <summary>
    /// A copy of <paramref name="a"/>: of its flat element range into a new array of its layout when that layout is kept
    /// (<see cref="KeptLayout"/>; not for 1-byte types, which copy through words), else a row-major copy.
    /// </summary>
    private static Array<T> CopyKeepingLayout<T>(Array<T> a, DeviceStream target) where T : unmanaged
    {
        if (ByteElements.IsByte<T>() || KeptLayout.Of(target, a) is not { } kept)
        {
            return Copy.Contiguous(a, target);
        }

        return Allocate(kept, (a, target), static (Array<T> result, (Array<T> A, DeviceStream Target) s) =>
        {
            using Array<T> source = KeptLayout.Flat(s.A);
            using Array<T> flat = KeptLayout.Flat(result);
            Copy.Into(source, flat, s.Target);
        });
    }

    /// <summary>
    /// A new row-major array of <paramref name="shape"/> that <paramref name="fill"/> queues the work for (skipped when
    /// it has no elements); disposed again if <paramref name="fill"/> throws.
    /// </summary>
    public static Array<TResult> Allocate<TResult>(int[] shape, Action<Array<TResult>> fill) where TResult : unmanaged
        => Allocate<TResult, Action<Array<TResult>>>(shape, fill, static (result, fill) => fill(result));

    /// <summary>
    /// <see cref="Allocate{TResult}(int[], Action{Array{TResult}})"/> with the arguments <paramref name="fill"/> needs
    /// passed as <paramref name="state"/>: a static lambda then allocates no closure (the per-op cost of a chain of
    /// small ops).
    /// </summary>
    public static Array<TResult> Allocate<TResult, TState>(int[] shape, TState state, Action<Array<TResult>, TState> fill)
        where TResult : unmanaged => Allocate(ArrayLayout.RowMajor(shape), state, fill);

    /// <summary>
    /// <see cref="Allocate{TResult, TState}(int[], TState, Action{Array{TResult}, TState})"/> into a new array of
    /// <paramref name="layout"/>: row-major, or the dense layout an element-wise result keeps (<see cref="KeptLayout"/>).
    /// </summary>
    public static Array<TResult> Allocate<TResult, TState>(ArrayLayout layout, TState state, Action<Array<TResult>, TState> fill)
        where TResult : unmanaged
    {
        var result = new Array<TResult>(layout, BufferContents.Undefined);
        try
        {
            if (result.Length > 0)
            {
                fill(result, state);
            }

            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    private static bool Convertible(Type type)
        => type == typeof(float) || type == typeof(double) || type == typeof(Half) || type == typeof(int) || type == typeof(uint)
            || type == typeof(long) || type == typeof(byte) || type == typeof(bool);

    /// <summary>A scalar array (shape <c>[]</c>) holding <paramref name="value"/>, to broadcast against a view.</summary>
    public static Array<T> Scalar<T>(T value) where T : unmanaged => Mx.Array([value], []);

    /// <summary>
    /// <paramref name="array"/> with the elements of <paramref name="layout"/> (its layout broadcast to
    /// <paramref name="shape"/>) as a row-major array bound in place: itself (a new hold) when it already is one,
    /// else a copy queued on <paramref name="target"/>.
    /// </summary>
    public static Array<T> Materialize<T>(Array<T> array, ArrayLayout layout, int[] shape, DeviceStream target) where T : unmanaged
    {
        if (array.ShapeSpan.SequenceEqual(shape) && OperandLayout.BindsInPlace(array, target))
        {
            return array.View(array.Layout);
        }

        var full = new Array<T>(shape, BufferContents.Undefined);
        try
        {
            using Array<T> view = array.View(layout);
            Copy.Into(view, full, target);
            return full;
        }
        catch
        {
            full.Dispose();
            throw;
        }
    }
}

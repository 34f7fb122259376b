using System;
using Tandem.Abi;
using Tandem.CompilerServices;
using Tandem.Memory;

namespace Tandem.Ops;

/// <summary>
/// Runs element-wise ops on any arrays: checks the arguments, broadcasts, allocates the result and picks the kernel by
/// layout, like MLX's vv / sv / vs / general split. Contiguous operands that the device binds in place run the
/// contiguous kernel (the SIMD loop on the CPU, four elements per thread on the GPU); an array with a C# scalar runs
/// the array-scalar kernel; operands sharing one dense permuted layout (<c>a.T + b.T</c>) run the contiguous kernels
/// over their flat element ranges and the result keeps that layout (<see cref="KeptLayout"/>); anything else (views,
/// broadcasting) runs the strided kernel over the merged axes, or, beyond three merged axes, the contiguous kernel on
/// row-major copies, into a row-major result. Unary ops copy any other view first.
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
        ArrayLayout layout = KeptLayout.Of(target, a, b) ?? ArrayLayout.RowMajor(shape);
        return Allocate(layout, (kernels, a, b, target), static (Array<TResult> result, (BinaryChoice<T, TResult> Kernels, Array<T> A, Array<T> B, DeviceStream Target) s) =>
        {
            if (KeptLayout.Keeps(result))
            {
                s.Kernels.RunFlat(s.A, s.B, result, s.Target);
                return;
            }

            s.Kernels.RunArrays(s.A, s.B, result, s.Target);
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
        ArrayLayout layout = KeptLayout.Of(target, a) ?? ArrayLayout.RowMajor(a.ShapeSpan);
        return Allocate(layout, (kernels, a, b, target), static (Array<TResult> result, (BinaryChoice<T, TResult> Kernels, Array<T> A, T B, DeviceStream Target) s) =>
        {
            if (KeptLayout.Keeps(result))
            {
                using Array<T> x = KeptLayout.Flat(s.A);
                using Array<TResult> flat = KeptLayout.Flat(result);
                s.Kernels.ArrayScalar(x, s.B, flat, s.Target);
                return;
            }

            if (BindsInPlace(s.A, s.Target))
            {
                s.Kernels.ArrayScalar(s.A, s.B, result, s.Target);
                return;
            }

            using Array<T> scalar = Scalar(s.B);
            s.Kernels.RunArrays(s.A, scalar, result, s.Target);
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
        ArrayLayout layout = KeptLayout.Of(target, b) ?? ArrayLayout.RowMajor(b.ShapeSpan);
        return Allocate(layout, (kernels, a, b, target), static (Array<TResult> result, (BinaryChoice<T, TResult> Kernels, T A, Array<T> B, DeviceStream Target) s) =>
        {
            if (KeptLayout.Keeps(result))
            {
                using Array<T> y = KeptLayout.Flat(s.B);
                using Array<TResult> flat = KeptLayout.Flat(result);
                s.Kernels.ScalarArray(s.A, y, flat, s.Target);
                return;
            }

            if (BindsInPlace(s.B, s.Target))
            {
                s.Kernels.ScalarArray(s.A, s.B, result, s.Target);
                return;
            }

            using Array<T> scalar = Scalar(s.A);
            s.Kernels.RunArrays(scalar, s.B, result, s.Target);
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
        ArrayLayout layout = KeptLayout.Of(target, a) ?? ArrayLayout.RowMajor(a.ShapeSpan);
        return Allocate(layout, (kernels, a, target), static (Array<TResult> result, (UnaryKernels<T, TResult> Kernels, Array<T> A, DeviceStream Target) s) =>
        {
            if (KeptLayout.Keeps(result))
            {
                using Array<T> x = KeptLayout.Flat(s.A);
                using Array<TResult> flat = KeptLayout.Flat(result);
                s.Kernels.Contiguous(flat.Length, x, flat, s.Target);
                return;
            }

            if (BindsInPlace(s.A, s.Target))
            {
                s.Kernels.Contiguous(result.Length, s.A, result, s.Target);
                return;
            }

            using Array<T> copy = Copy.Contiguous(s.A, s.Target);
            s.Kernels.Contiguous(result.Length, copy, result, s.Target);
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

    /// <summary>True when <paramref name="array"/> is row-major and bound in place on <paramref name="target"/>'s device.</summary>
    public static bool BindsInPlace(UnifiedArray array, DeviceStream target)
        => ViewBinding.CanBindInPlace(array, target.Executor.BufferOffsetAlignment);

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
        if (array.ShapeSpan.SequenceEqual(shape) && BindsInPlace(array, target))
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

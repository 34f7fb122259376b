using System;

namespace Tandem.Ops;

/// <summary>
/// The kernels a binary op runs for one element type: its own, falling back to its swapped twin's with the operands
/// exchanged (<c>s &lt; a</c> runs <c>Greater</c>'s array-scalar kernel as <c>a &gt; s</c>).
/// </summary>
internal readonly struct BinaryChoice<T, TResult> where T : unmanaged where TResult : unmanaged
{
    private readonly BinaryKernels<T, TResult>? _own;
    private readonly BinaryKernels<T, TResult>? _twin;
    private readonly string _op;

    private BinaryChoice(string op, BinaryKernels<T, TResult>? own, BinaryKernels<T, TResult>? twin)
    {
        _op = op;
        _own = own;
        _twin = twin;
    }

    /// <exception cref="NotSupportedException">The op has no kernels for <typeparamref name="T"/>.</exception>
    public static BinaryChoice<T, TResult> Of(BinaryOp op)
    {
        BinaryKernels<T, TResult>? own = op.Kernels<T, TResult>();
        BinaryKernels<T, TResult>? twin = op.Swapped?.Kernels<T, TResult>();
        return own is null && twin is null ? throw op.Unsupported(typeof(T)) : new BinaryChoice<T, TResult>(op.Op, own, twin);
    }

    /// <summary>
    /// <c>result = f(x, y)</c> for arrays of any layouts that broadcast to the row-major <paramref name="result"/>'s shape
    /// (the general path of <see cref="OperandLayout"/>): the strided kernel, or beyond three merged axes the contiguous
    /// kernel on row-major copies.
    /// </summary>
    public void General(Array<T> x, Array<T> y, Array<TResult> result, DeviceStream target)
    {
        if (!TryStrided(x, y, result, target))
        {
            Materialized(x, y, result.Shape, result, target);
        }
    }

    /// <summary>
    /// The contiguous kernel on row-major copies of <paramref name="x"/> and <paramref name="y"/> broadcast to
    /// <paramref name="shape"/> (the arrays themselves where they already are such), into <paramref name="result"/>.
    /// </summary>
    public void Materialized(Array<T> x, Array<T> y, int[] shape, Array<TResult> result, DeviceStream target)
    {
        using Array<T> fullX = Elementwise.Materialize(x, x.Layout.TryBroadcastTo(shape)!, shape, target);
        using Array<T> fullY = Elementwise.Materialize(y, y.Layout.TryBroadcastTo(shape)!, shape, target);
        Contiguous(fullX, fullY, result, target);
    }

    /// <summary>
    /// <c>result = f(x, y)</c> by the strided kernel, one element per thread, for arrays of any layouts that broadcast
    /// to the row-major <paramref name="result"/>'s shape; false (nothing queued) when more than three axes remain
    /// after merging (<see cref="StridedGrid.FitsKernel"/>).
    /// </summary>
    public bool TryStrided(Array<T> x, Array<T> y, Array<TResult> result, DeviceStream target)
    {
        int[] shape = result.Shape;
        StridedGrid grid = StridedGrid.Of(shape, x.Layout.TryBroadcastTo(shape)!, y.Layout.TryBroadcastTo(shape)!);
        if (!grid.FitsKernel)
        {
            return false;
        }

        (BinaryKernels<T, TResult> kernels, Array<T> first, Array<T> second, int firstIndex, int secondIndex) =
            Oriented(x, y, static k => k.Strided is not null, "strided");
        using var firstOperand = KernelOperand<T>.Cover(first);
        using var secondOperand = KernelOperand<T>.Cover(second);
        kernels.Strided!(grid.Extent, grid.Size(0), grid.Size(1),
            firstOperand.Offset, grid.Stride(firstIndex, 0), grid.Stride(firstIndex, 1), grid.Stride(firstIndex, 2),
            secondOperand.Offset, grid.Stride(secondIndex, 0), grid.Stride(secondIndex, 1), grid.Stride(secondIndex, 2), firstOperand.Binding, secondOperand.Binding, result, target);
        return true;
    }

    /// <summary>
    /// For an op with a bool result: <c>f(x, y)</c> into <paramref name="words"/>, the row-major result of
    /// <paramref name="shape"/> four elements to a word, by a packed strided kernel (one word per thread) for arrays of
    /// any layouts that broadcast to <paramref name="shape"/>: a rows kernel where the rows are whole words and each
    /// operand steps by one element along them or stays on one (the CPU runs those as SIMD), else the kernel of any
    /// strides; false (nothing queued) when more than three axes remain after merging (<see cref="StridedGrid.FitsKernel"/>).
    /// </summary>
    public bool TryPackedStrided(Array<T> x, Array<T> y, int[] shape, Array<uint> words, DeviceStream target)
    {
        StridedGrid grid = StridedGrid.Of(shape, x.Layout.TryBroadcastTo(shape)!, y.Layout.TryBroadcastTo(shape)!);
        if (!grid.FitsKernel)
        {
            return false;
        }

        (BinaryKernels<T, TResult> kernels, Array<T> first, Array<T> second, int firstIndex, int secondIndex) =
            Oriented(x, y, static k => k.PackedStrided is not null, "packed strided");
        using var firstOperand = KernelOperand<T>.Cover(first);
        using var secondOperand = KernelOperand<T>.Cover(second);
        if (grid.Size(0) % 4 == 0 && Rows(kernels, grid.Stride(firstIndex, 0), grid.Stride(secondIndex, 0)) is { } rows)
        {
            rows(new Index3D(grid.Size(0) / 4, grid.Size(1), grid.Size(2)), grid.Size(0) / 4, grid.Size(1),
                firstOperand.Offset, grid.Stride(firstIndex, 1), grid.Stride(firstIndex, 2),
                secondOperand.Offset, grid.Stride(secondIndex, 1), grid.Stride(secondIndex, 2), firstOperand.Binding, secondOperand.Binding, words, target);
            return true;
        }

        kernels.PackedStrided!(words.Length, ArrayLayout.RowMajor(shape).Length, grid.Size(0), grid.Size(1),
            firstOperand.Offset, grid.Stride(firstIndex, 0), grid.Stride(firstIndex, 1), grid.Stride(firstIndex, 2),
            secondOperand.Offset, grid.Stride(secondIndex, 0), grid.Stride(secondIndex, 1), grid.Stride(secondIndex, 2), firstOperand.Binding, secondOperand.Binding, words, target);
        return true;
    }

    /// <summary>
    /// The kernels that have a layout's kernel (<paramref name="has"/>) and the operands in their order: the op's own
    /// with <paramref name="x"/> first, else its swapped twin's, which computes f(x, y) as g(y, x), so the operands
    /// exchange places and so do the indices of their strides in a <see cref="StridedGrid"/> (0 for x, 1 for y).
    /// </summary>
    private (BinaryKernels<T, TResult> Kernels, Array<T> First, Array<T> Second, int FirstIndex, int SecondIndex) Oriented(
        Array<T> x, Array<T> y, Func<BinaryKernels<T, TResult>, bool> has, string layout)
        => _own is { } own && has(own) ? (own, x, y, 0, 1)
            : _twin is { } twin && has(twin) ? (twin, y, x, 1, 0)
            : throw Missing(layout);

    /// <summary>
    /// The rows kernel for operands whose innermost strides are <paramref name="first"/> and <paramref name="second"/>:
    /// each 1 (steps along the row) or 0 (one element per row), not both 0; else null.
    /// </summary>
    private static PackedRowsBinaryLauncher<T>? Rows(BinaryKernels<T, TResult> kernels, int first, int second) => (first, second) switch
    {
        (1, 1) => kernels.PackedRows,
        (1, 0) => kernels.PackedRowsArrayScalar,
        (0, 1) => kernels.PackedRowsScalarArray,
        _ => null,
    };

    /// <summary><c>result = f(x, s)</c> for a contiguous <paramref name="x"/>.</summary>
    public void ArrayScalar(Array<T> x, T s, Array<TResult> result, DeviceStream target)
    {
        if (_own?.ArrayScalar is { } own)
        {
            own(result.Length, s, x, result, target);
        }
        else
        {
            (_twin?.ScalarArray ?? throw Missing("array-scalar"))(result.Length, s, x, result, target);
        }
    }

    /// <summary><c>result = f(s, y)</c> for a contiguous <paramref name="y"/>.</summary>
    public void ScalarArray(T s, Array<T> y, Array<TResult> result, DeviceStream target)
    {
        if (_own?.ScalarArray is { } own)
        {
            own(result.Length, s, y, result, target);
        }
        else
        {
            (_twin?.ArrayScalar ?? throw Missing("scalar-array"))(result.Length, s, y, result, target);
        }
    }

    /// <summary>
    /// The contiguous kernel over <paramref name="result"/>'s length: one thread per element, or for a bool result one
    /// per word of four elements (<paramref name="result"/> is then the words).
    /// </summary>
    public void Contiguous(Array<T> x, Array<T> y, Array<TResult> result, DeviceStream target)
    {
        if (_own?.Contiguous is { } own)
        {
            own(result.Length, x, y, result, target);
        }
        else
        {
            (_twin?.Contiguous ?? throw Missing("contiguous"))(result.Length, y, x, result, target);
        }
    }

    private InvalidOperationException Missing(string layout)
        => new($"Mx.{_op} has no {layout} kernel for {ArrayFormatter.DtypeName(typeof(T))}, and neither has its swapped twin.");
}

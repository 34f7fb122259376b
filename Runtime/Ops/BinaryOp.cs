using System;

namespace Tandem.Ops;

/// <summary>
/// The kernels of a binary element-wise op for one element type, by layout: both operands contiguous, an array with a
/// scalar on the right or on the left, and strided (any views, broadcasting included): <see cref="Strided"/> one
/// element per thread, or for a bool result one word of four elements per thread: <see cref="PackedStrided"/> for any
/// layouts, and where the rows are whole words <see cref="PackedRows"/> (both operands step by one element along them),
/// <see cref="PackedRowsArrayScalar"/> (the second operand stays on one element per row) or
/// <see cref="PackedRowsScalarArray"/> (the first does). A null layout is borrowed from the op's
/// <see cref="BinaryOp.Swapped"/> twin.
/// </summary>
internal sealed record BinaryKernels<T, TResult>(
    BinaryLauncher<T, TResult>? Contiguous,
    ScalarBinaryLauncher<T, TResult>? ArrayScalar,
    ScalarBinaryLauncher<T, TResult>? ScalarArray,
    StridedBinaryLauncher<T, TResult>? Strided,
    PackedStridedBinaryLauncher<T>? PackedStrided = null,
    PackedRowsBinaryLauncher<T>? PackedRows = null,
    PackedRowsBinaryLauncher<T>? PackedRowsArrayScalar = null,
    PackedRowsBinaryLauncher<T>? PackedRowsScalarArray = null)
    where T : unmanaged where TResult : unmanaged;

/// <summary>A binary element-wise op: its kernels by element type, and how it relates to itself with swapped operands.</summary>
internal sealed class BinaryOp : KernelTable
{
    private readonly Func<BinaryOp>? _swapped;

    /// <param name="op">The op's name.</param>
    /// <param name="supported">The element types it takes, for messages (see <see cref="KernelTable"/>).</param>
    /// <param name="swapped">The op computing this one with the operands swapped (<c>Greater</c> for <c>Less</c>), if any.</param>
    public BinaryOp(string op, string? supported, Func<BinaryOp>? swapped = null)
        : base(op, supported) => _swapped = swapped;

    /// <summary><c>f(a, b) = g(b, a)</c> for this g; null when no op does (<c>Subtract</c>).</summary>
    public BinaryOp? Swapped => _swapped?.Invoke();

    /// <summary>An op equal to itself with its operands swapped (<c>Add</c>).</summary>
    public static BinaryOp Commutative(string op, string? supported)
    {
        BinaryOp? self = null;
        self = new BinaryOp(op, supported, () => self!);
        return self;
    }

    public BinaryOp With<T, TResult>(BinaryKernels<T, TResult> kernels) where T : unmanaged where TResult : unmanaged
    {
        Register<T, TResult>(kernels);
        return this;
    }

    /// <summary>For an op of bool arrays: its kernel on whole words of them (four elements per thread), or null.</summary>
    public BoolWordsLauncher? Words { get; private set; }

    public BinaryOp WithWords(BoolWordsLauncher words)
    {
        Words = words;
        return this;
    }

    /// <summary>The kernels for <typeparamref name="T"/>, or null.</summary>
    public BinaryKernels<T, TResult>? Kernels<T, TResult>() where T : unmanaged where TResult : unmanaged
        => Find<T, TResult, BinaryKernels<T, TResult>>();
}

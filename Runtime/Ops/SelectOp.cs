namespace Tandem.Ops;

/// <summary>
/// The kernels of <c>Mx.Where</c> for one element type: every operand contiguous and of the result's shape (two arrays,
/// or an array and a scalar on either side), one thread per word of the condition; and strided (any views,
/// broadcasting included), one thread per element. All read the condition as the packed bytes of a bool array.
/// </summary>
internal sealed record SelectKernels<T>(
    SelectLauncher<T> Contiguous,
    ScalarSelectLauncher<T> ArrayScalar,
    ScalarSelectLauncher<T> ScalarArray,
    StridedSelectLauncher<T> Strided) where T : unmanaged;

/// <summary>A selection between two operands by a condition (<c>Mx.Where</c>): its kernels by element type.</summary>
internal sealed class SelectOp(string op) : KernelTable(op, "every element type")
{
    public SelectOp With<T>(SelectKernels<T> kernels) where T : unmanaged
    {
        Register<T, T>(kernels);
        return this;
    }

    /// <summary>The kernels for <typeparamref name="T"/>, or null.</summary>
    public SelectKernels<T>? Kernels<T>() where T : unmanaged => Find<T, T, SelectKernels<T>>();
}

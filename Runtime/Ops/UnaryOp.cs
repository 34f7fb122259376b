namespace Tandem.Ops;

/// <summary>The kernel of a unary element-wise op for one element type: contiguous input and result.</summary>
internal sealed record UnaryKernels<T, TResult>(UnaryLauncher<T, TResult> Contiguous) where T : unmanaged where TResult : unmanaged;

/// <summary>A unary element-wise op (or a conversion): its kernels by input and result element type.</summary>
internal sealed class UnaryOp(string op, string? supported) : KernelTable(op, supported)
{
    public UnaryOp With<T, TResult>(UnaryKernels<T, TResult> kernels) where T : unmanaged where TResult : unmanaged
    {
        Register<T, TResult>(kernels);
        return this;
    }

    /// <summary>For an op of a bool array: its kernel on whole words of it (four elements per thread), or null.</summary>
    public UnaryBoolWordsLauncher? Words { get; private set; }

    public UnaryOp WithWords(UnaryBoolWordsLauncher words)
    {
        Words = words;
        return this;
    }

    /// <summary>The kernels for <typeparamref name="T"/> to <typeparamref name="TResult"/>, or null.</summary>
    public UnaryKernels<T, TResult>? Kernels<T, TResult>() where T : unmanaged where TResult : unmanaged
        => Find<T, TResult, UnaryKernels<T, TResult>>();
}

using System;

namespace Tandem.Ops.Reduction;

/// <summary>
/// The reduction kernels of one element type <typeparamref name="T"/>, accumulated in <typeparamref name="TAcc"/>: per
/// op, the kernel for runs of any layout and, where the type has them, the kernels that load four elements at once;
/// and the kernel of <c>ArgMax</c>/<c>ArgMin</c>. The sets are written by tools/OpKernelWriter
/// (<c>Generated/ReduceTables.g.cs</c>).
/// </summary>
internal sealed class ReduceKernelSet<T, TAcc> where T : unmanaged where TAcc : unmanaged
{
    private static readonly int s_opCount = Enum.GetValues<ReduceOp>().Length;

    private readonly ReduceLauncher<T, TAcc>?[] _general = new ReduceLauncher<T, TAcc>?[s_opCount];
    private readonly ReduceRows4Launcher?[] _rows4 = new ReduceRows4Launcher?[s_opCount];
    private readonly ReduceColumns4Launcher?[] _columns4 = new ReduceColumns4Launcher?[s_opCount];

    public ReduceKernelSet(ArgReduceLauncher<T, TAcc> argReduce) => ArgReduce = argReduce;

    /// <summary>The first extreme element of each run and its index.</summary>
    public ArgReduceLauncher<T, TAcc> ArgReduce { get; }

    /// <summary>Adds <paramref name="op"/>'s kernels.</summary>
    public ReduceKernelSet<T, TAcc> With(ReduceOp op, ReduceLauncher<T, TAcc> general, ReduceRows4Launcher? rows4 = null,
        ReduceColumns4Launcher? columns4 = null)
    {
        _general[(int)op] = general;
        _rows4[(int)op] = rows4;
        _columns4[(int)op] = columns4;
        return this;
    }

    /// <summary>The kernel of <paramref name="op"/> for runs of any layout.</summary>
    /// <exception cref="InvalidOperationException">The type has no such kernel (the callers check the types an op takes first).</exception>
    public ReduceLauncher<T, TAcc> General(ReduceOp op) => _general[(int)op]
        ?? throw new InvalidOperationException($"No {op} reduction kernel for {typeof(T).Name} elements.");

    /// <summary>The kernel of <paramref name="op"/> for contiguous runs, four elements per load; null where the type has none.</summary>
    public ReduceRows4Launcher? Rows4(ReduceOp op) => _rows4[(int)op];

    /// <summary>The kernel of <paramref name="op"/> for four neighbouring columns per load; null where the type has none.</summary>
    public ReduceColumns4Launcher? Columns4(ReduceOp op) => _columns4[(int)op];
}

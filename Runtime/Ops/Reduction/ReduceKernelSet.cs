using System;

namespace Tandem.Ops.Reduction;

/// <summary>
/// The reduction kernels of one element type <typeparamref name="T"/>, accumulated in <typeparamref name="TAcc"/>: per
/// op, the kernel for runs of any layout and, where the type has them, the kernels that load four elements at once;
/// for row reductions on devices with subgroup arithmetic, those that combine through subgroups; the kernel of
/// <c>ArgMax</c>/<c>ArgMin</c>; for floating-point types the softmax's last step; and where the type has
/// them, <c>CumSum</c>'s. The sets are written by tools/OpKernelWriter (<c>Generated/ReduceTables.g.cs</c>).
/// </summary>
internal sealed class ReduceKernelSet<T, TAcc> where T : unmanaged where TAcc : unmanaged
{
    private static readonly int s_opCount = Enum.GetValues<ReduceOp>().Length;

    private readonly ReduceLauncher<T, TAcc>?[] _general = new ReduceLauncher<T, TAcc>?[s_opCount];
    private readonly ReduceRows4Launcher?[] _rows4 = new ReduceRows4Launcher?[s_opCount];
    private readonly ReduceColumns4Launcher?[] _columns4 = new ReduceColumns4Launcher?[s_opCount];
    private readonly ReduceLauncher<T, TAcc>?[] _generalSubgroups = new ReduceLauncher<T, TAcc>?[s_opCount];
    private readonly ReduceRows4Launcher?[] _rows4Subgroups = new ReduceRows4Launcher?[s_opCount];
    private readonly ScanKernelPair<T, TAcc>? _scans;

    public ReduceKernelSet(ArgReduceLauncher<T, TAcc> argReduce) => ArgReduce = argReduce;

    /// <summary>The first extreme element of each run and its index.</summary>
    public ArgReduceLauncher<T, TAcc> ArgReduce { get; }

    /// <summary>The softmax's last step; null for types a softmax does not take (integers).</summary>
    public SoftmaxLauncher<T, TAcc>? Softmax { get; init; }

    /// <summary><c>CumSum</c>'s kernels.</summary>
    /// <exception cref="InvalidOperationException">The type has none (uint32 runs int32's).</exception>
    public ScanKernelPair<T, TAcc> Scans
    {
        get => _scans ?? throw new InvalidOperationException($"No CumSum kernels for {typeof(T).Name} elements.");
        init => _scans = value;
    }

    /// <summary>Adds <paramref name="op"/>'s kernels.</summary>
    public ReduceKernelSet<T, TAcc> With(ReduceOp op, ReduceLauncher<T, TAcc> general, ReduceRows4Launcher? rows4 = null,
        ReduceColumns4Launcher? columns4 = null)
    {
        _general[(int)op] = general;
        _rows4[(int)op] = rows4;
        _columns4[(int)op] = columns4;
        return this;
    }

    /// <summary>
    /// Adds <paramref name="op"/>'s row-reduction kernels (<c>lanes = 1</c>) that combine a group's values through its
    /// subgroups (<see cref="Wave"/>): the general one and, where the type has it, the one of four elements per load.
    /// </summary>
    public ReduceKernelSet<T, TAcc> WithSubgroups(ReduceOp op, ReduceLauncher<T, TAcc> general, ReduceRows4Launcher? rows4 = null)
    {
        _generalSubgroups[(int)op] = general;
        _rows4Subgroups[(int)op] = rows4;
        return this;
    }

    /// <summary>The kernel of <paramref name="op"/> for runs of any layout.</summary>
    /// <exception cref="InvalidOperationException">The type has no such kernel (the callers check the types an op takes first).</exception>
    public ReduceLauncher<T, TAcc> General(ReduceOp op) => _general[(int)op]
        ?? throw new InvalidOperationException($"No {op} reduction kernel for {typeof(T).Name} elements.");

    /// <summary>The kernel of <paramref name="op"/> for contiguous runs, four elements per load; null where the type has none.</summary>
    public ReduceRows4Launcher? Rows4(ReduceOp op) => _rows4[(int)op];

    /// <summary>The subgroup form of <see cref="General"/> for row reductions; null where the op and type have none.</summary>
    public ReduceLauncher<T, TAcc>? GeneralSubgroups(ReduceOp op) => _generalSubgroups[(int)op];

    /// <summary>The subgroup form of <see cref="Rows4"/> for row reductions; null where the op and type have none.</summary>
    public ReduceRows4Launcher? Rows4Subgroups(ReduceOp op) => _rows4Subgroups[(int)op];

    /// <summary>The kernel of <paramref name="op"/> for four neighbouring columns per load; null where the type has none.</summary>
    public ReduceColumns4Launcher? Columns4(ReduceOp op) => _columns4[(int)op];
}

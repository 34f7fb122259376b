using System;

namespace Tandem.Ops.Reduction;

/// <summary>The axes a reduction op was given: all of them (the overload without axes) or a list.</summary>
internal readonly struct AxesArgument
{
    private readonly int[]? _axes;

    private AxesArgument(int[]? axes) => _axes = axes;

    /// <summary>Every axis: the result has shape <c>[]</c> (or all ones when keeping dimensions).</summary>
    public static AxesArgument Every => default;

    /// <summary>True for <see cref="Every"/>.</summary>
    public bool All => _axes is null;

    /// <summary>The listed axes (empty for <see cref="Every"/>).</summary>
    public ReadOnlySpan<int> Axes => _axes;

    /// <summary>One axis.</summary>
    public static AxesArgument One(int axis) => new([axis]);

    /// <summary>The axes listed (none: nothing is reduced, as in NumPy's <c>axis=()</c>).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="axes"/> is null.</exception>
    public static AxesArgument Of(int[] axes, string op)
        => new(axes ?? throw new ArgumentNullException(nameof(axes), $"Mx.{op}: 'axes' is null; pass the axes to reduce, or call the overload without axes to reduce them all."));
}

using System;

namespace Tandem;

/// <summary>A two-dimensional thread index or extent.</summary>
/// <param name="X">The column (fastest-varying coordinate).</param>
/// <param name="Y">The row.</param>
public readonly record struct Index2D(int X, int Y)
{
    /// <summary>Converts a tuple <c>(x, y)</c> to an index.</summary>
    /// <param name="value">The coordinates.</param>
    public static implicit operator Index2D((int X, int Y) value) => new(value.X, value.Y);

    /// <summary>Converts a tuple <c>(x, y)</c> to an index.</summary>
    /// <param name="value">The coordinates.</param>
    /// <returns>The index.</returns>
    public static Index2D FromValueTuple((int X, int Y) value) => value;

    /// <summary>The number of threads an extent of this size covers (<c>X * Y</c>).</summary>
    public long Count => (long)X * Y;

    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant($"({X}, {Y})");
}

using System;

namespace Tandem;

/// <summary>A three-dimensional thread index or extent.</summary>
/// <param name="X">The fastest-varying coordinate.</param>
/// <param name="Y">The middle coordinate.</param>
/// <param name="Z">The slowest-varying coordinate.</param>
public readonly record struct Index3D(int X, int Y, int Z)
{
    /// <summary>Converts a tuple <c>(x, y, z)</c> to an index.</summary>
    /// <param name="value">The coordinates.</param>
    public static implicit operator Index3D((int X, int Y, int Z) value) => new(value.X, value.Y, value.Z);

    /// <summary>Converts a tuple <c>(x, y, z)</c> to an index.</summary>
    /// <param name="value">The coordinates.</param>
    /// <returns>The index.</returns>
    public static Index3D FromValueTuple((int X, int Y, int Z) value) => value;

    /// <summary>The number of threads an extent of this size covers (<c>X * Y * Z</c>).</summary>
    public long Count => (long)X * Y * Z;

    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant($"({X}, {Y}, {Z})");
}

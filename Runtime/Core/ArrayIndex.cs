using System;
using System.Globalization;

namespace Tandem;

/// <summary>
/// One entry of an array indexer: an integer (selects one position and drops the axis; negative counts from the end),
/// an <see cref="Index"/> such as <c>^1</c>, or a <see cref="Range"/> such as <c>1..3</c>, <c>..</c> or <c>^2..</c>
/// (keeps the axis). Converts implicitly, so <c>a[1]</c>, <c>a[1..3, ..]</c> and <c>a[.., ^1]</c> all read naturally.
/// </summary>
public readonly struct ArrayIndex : IEquatable<ArrayIndex>
{
    private readonly Index _index;
    private readonly Range _range;
    private readonly int _integer;
    private readonly Kind _kind;

    private ArrayIndex(Kind kind, int integer, Index index, Range range)
    {
        _kind = kind;
        _integer = integer;
        _index = index;
        _range = range;
    }

    private enum Kind : byte
    {
        Integer,
        Index,
        Range,
    }

    /// <summary>Selects position <paramref name="index"/> (negative counts from the end) and drops the axis.</summary>
    /// <param name="index">The position.</param>
    public static implicit operator ArrayIndex(int index) => FromInt32(index);

    /// <summary>Selects one position, counted from the start or (<c>^k</c>) the end, and drops the axis.</summary>
    /// <param name="index">The position.</param>
    public static implicit operator ArrayIndex(Index index) => FromIndex(index);

    /// <summary>Selects the positions of <paramref name="range"/> and keeps the axis.</summary>
    /// <param name="range">The positions.</param>
    public static implicit operator ArrayIndex(Range range) => FromRange(range);

    /// <summary>Selects position <paramref name="index"/> (negative counts from the end) and drops the axis.</summary>
    /// <param name="index">The position.</param>
    /// <returns>The index entry.</returns>
    public static ArrayIndex FromInt32(int index) => new(Kind.Integer, index, default, default);

    /// <summary>Selects one position, counted from the start or the end, and drops the axis.</summary>
    /// <param name="index">The position.</param>
    /// <returns>The index entry.</returns>
    public static ArrayIndex FromIndex(Index index) => new(Kind.Index, 0, index, default);

    /// <summary>Selects a range of positions and keeps the axis.</summary>
    /// <param name="range">The positions.</param>
    /// <returns>The index entry.</returns>
    public static ArrayIndex FromRange(Range range) => new(Kind.Range, 0, default, range);

    /// <summary>Compares two entries.</summary>
    /// <param name="left">One entry.</param>
    /// <param name="right">The other.</param>
    /// <returns>True when both select the same way.</returns>
    public static bool operator ==(ArrayIndex left, ArrayIndex right) => left.Equals(right);

    /// <summary>Compares two entries.</summary>
    /// <param name="left">One entry.</param>
    /// <param name="right">The other.</param>
    /// <returns>True when they select differently.</returns>
    public static bool operator !=(ArrayIndex left, ArrayIndex right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(ArrayIndex other) =>
        _kind == other._kind && _integer == other._integer && _index.Equals(other._index) && _range.Equals(other._range);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ArrayIndex other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_kind, _integer, _index, _range);

    /// <inheritdoc />
    public override string ToString() => _kind switch
    {
        Kind.Integer => _integer.ToString(CultureInfo.InvariantCulture),
        Kind.Index => _index.ToString(),
        _ => _range.ToString(),
    };

    /// <summary>The first position, the number of positions and whether the axis stays, for an axis of <paramref name="size"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The entry falls outside the axis.</exception>
    internal (int Start, int Length, bool KeepAxis) Resolve(int axis, int size, int[] shape)
    {
        switch (_kind)
        {
            case Kind.Integer:
            {
                int position = _integer < 0 ? size + _integer : _integer;
                if (position < 0 || position >= size)
                {
                    throw OutOfRange(axis, size, shape);
                }

                return (position, 1, false);
            }

            case Kind.Index:
            {
                int position = _index.GetOffset(size);
                if (position < 0 || position >= size)
                {
                    throw OutOfRange(axis, size, shape);
                }

                return (position, 1, false);
            }

            default:
            {
                int start = _range.Start.GetOffset(size);
                int end = _range.End.GetOffset(size);
                if (start < 0 || end > size || start > end)
                {
                    throw OutOfRange(axis, size, shape);
                }

                return (start, end - start, true);
            }
        }
    }

    private ArgumentOutOfRangeException OutOfRange(int axis, int size, int[] shape) => new(
        "indices",
        string.Create(CultureInfo.InvariantCulture,
            $"Index {this} is outside axis {axis} (of size {size}) of an array of shape {UnifiedArray.FormatShape(shape)}."));
}

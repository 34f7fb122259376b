using System;
using System.Collections.Generic;
using System.Linq;

namespace Tandem.OpKernelWriter;

/// <summary>How a binary op relates to the same op with its operands swapped, which decides the kernels it needs.</summary>
public enum Symmetry
{
    /// <summary><c>f(a, b) = f(b, a)</c>: the scalar-on-the-left case runs the array-scalar kernel.</summary>
    Commutative,

    /// <summary>No swap helps: every layout has its own kernel.</summary>
    None,

    /// <summary>
    /// <c>f(a, b) = g(b, a)</c> for the op named by <see cref="BinaryOp.Swapped"/> (<c>a &gt; b</c> is
    /// <c>b &lt; a</c>): this op has only the array-scalar kernel, and borrows the others from <c>g</c>.
    /// </summary>
    BorrowsFromSwapped,
}

/// <summary>Which public file an op's <c>Mx</c> methods go to, and how they are documented.</summary>
public enum OpGroup
{
    Arithmetic,
    Math,
    Comparison,
}

/// <summary>One element-wise op: everything the writer needs to emit its kernels, its table entry and its Mx methods.</summary>
/// <param name="Name">The op's name: <c>Mx.Add</c>, <c>AddKernels</c>.</param>
/// <param name="Group">Where its Mx methods go.</param>
/// <param name="Summary">The XML summary of its Mx methods (plain text; the writer escapes it).</param>
/// <param name="Types">The element types it takes.</param>
/// <param name="Expression">
/// The C# expression of one element for an element type, in terms of the operands <c>a</c> (and <c>b</c>), each a
/// local of that type. Kernels may call <c>ElementMath</c>'s helpers.
/// </param>
/// <param name="Result">The result's element type for an input type: the same type, or bool for a predicate.</param>
public abstract record ElementwiseOp(string Name, OpGroup Group, string Summary, IReadOnlyList<ElementType> Types,
    Func<ElementType, string> Expression, Func<ElementType, ElementType> Result)
{
    /// <summary>Extra documentation (semantics that differ from what the summary suggests); plain text.</summary>
    public string? Remarks { get; init; }

    /// <summary>
    /// For an op of bool arrays: the op on whole words of them (<c>a &amp; b</c>), each byte's high bit set where the
    /// element is true, which the words kernel applies to four elements at once; null for none.
    /// </summary>
    public string? WordExpression { get; init; }

    /// <summary>The generic constraint of the Mx methods beyond <c>unmanaged</c>, which rejects other types at compile time.</summary>
    public string Constraint => Types.Count == ElementType.All.Count ? string.Empty
        : Types.SequenceEqual(ElementType.Floats) ? ", IFloatingPointIeee754<T>"
        : ", INumber<T>";

    /// <summary>True for an op of bool arrays only (the logical ops): its Mx methods are not generic.</summary>
    public bool BoolOnly => Types.Count == 1 && Types[0] == ElementType.Bool;

    /// <summary>The types kernels are written for: each of <see cref="Types"/> as its kernels store it.</summary>
    public IEnumerable<ElementType> KernelTypes => Types.Select(t => t.Stored).Distinct();

    /// <summary>The C# name of the Mx methods' element type and result element type: <c>T</c>, or bool.</summary>
    public (string Element, string Result) ApiTypes => BoolOnly ? ("bool", "bool") : ("T", Result(ElementType.Float) == ElementType.Bool ? "bool" : "T");

    public static ElementType SameType(ElementType type) => type;
}

/// <summary>An op of two operands, arrays or scalars, broadcast against each other.</summary>
public sealed record BinaryOp(string Name, OpGroup Group, string Summary, IReadOnlyList<ElementType> Types,
    Func<ElementType, string> Expression, Symmetry Symmetry, Func<ElementType, ElementType> Result)
    : ElementwiseOp(Name, Group, Summary, Types, Expression, Result)
{
    /// <summary>The op that computes this one with the operands swapped, for <see cref="Symmetry.BorrowsFromSwapped"/> (and its partner).</summary>
    public string? Swapped { get; init; }

    /// <summary>The operator Mx documents for the op, as <c>a + b</c>.</summary>
    public required string Spelled { get; init; }

    public bool HasContiguous => Symmetry != Symmetry.BorrowsFromSwapped;

    public bool HasScalarArray => Symmetry == Symmetry.None;

    public bool HasStrided => Symmetry != Symmetry.BorrowsFromSwapped;
}

/// <summary>An op of one array.</summary>
public sealed record UnaryOp(string Name, OpGroup Group, string Summary, IReadOnlyList<ElementType> Types,
    Func<ElementType, string> Expression, Func<ElementType, ElementType> Result)
    : ElementwiseOp(Name, Group, Summary, Types, Expression, Result);

using System.Collections.Generic;
using System.Linq;
using static Tandem.OpKernelWriter.ElementType;

namespace Tandem.OpKernelWriter;

/// <summary>
/// One reduction op: how an element enters the accumulator and how two accumulators combine. The writer emits its
/// kernels per element type and layout (<see cref="ReduceKernelSources"/>) and its row of the runtime's table
/// (<see cref="ReduceTableSource"/>).
/// </summary>
/// <param name="Name">The op's name: <c>ReduceOp.Sum</c>, <c>ReduceKernels.SumFloat32</c>.</param>
/// <param name="Summary">What a run reduces to (plain text, for the kernels' and the enum's documentation).</param>
/// <param name="Types">The element types it takes.</param>
/// <param name="Identity">The accumulator's starting value, for the accumulator type.</param>
/// <param name="Combine">
/// Two accumulators (C# expressions) combined, for the accumulator type; associative, so that threads and segments may
/// combine in any tree.
/// </param>
/// <param name="Element">
/// What one element <c>v</c> contributes, given the run's center <c>c</c> (both expressions of the accumulator type),
/// for the accumulator type; null when the element itself is combined. An op with an element function reads a center
/// per run and reduces its partial results with <see cref="Partials"/>.
/// </param>
public sealed record ReduceOp(string Name, string Summary, IReadOnlyList<ElementType> Types, System.Func<ElementType, string> Identity,
    System.Func<ElementType, System.Func<string, string, string>> Combine, System.Func<ElementType, System.Func<string, string, string>>? Element = null)
{
    /// <summary>True when <see cref="Combine"/> also combines <c>Vector4</c> accumulators lane by lane, as written.</summary>
    public bool CombinesVectors { get; init; }

    /// <summary>True when <see cref="Element"/> also applies to <c>Vector4</c> elements and centers, as written.</summary>
    public bool ElementOfVectors { get; init; }

    /// <summary>
    /// The <c>Wave</c> operation that combines the accumulators of a subgroup's lanes as <see cref="Combine"/> does two
    /// (<c>Sum</c>, <c>Product</c>, <c>Max</c>, <c>Min</c>): the op's row reductions then also have subgroup kernels.
    /// </summary>
    public string? Subgroup { get; init; }

    /// <summary>
    /// True when a NaN among the values wins (Max, Min): SPIR-V's <c>FMax</c>/<c>FMin</c> leave NaN operands open, so the
    /// subgroup kernels of floating-point accumulators vote on NaN first.
    /// </summary>
    public bool NaNWins { get; init; }

    /// <summary>True when each run has a center (an input of the kernel).</summary>
    public bool Centered => Element is not null;

    /// <summary>The op that reduces this one's partial results: itself, or (when elements are transformed) the op that adds them.</summary>
    public string Partials => Centered ? ReduceCatalog.Sum.Name : Name;
}

/// <summary>
/// The one definition of each reduction op (its identity, how it combines, what an element contributes) and of the
/// element types the reductions take. Everything else (kernels per type and layout, the runtime's table, the op enum)
/// is written from here, but for the CPU's hand-written reductions along a strided axis
/// (Runtime/Ops/Reduction/CpuColumns.cs), which write each op again with SIMD vectors: a new op runs the kernels there
/// until it is added to them.
/// </summary>
public static class ReduceCatalog
{
    public static readonly ReduceOp Sum = new("Sum", "The sum", [Float, Double, Half, Int, UInt, Long], t => t.Literal(0), _ => (a, b) => $"{a} + {b}")
    {
        CombinesVectors = true,
        Subgroup = "Sum",
    };

    /// <summary>The sum of exp(x - center): behind a log-sum-exp, and the sums a softmax divides by.</summary>
    public static readonly ReduceOp ExpDeviation = new("ExpDeviation", "The sum of exp(x - center), behind a log-sum-exp and a softmax", Floats,
        t => t.Literal(0), _ => (a, b) => $"{a} + {b}", t => (v, c) => $"{MathClass(t)}.Exp({v} - {c})")
    {
        CombinesVectors = true,
        Subgroup = "Sum",
    };

    /// <summary>Every reduction op, in the order of the runtime's enum.</summary>
    public static readonly IReadOnlyList<ReduceOp> Ops =
    [
        Sum,
        new("Prod", "The product", Sum.Types, t => t.Literal(1), _ => (a, b) => $"{a} * {b}") { CombinesVectors = true, Subgroup = "Product" },
        new("Max", "The largest element; NaN wins, as in NumPy", Sum.Types, Lowest, t => Pick(t, ">")) { Subgroup = "Max", NaNWins = true },
        new("Min", "The smallest element; NaN wins", Sum.Types, Highest, t => Pick(t, "<")) { Subgroup = "Min", NaNWins = true },
        new("SquaredDeviation", "The sum of (x - center)², behind a variance", Floats, t => t.Literal(0), _ => (a, b) => $"{a} + {b}",
            _ => (v, c) => $"({v} - {c}) * ({v} - {c})")
        {
            CombinesVectors = true,
            ElementOfVectors = true,
            Subgroup = "Sum",
        },
        ExpDeviation,
    ];

    /// <summary>The op whose running results <c>CumSum</c> gives.</summary>
    public static ReduceOp Scanned => Sum;

    /// <summary>The element types with scan kernels: uint32 runs int32's (wrapping addition gives the same bits).</summary>
    public static readonly IReadOnlyList<ElementType> ScanTypes = [Float, Double, Half, Int, Long];

    /// <summary>The element types whose runs and columns also have kernels that load a <c>Vector4</c> at a time.</summary>
    public static readonly IReadOnlyList<ElementType> Wide = [Float];

    /// <summary>
    /// The element types of <paramref name="op"/> with subgroup kernels: all of its types, except int64 for the product
    /// (the generator builds long wave operations from 32-bit ones, which cannot make a 64-bit product).
    /// </summary>
    public static IEnumerable<ElementType> SubgroupTypes(ReduceOp op)
        => op.Subgroup is null ? [] : op.Types.Where(t => !(op.Subgroup == "Product" && t == Long));

    /// <summary>
    /// The type an element type accumulates in: itself, except float16, which adds in float32 (its partial results and
    /// results too; the runtime rounds to float16 once, at the end).
    /// </summary>
    public static ElementType Accumulator(ElementType t) => t == Half ? Float : t;

    /// <summary>The accumulator-typed <paramref name="value"/> stored as <paramref name="t"/>.</summary>
    public static string Narrowed(ElementType t, string value) => Accumulator(t) == t ? value : $"({t.CSharp})({value})";

    /// <summary>The expression of element <paramref name="read"/> (of <paramref name="t"/>) as its accumulator type.</summary>
    public static string Widened(ElementType t, string read) => Accumulator(t) == t ? read : $"({Accumulator(t).CSharp}){read}";

    /// <summary>The C# class of <paramref name="t"/>'s math functions: MathF for float32, Math for float64.</summary>
    public static string MathClass(ElementType t) => t == Double ? "Math" : "MathF";

    /// <summary>The lowest value of <paramref name="t"/>: -∞ for floating point.</summary>
    public static string Lowest(ElementType t) => t.IsFloat ? $"{t.CSharp}.NegativeInfinity" : $"{t.CSharp}.MinValue";

    /// <summary>The highest value of <paramref name="t"/>: +∞ for floating point.</summary>
    public static string Highest(ElementType t) => t.IsFloat ? $"{t.CSharp}.PositiveInfinity" : $"{t.CSharp}.MaxValue";

    // b when it is larger (smaller), else a; for floating point a NaN b wins too (a NaN a stays: no comparison is true).
    private static System.Func<string, string, string> Pick(ElementType t, string better)
        => (a, b) => t.IsFloat ? $"{b} {better} {a} || {t.CSharp}.IsNaN({b}) ? {b} : {a}" : $"{b} {better} {a} ? {b} : {a}";
}

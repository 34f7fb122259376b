using System.Collections.Generic;
using System.Linq;
using static Tandem.OpKernelWriter.ElementType;

namespace Tandem.OpKernelWriter;

/// <summary>
/// The one definition of each element-wise op: its name, its types and the expression of one element per type.
/// Everything else (kernels per type and layout, the tables the runtime picks kernels from, the Mx methods) is written
/// from here by <see cref="GeneratedFiles"/>.
/// </summary>
public static class OpCatalog
{
    public static readonly IReadOnlyList<BinaryOp> Binary =
    [
        Arithmetic("Add", "a + b", "The sum", Symmetry.Commutative, _ => "a + b"),
        Arithmetic("Subtract", "a - b", "The difference", Symmetry.None, _ => "a - b"),
        Arithmetic("Multiply", "a * b", "The product", Symmetry.Commutative, _ => "a * b"),
        Arithmetic("Divide", "a / b", "The quotient", Symmetry.None, _ => "a / b") with
        {
            Remarks = "Integer division truncates toward zero, as in C#; dividing an integer by zero fails the op on the CPU "
                + "(DivideByZeroException) and gives an unspecified value on the GPU.",
        },
        Arithmetic("Power", "pow(a, b)", "a raised to the power b", Symmetry.None, t => t switch
        {
            _ when t == Float => "MathF.Pow(a, b)",
            _ when t == Double => "Math.Pow(a, b)",
            _ when t == Half => "(Half)MathF.Pow((float)a, (float)b)",
            _ => "ElementMath.Power(a, b)",
        }) with
        {
            Remarks = "Integer powers multiply exactly (wrapping on overflow); a negative integer exponent gives 0 unless the "
                + "base is 1 or -1. float64 runs in single precision on the GPU (Vulkan has no 64-bit pow).",
        },
        Arithmetic("Maximum", "max(a, b)", "The larger", Symmetry.Commutative, t => MinMax("Max", t)) with
        {
            Remarks = "NaN wins, as in Math.Max.",
        },
        Arithmetic("Minimum", "min(a, b)", "The smaller", Symmetry.Commutative, t => MinMax("Min", t)) with
        {
            Remarks = "NaN wins, as in Math.Min.",
        },
        Comparison("Equal", "a == b", Symmetry.Commutative, null),
        Comparison("NotEqual", "a != b", Symmetry.Commutative, null),
        Comparison("Less", "a < b", Symmetry.None, "Greater"),
        Comparison("LessEqual", "a <= b", Symmetry.None, "GreaterEqual"),
        Comparison("Greater", "a > b", Symmetry.BorrowsFromSwapped, "Less"),
        Comparison("GreaterEqual", "a >= b", Symmetry.BorrowsFromSwapped, "LessEqual"),
        Logical("LogicalAnd", "a && b", "a != 0u && b != 0u") with { WordExpression = "a & b" },
        Logical("LogicalOr", "a || b", "a != 0u || b != 0u") with { WordExpression = "a | b" },
    ];

    public static readonly IReadOnlyList<UnaryOp> Unary =
    [
        Numeric("Abs", "The absolute value", t => t switch
        {
            _ when t.IsFloat => FloatCall("Abs", t),
            _ when t.Kind == NumberKind.Signed => $"a < {t.Literal(0)} ? -a : a",
            _ => "a",
        }) with
        {
            Remarks = "The absolute value of the most negative integer is itself (C# unchecked arithmetic).",
        },
        Numeric("Negative", "The negation", t => t.Kind == NumberKind.Unsigned ? $"{t.Literal(0)} - a" : "-a") with
        {
            Remarks = "Unsigned integers wrap around, as C# unchecked arithmetic does.",
        },
        Numeric("Square", "The square", _ => "a * a"),
        Numeric("Sign", "The sign: -1, 0 or 1", t => t switch
        {
            _ when t == Half => "(Half)((float)a > 0f ? 1f : ((float)a < 0f ? -1f : (float)a))",
            _ when t.Kind == NumberKind.Unsigned => $"a > {t.Literal(0)} ? {t.Literal(1)} : {t.Literal(0)}",
            _ when t.IsFloat => $"a > {t.Literal(0)} ? {t.Literal(1)} : (a < {t.Literal(0)} ? {t.Literal(-1)} : a)",
            _ => $"a > {t.Literal(0)} ? {t.Literal(1)} : (a < {t.Literal(0)} ? {t.Literal(-1)} : {t.Literal(0)})",
        }) with
        {
            Remarks = "The sign of a zero is that zero and of NaN is NaN, as NumPy's sign.",
        },
        Math("Sqrt", "The square root", t => FloatCall("Sqrt", t)),
        Math("Rsqrt", "The reciprocal square root, 1 / sqrt(a)", t => t == Half ? "(Half)(1f / MathF.Sqrt((float)a))" : $"{t.Literal(1)} / {FloatCall("Sqrt", t)}"),
        Math("Reciprocal", "The reciprocal, 1 / a", t => t == Half ? "(Half)(1f / (float)a)" : $"{t.Literal(1)} / a"),
        Math("Exp", "e raised to the power a", t => FloatCall("Exp", t)),
        Math("Log", "The natural logarithm", t => FloatCall("Log", t)),
        Math("Sin", "The sine (radians)", t => FloatCall("Sin", t)),
        Math("Cos", "The cosine (radians)", t => FloatCall("Cos", t)),
        Math("Tanh", "The hyperbolic tangent", t => FloatCall("Tanh", t)),
        Math("Sigmoid", "The logistic sigmoid, 1 / (1 + exp(-a))", t => t switch
        {
            _ when t == Half => "(Half)(1f / (1f + MathF.Exp(-(float)a)))",
            _ when t == Float => "1f / (1f + MathF.Exp(-a))",
            _ => "1.0 / (1.0 + Math.Exp(-a))",
        }),
        Math("Floor", "The largest integer not above a", t => FloatCall("Floor", t)),
        Math("Ceil", "The smallest integer not below a", t => FloatCall("Ceiling", t)),
        new UnaryOp("IsNaN", OpGroup.Comparison, "Whether each element is NaN", ElementType.Numeric,
            t => t.IsFloat ? $"{t.CSharp}.IsNaN(a) ? 1u : 0u" : "0u", _ => Bool) { Remarks = "Integers are never NaN." },
        new UnaryOp("LogicalNot", OpGroup.Comparison, "The negation of each element", [Bool], _ => "a == 0u ? 1u : 0u", _ => Bool)
        {
            WordExpression = "~a",
        },
    ];

    /// <summary>The element types <c>Where</c> selects between (all of them).</summary>
    public static readonly IReadOnlyList<ElementType> Selectable = ElementType.All;

    /// <summary>
    /// The element types <c>AsType</c> has kernels between (every ordered pair of two different ones, plus each to the
    /// 1-byte types); bool and byte sources are widened to uint first.
    /// </summary>
    public static readonly IReadOnlyList<ElementType> Convertible = [Float, Double, Half, Int, UInt, Long];

    /// <summary>The targets of <c>AsType</c> from <paramref name="from"/> that need a kernel.</summary>
    public static IEnumerable<ElementType> ConversionTargets(ElementType from)
        => ElementType.All.Where(to => to != from && !(from == UInt && to == Byte));

    /// <summary>
    /// C#'s conversion of <paramref name="from"/>'s value <c>a</c> to <paramref name="to"/>, spelled so that both devices
    /// compute it: float to integer truncates toward zero and saturates (NaN gives 0), as .NET does; float to byte goes
    /// through int, as .NET's does; integers wrap; to bool is "not zero" (NaN is true). A 1-byte target is written as
    /// the uint the runtime packs (its low byte).
    /// </summary>
    public static string Conversion(ElementType from, ElementType to) => (from, to) switch
    {
        _ when to == Bool => from == Half ? "(float)a != 0f ? 1u : 0u" : $"a != {from.Literal(0)} ? 1u : 0u",
        _ when to == Byte && from.IsInteger => "(uint)a",
        _ when to == Byte => $"(uint)ElementMath.SaturateToInt32({(from == Half ? "(float)a" : "a")})",
        _ when to.IsFloat || from.IsInteger => $"({to.CSharp})a",
        _ when to == Long => "(long)a",
        // Spelled out (ElementMath.SaturateToInt32's body) so that the CPU's SIMD loop takes it: it does not call helpers.
        _ when from == Float && to == Int => "float.IsNaN(a) ? 0 : a >= 2147483648f ? int.MaxValue : a <= -2147483648f ? int.MinValue : (int)a",
        _ when from == Half => $"ElementMath.SaturateTo{to.Name}((float)a)",
        _ => $"ElementMath.SaturateTo{to.Name}(a)",
    };

    private static BinaryOp Comparison(string name, string spelled, Symmetry symmetry, string? swapped)
        => new(name, OpGroup.Comparison, $"Whether {spelled}", ElementType.All, _ => $"{spelled} ? 1u : 0u", symmetry, _ => Bool)
        {
            Spelled = spelled,
            Swapped = swapped,
        };

    private static BinaryOp Logical(string name, string spelled, string expression)
        => new(name, OpGroup.Comparison, $"Whether {spelled}", [Bool], _ => $"{expression} ? 1u : 0u", Symmetry.Commutative, _ => Bool)
        {
            Spelled = spelled,
        };

    private static BinaryOp Arithmetic(string name, string spelled, string summary, Symmetry symmetry, System.Func<ElementType, string> expression)
        => new(name, OpGroup.Arithmetic, summary, ElementType.Numeric, expression, symmetry, ElementwiseOp.SameType) { Spelled = spelled };

    private static UnaryOp Numeric(string name, string summary, System.Func<ElementType, string> expression)
        => new(name, OpGroup.Arithmetic, summary, ElementType.Numeric, expression, ElementwiseOp.SameType);

    private static UnaryOp Math(string name, string summary, System.Func<ElementType, string> expression)
        => new(name, OpGroup.Math, summary, Floats, expression, ElementwiseOp.SameType) { Remarks = MathRemarks(name) };

    private static string? MathRemarks(string name) => name is "Exp" or "Log" or "Sin" or "Cos" or "Tanh" or "Sigmoid"
        ? "float64 runs in single precision on the GPU (Vulkan has no 64-bit transcendentals); float16 computes in float32 and rounds."
        : null;

    /// <summary>A MathF/Math function of <c>a</c>; Half computes in float and rounds back, as .NET's Half does.</summary>
    private static string FloatCall(string function, ElementType t) => t switch
    {
        _ when t == Float => $"MathF.{function}(a)",
        _ when t == Double => $"Math.{function}(a)",
        _ => $"(Half)MathF.{function}((float)a)",
    };

    private static string MinMax(string function, ElementType t) => t switch
    {
        _ when t == Float => $"MathF.{function}(a, b)",
        _ when t == Half => $"(Half)MathF.{function}((float)a, (float)b)",
        _ => $"Math.{function}(a, b)",
    };
}

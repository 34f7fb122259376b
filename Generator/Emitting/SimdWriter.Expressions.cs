using System.Linq;
using Tandem.Generator.Analysis;
using Tandem.Generator.Model;

namespace Tandem.Generator.Emitting;

/// <summary>
/// The expressions of the SIMD loop. Varying values are vectors; uniform ones are printed as C# by
/// <see cref="CSharpBodyWriter"/> and broadcast where they meet a vector. A per-lane bool is a mask: all bits set in
/// the lanes where it is true, in a vector of int (long for 64-bit lanes), reinterpreted (not converted) where it
/// selects between floats.
/// </summary>
internal sealed partial class SimdWriter
{
    /// <summary>A varying or uniform expression as a vector (a mask for a bool).</summary>
    private string Vector(Expr expression)
    {
        if (!_plan.IsVarying(expression))
        {
            var value = _scalar.Write(expression);
            return expression.Type == ScalarType.Bool
                ? $"{VectorClass}.Create({value} ? -1{MaskSuffix} : 0{MaskSuffix})"
                : $"{VectorClass}.Create({value})";
        }

        if (_plan.IsInRange(expression))
        {
            return $"{VectorClass}<{MaskElement}>.AllBitsSet";
        }

        switch (expression)
        {
            case ThreadIndexExpr:
                return $"({VectorClass}.Create({Lane}) + {VectorClass}<int>.Indices)";
            case ElementExpr element when IndexOf(element).LaneCoefficient == 0:
                return $"{VectorClass}.Create(global::System.Runtime.CompilerServices.Unsafe.Add(ref {RefName(element.Buffer)}, (nint){_bases[IndexOf(element)]}))";
            case ElementExpr element when IndexOf(element).LaneCoefficient > 1:
                return StridedLoad(element);
            case ElementExpr element:
                return $"{VectorClass}.LoadUnsafe(ref {RefName(element.Buffer)}, {Offset(element)})";
            case VariableExpr variable:
                return CSharpText.Identifier(variable.Name);
            case UnaryExpr unary:
                var operand = Vector(unary.Operand);
                return unary.Op switch
                {
                    UnaryOp.Negate => $"(-{operand})",
                    UnaryOp.BitwiseNot or UnaryOp.Not => $"(~{operand})",
                    _ => operand,
                };
            case BinaryExpr { Op: BinaryOp.Equals or BinaryOp.NotEquals or BinaryOp.Less or BinaryOp.LessOrEqual or BinaryOp.Greater or BinaryOp.GreaterOrEqual } comparison:
                return Compare(comparison);
            case BinaryExpr { Type: ScalarType.Bool } logical:
                // Masks combine bitwise; && and || evaluate both sides, which are pure and in range.
                var symbol = logical.Op switch
                {
                    BinaryOp.LogicalAnd or BinaryOp.BitwiseAnd => "&",
                    BinaryOp.LogicalOr or BinaryOp.BitwiseOr => "|",
                    _ => "^",
                };
                return $"({Vector(logical.Left)} {symbol} {Vector(logical.Right)})";
            case BinaryExpr binary:
                return VectorBinary(binary.Op, binary.Left.Type, Vector(binary.Left), binary.Right);
            case ConditionalExpr conditional when _plan.IsVarying(conditional.Condition):
                return Select(Vector(conditional.Condition), Vector(conditional.WhenTrue), Vector(conditional.WhenFalse), conditional.Type);
            case ConditionalExpr conditional:
                // The same side for every lane: C# picks it, and only that side is evaluated, as in the scalar code.
                return $"({_scalar.Write(conditional.Condition)} ? {Vector(conditional.WhenTrue)} : {Vector(conditional.WhenFalse)})";
            case CastExpr cast:
                return VectorCast(cast.Operand.Type, cast.Type, Vector(cast.Operand));
            case MathCallExpr { Function: MathFunction.BitCast } bitCast:
                return Reinterpret(bitCast.Type, Vector(bitCast.Arguments[0]));
            case MathCallExpr { Function: MathFunction.IsNaN } isNaN:
                // Only NaN is unequal to itself; the mask is the lanes' complement of Equals, as != is.
                var value = Vector(isNaN.Arguments[0]);
                var lanes = isNaN.Arguments[0].Type == ScalarType.Double ? "AsInt64" : "AsInt32";
                return $"(~{VectorClass}.{lanes}({VectorClass}.Equals({value}, {value})))";
            case MathCallExpr { Function: MathFunction.Tanh } tanh:
                // System.Runtime.Intrinsics has no Tanh; the runtime's VectorMath has one for each width the loop uses.
                return $"global::Tandem.CompilerServices.VectorMath.Tanh({Vector(tanh.Arguments[0])})";
            case MathCallExpr { Function: MathFunction.Sin or MathFunction.Cos or MathFunction.Exp, Type: ScalarType.Float } inFloat:
                // System.Runtime.Intrinsics computes a float's exp, sine and cosine in double; VectorMath's stay in float.
                return $"global::Tandem.CompilerServices.VectorMath.{inFloat.Function}({Vector(inFloat.Arguments[0])})";
            case MathCallExpr call:
                var name = call.Function == MathFunction.Ceiling ? "Ceiling" : call.Function.ToString();
                return $"{VectorClass}.{name}({string.Join(", ", call.Arguments.Select(Vector))})";
            default:
                throw new System.InvalidOperationException("VectorTyping admitted " + expression.GetType().Name);
        }
    }

    private string MaskSuffix => _plan.LaneSize == 8 ? "L" : string.Empty;

    /// <summary>The element offset of the current vector's first lane in an access with lane coefficient 1.</summary>
    private string Offset(ElementExpr element)
    {
        var index = IndexOf(element);
        return index.IsThreadIndex ? $"(nuint){Lane}" : $"(nuint)({_bases[index]} + {Lane})";
    }

    /// <summary>
    /// A read of every 2nd or 4th 32-bit element (<c>x[4 * i + k]</c>, lane coefficient 2 or 4): the vectors that hold
    /// the lanes' groups, loaded whole, then narrowed as pairs of 32-bit elements (keeping the low one, the first in
    /// memory) once per factor 2. The range check made every group's last element exist.
    /// </summary>
    private string StridedLoad(ElementExpr element)
    {
        var index = IndexOf(element);
        if (_groups.TryGetValue(new LaneAccess(element.Buffer, index), out var grouped))
        {
            return grouped;
        }

        var count = $"{VectorClass}<{element.Type.CSharpName()}>.Count";
        var first = $"{_bases[index]} + ({index.LaneCoefficient.ToString(System.Globalization.CultureInfo.InvariantCulture)}L * {Lane})";
        var loads = Enumerable.Range(0, index.LaneCoefficient)
            .Select(k => $"{VectorClass}.AsUInt64({VectorClass}.LoadUnsafe(ref {RefName(element.Buffer)}, (nuint)({first} + ({k.ToString(System.Globalization.CultureInfo.InvariantCulture)}L * {count}))))")
            .ToList();
        while (loads.Count > 1)
        {
            loads = Enumerable.Range(0, loads.Count / 2)
                .Select(k => $"{VectorClass}.Narrow({loads[2 * k]}, {loads[(2 * k) + 1]})")
                .Select(narrowed => loads.Count > 2 ? $"{VectorClass}.AsUInt64({narrowed})" : narrowed)
                .ToList();
        }

        return element.Type switch
        {
            ScalarType.Float => $"{VectorClass}.AsSingle({loads[0]})",
            ScalarType.Int => $"{VectorClass}.AsInt32({loads[0]})",
            _ => loads[0],
        };
    }

    private string Compare(BinaryExpr comparison)
    {
        var left = Vector(comparison.Left);
        var right = Vector(comparison.Right);
        if (comparison.Left.Type == ScalarType.Bool)
        {
            return comparison.Op == BinaryOp.Equals ? $"(~({left} ^ {right}))" : $"({left} ^ {right})";
        }

        var function = comparison.Op switch
        {
            BinaryOp.Less => "LessThan",
            BinaryOp.LessOrEqual => "LessThanOrEqual",
            BinaryOp.Greater => "GreaterThan",
            BinaryOp.GreaterOrEqual => "GreaterThanOrEqual",
            _ => "Equals",
        };
        // NaN compares unequal to everything, as in C#: Equals is false in its lanes, so != (its complement) is true.
        var result = $"{VectorClass}.{function}({left}, {right})";
        result = comparison.Op == BinaryOp.NotEquals ? $"(~{result})" : result;
        return comparison.Left.Type switch
        {
            ScalarType.Float or ScalarType.UInt => $"{VectorClass}.AsInt32({result})",
            ScalarType.Double or ScalarType.ULong => $"{VectorClass}.AsInt64({result})",
            _ => result,
        };
    }

    /// <summary>Per lane, <paramref name="whenTrue"/> where the mask is set, else <paramref name="whenFalse"/>: bit for bit.</summary>
    private string Select(string laneMask, string whenTrue, string whenFalse, ScalarType type)
    {
        var typedMask = type switch
        {
            ScalarType.Float => $"{VectorClass}.AsSingle({laneMask})",
            ScalarType.Double => $"{VectorClass}.AsDouble({laneMask})",
            ScalarType.UInt => $"{VectorClass}.AsUInt32({laneMask})",
            ScalarType.ULong => $"{VectorClass}.AsUInt64({laneMask})",
            _ => laneMask,
        };
        return $"{VectorClass}.ConditionalSelect({typedMask}, {whenTrue}, {whenFalse})";
    }

    private string VectorBinary(BinaryOp op, ScalarType type, string left, Expr right)
    {
        // C# masks shift counts to the operand's width.
        var mask = type.Is64BitInteger() ? "63" : "31";
        switch (op)
        {
            case BinaryOp.ShiftLeft:
                return $"{VectorClass}.ShiftLeft({left}, ({_scalar.Write(right)}) & {mask})";
            case BinaryOp.ShiftRight:
                return $"{VectorClass}.{(type is ScalarType.Int or ScalarType.Long ? "ShiftRightArithmetic" : "ShiftRightLogical")}({left}, ({_scalar.Write(right)}) & {mask})";
            case BinaryOp.UnsignedShiftRight:
                return $"{VectorClass}.ShiftRightLogical({left}, ({_scalar.Write(right)}) & {mask})";
        }

        // VectorTyping admits only +, -, *, / (floating point) and bitwise operators here: Vector256 has them all.
        return $"({left} {op.Symbol()} {Vector(right)})";
    }

    private string VectorCast(ScalarType from, ScalarType to, string operand) => (from, to) switch
    {
        (ScalarType.Int, ScalarType.Float) or (ScalarType.UInt, ScalarType.Float) => $"{VectorClass}.ConvertToSingle({operand})",
        (ScalarType.Float, ScalarType.Int) => $"{VectorClass}.ConvertToInt32({operand})",
        (ScalarType.Float, ScalarType.UInt) => $"{VectorClass}.ConvertToUInt32({operand})",
        (ScalarType.Int, ScalarType.UInt) => $"{VectorClass}.AsUInt32({operand})",
        (ScalarType.UInt, ScalarType.Int) => $"{VectorClass}.AsInt32({operand})",
        (ScalarType.Long, ScalarType.ULong) => $"{VectorClass}.AsUInt64({operand})",
        (ScalarType.ULong, ScalarType.Long) => $"{VectorClass}.AsInt64({operand})",
        _ => operand,
    };

    /// <summary>BitConverter's reinterpretations per lane: the same bits as another element type, no instruction.</summary>
    private string Reinterpret(ScalarType to, string operand) => to switch
    {
        ScalarType.Int => $"{VectorClass}.AsInt32({operand})",
        ScalarType.UInt => $"{VectorClass}.AsUInt32({operand})",
        ScalarType.Float => $"{VectorClass}.AsSingle({operand})",
        _ => $"{VectorClass}.AsDouble({operand})",
    };
}

using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Tandem.Generator.Model;

namespace Tandem.Generator.Lowering;

/// <summary>
/// The types beyond 32 bits: which device features a kernel needs (double, long/ulong, Half spans), and the lowering of
/// <c>System.Half</c>, whose operators and conversions are user-defined operator methods in C#: each becomes the IR's
/// plain operator or cast on <see cref="ScalarType.Half"/>, which the emitters give .NET's semantics (through float).
/// </summary>
internal sealed partial class KernelLowerer
{
    /// <summary>Half's static values, each exactly a float (so a cast of the float literal is the value).</summary>
    private static readonly Dictionary<string, string> HalfConstants = new()
    {
        ["Zero"] = "0",
        ["One"] = "1",
        ["NegativeOne"] = "-1",
        ["NegativeZero"] = "-0",
        ["MaxValue"] = "65504",
        ["MinValue"] = "-65504",
        ["Epsilon"] = "5.9604645E-08",
        ["NaN"] = "NaN",
        ["PositiveInfinity"] = "Infinity",
        ["NegativeInfinity"] = "-Infinity",
    };

    private const string HalfFix =
        "Half supports +, -, *, /, %, comparisons, ++/--, conversions and Half.IsNaN/IsInfinity/IsFinite; for anything else convert, e.g. (Half)MathF.Sqrt((float)h)";

    private RequiredFeatures _features;

    /// <summary>Records what a value of <paramref name="type"/> needs from the device and the CPU version.</summary>
    private void NoteType(ScalarType type)
    {
        switch (type)
        {
            case ScalarType.Double:
                _features |= RequiredFeatures.Float64;
                break;
            case ScalarType.Long or ScalarType.ULong:
                _features |= RequiredFeatures.Int64;
                break;
            case ScalarType.Half:
                NotVectorizable("it computes with Half, which has no SIMD arithmetic");
                break;
        }
    }

    private static bool IsHalfOperator(IMethodSymbol? method) => method is not null && IsHalf(method.ContainingType);

    /// <summary>
    /// A Half conversion operator (<c>(Half)x</c>, <c>(float)h</c>, <c>(long)h</c>...) as a cast, or a <c>default</c>
    /// literal converted to Half; null when it is neither.
    /// </summary>
    private Expr? LowerHalfConversion(IConversionOperation conversion)
    {
        if (conversion.Operand is IDefaultValueOperation && MapType(conversion.Type) == ScalarType.Half)
        {
            return HalfConstant("0");
        }

        if (!IsHalfOperator(conversion.OperatorMethod))
        {
            return null;
        }

        var operand = LowerValue(conversion.Operand);
        if (MapType(conversion.Type) is not { } type || !IsHalfConvertible(type) || !IsHalfConvertible(operand.Type))
        {
            ReportUnsupportedType(MapType(conversion.Type) is null ? conversion.Type : conversion.Operand.Type, conversion.Syntax.GetLocation());
            return ErrorExpr;
        }

        NoteType(type);
        NoteType(operand.Type);
        return operand.Type == type ? operand : new CastExpr(type, operand);
    }

    private static bool IsHalfConvertible(ScalarType type) =>
        type is ScalarType.Half or ScalarType.Float or ScalarType.Double or ScalarType.Int or ScalarType.UInt or ScalarType.Long or ScalarType.ULong;

    /// <summary>Half's binary operators (arithmetic and comparisons); null when <paramref name="binary"/> is not one.</summary>
    private Expr? LowerHalfBinary(IBinaryOperation binary)
    {
        if (!IsHalfOperator(binary.OperatorMethod))
        {
            return null;
        }

        var op = MapBinaryOp(binary.OperatorKind);
        if (op is null or BinaryOp.LogicalAnd or BinaryOp.LogicalOr or BinaryOp.BitwiseAnd or BinaryOp.BitwiseOr or BinaryOp.ExclusiveOr
            or BinaryOp.ShiftLeft or BinaryOp.ShiftRight or BinaryOp.UnsignedShiftRight
            || MapType(binary.LeftOperand.Type) != ScalarType.Half || MapType(binary.RightOperand.Type) != ScalarType.Half)
        {
            Report(DiagnosticDescriptors.UnsupportedExpression, binary.Syntax.GetLocation(), $"'{Truncate(binary.Syntax.ToString())}'", HalfFix);
            return ErrorExpr;
        }

        return new BinaryExpr(ResultType(binary), op.Value, LowerValue(binary.LeftOperand), LowerValue(binary.RightOperand));
    }

    /// <summary>Half's unary <c>-</c> and <c>+</c>; null when <paramref name="unary"/> is not one of Half's operators.</summary>
    private Expr? LowerHalfUnary(IUnaryOperation unary)
    {
        if (!IsHalfOperator(unary.OperatorMethod))
        {
            return null;
        }

        UnaryOp? op = unary.OperatorKind switch
        {
            UnaryOperatorKind.Minus => UnaryOp.Negate,
            UnaryOperatorKind.Plus => UnaryOp.Plus,
            _ => null,
        };
        if (op is null)
        {
            Report(DiagnosticDescriptors.UnsupportedExpression, unary.Syntax.GetLocation(), $"'{Truncate(unary.Syntax.ToString())}'", HalfFix);
            return ErrorExpr;
        }

        return new UnaryExpr(ResultType(unary), op.Value, LowerValue(unary.Operand));
    }

    /// <summary><c>Half.MaxValue</c> and the other constants; null when <paramref name="property"/> is not one.</summary>
    private Expr? LowerHalfProperty(IPropertyReferenceOperation property)
    {
        if (property.Instance is not null || !IsHalf(property.Property.ContainingType))
        {
            return null;
        }

        if (!HalfConstants.TryGetValue(property.Property.Name, out var value))
        {
            Report(DiagnosticDescriptors.UnsupportedExpression, property.Syntax.GetLocation(), $"'Half.{property.Property.Name}'",
                "use Half.Zero, One, NegativeOne, NegativeZero, MaxValue, MinValue, Epsilon, NaN, PositiveInfinity or NegativeInfinity");
            return ErrorExpr;
        }

        NoteType(ScalarType.Half);
        return HalfConstant(value);
    }

    /// <summary>A Half constant: the cast of a float literal that holds it exactly.</summary>
    private static Expr HalfConstant(string floatText) =>
        new CastExpr(ScalarType.Half, new LiteralExpr(ScalarType.Float, float.Parse(floatText, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture)));
}

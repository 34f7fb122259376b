using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Tandem.Generator.Model;

namespace Tandem.Generator.Lowering;

/// <summary>
/// Lowering of <c>System.Numerics.Vector2/3/4</c>: components, constructors, constants, operators and the methods
/// with an HLSL counterpart of the same meaning. Vectors are float2/3/4 in HLSL.
/// </summary>
internal sealed partial class KernelLowerer
{
    private static readonly Dictionary<string, (MathFunction Function, int Arity)> VectorFunctions = new()
    {
        ["Dot"] = (MathFunction.Dot, 2),
        ["Length"] = (MathFunction.Length, 1),
        ["LengthSquared"] = (MathFunction.LengthSquared, 1),
        ["Normalize"] = (MathFunction.Normalize, 1),
        ["Min"] = (MathFunction.Min, 2),
        ["Max"] = (MathFunction.Max, 2),
        ["Clamp"] = (MathFunction.Clamp, 3),
        ["Lerp"] = (MathFunction.Lerp, 3),
        ["Abs"] = (MathFunction.Abs, 1),
        ["SquareRoot"] = (MathFunction.SquareRoot, 1),
        ["Cross"] = (MathFunction.Cross, 2),
        ["Distance"] = (MathFunction.Distance, 2),
        ["DistanceSquared"] = (MathFunction.DistanceSquared, 2),
    };

    private const string VectorFunctionList = "Dot, Length, LengthSquared, Normalize, Min, Max, Clamp, Lerp, Abs, SquareRoot, Cross, Distance and DistanceSquared";

    private static int? ComponentIndex(string name) => name switch
    {
        "X" => 0,
        "Y" => 1,
        "Z" => 2,
        "W" => 3,
        _ => null,
    };

    /// <summary><c>v.X</c> read (<paramref name="asTarget"/> false) or assigned (true).</summary>
    private Expr LowerComponent(IFieldReferenceOperation field, IOperation instance, bool asTarget = false)
    {
        if (ComponentIndex(field.Field.Name) is not { } component)
        {
            ReportUnsupportedExpression(field);
            return ErrorExpr;
        }

        NotVectorizable("it uses System.Numerics vectors; compute with float components instead to get the SIMD loop");
        return new ComponentExpr(asTarget ? LowerTarget(instance) : LowerValue(instance), component);
    }

    private Expr LowerVectorCreation(IObjectCreationOperation creation, ScalarType type)
    {
        NotVectorizable("it uses System.Numerics vectors; compute with float components instead to get the SIMD loop");
        if (creation.Initializer is not null || creation.Arguments.Any(a => MapType(a.Value.Type) is not (ScalarType.Float or ScalarType.Float2 or ScalarType.Float3)))
        {
            Report(DiagnosticDescriptors.UnsupportedExpression, creation.Syntax.GetLocation(), $"'{Truncate(creation.Syntax.ToString())}'",
                "build a vector from floats and smaller vectors, e.g. 'new Vector3(x, y, z)' or 'new Vector4(v, w)'");
            return ErrorExpr;
        }

        var arguments = creation.Arguments.OrderBy(a => a.Parameter?.Ordinal ?? 0).Select(a => LowerValue(a.Value)).ToList();
        if (arguments.Count == 0)
        {
            arguments.Add(new LiteralExpr(ScalarType.Float, "0"));
        }

        return new VectorConstructExpr(type, arguments.ToEquatableArray());
    }

    /// <summary><c>Vector3.Zero</c>, <c>One</c>, <c>UnitX</c>...: constant vectors.</summary>
    private Expr LowerVectorConstant(IPropertyReferenceOperation property, ScalarType type)
    {
        var components = type.Components();
        var values = property.Property.Name switch
        {
            "Zero" => Enumerable.Repeat("0", components).ToArray(),
            "One" => Enumerable.Repeat("1", components).ToArray(),
            _ when property.Property.Name.StartsWith("Unit", System.StringComparison.Ordinal)
                && ComponentIndex(property.Property.Name.Substring(4)) is { } unit && unit < components
                => Enumerable.Range(0, components).Select(c => c == unit ? "1" : "0").ToArray(),
            _ => null,
        };
        if (values is null)
        {
            ReportUnsupportedExpression(property);
            return ErrorExpr;
        }

        NotVectorizable("it uses System.Numerics vectors; compute with float components instead to get the SIMD loop");
        return new VectorConstructExpr(type, values.Select(v => (Expr)new LiteralExpr(ScalarType.Float, v)).ToEquatableArray());
    }

    /// <summary>An operator of a vector type (<c>a + b</c>, <c>v * s</c>, <c>-v</c>): the same operator in HLSL.</summary>
    private Expr? LowerVectorOperator(IOperation operation, IMethodSymbol operatorMethod, IOperation[] operands)
    {
        if (MapType(operatorMethod.ContainingType) is not { } vectorType || !vectorType.IsVector())
        {
            return null;
        }

        NotVectorizable("it uses System.Numerics vectors; compute with float components instead to get the SIMD loop");
        var lowered = operands.Select(LowerValue).ToArray();
        switch (operatorMethod.Name)
        {
            case "op_Addition" when lowered.Length == 2:
                return new BinaryExpr(vectorType, BinaryOp.Add, lowered[0], lowered[1]);
            case "op_Subtraction" when lowered.Length == 2:
                return new BinaryExpr(vectorType, BinaryOp.Subtract, lowered[0], lowered[1]);
            case "op_Multiply" when lowered.Length == 2:
                return new BinaryExpr(vectorType, BinaryOp.Multiply, lowered[0], lowered[1]);
            case "op_Division" when lowered.Length == 2:
                return new BinaryExpr(vectorType, BinaryOp.Divide, lowered[0], lowered[1]);
            case "op_UnaryNegation" when lowered.Length == 1:
                return new UnaryExpr(vectorType, UnaryOp.Negate, lowered[0]);
            case "op_UnaryPlus" when lowered.Length == 1:
                return lowered[0];
            default:
                Report(DiagnosticDescriptors.UnsupportedExpression, operation.Syntax.GetLocation(), $"'{Truncate(operation.Syntax.ToString())}'",
                    "vectors support +, -, *, / and unary -; compare their components instead");
                return ErrorExpr;
        }
    }

    /// <summary><c>Vector3.Dot(a, b)</c>, <c>v.Length()</c> and the other supported vector methods.</summary>
    private Expr? LowerVectorCall(IInvocationOperation invocation)
    {
        var target = invocation.TargetMethod;
        if (MapType(target.ContainingType) is not { } vectorType || !vectorType.IsVector())
        {
            return null;
        }

        var operands = new List<IOperation>();
        if (invocation.Instance is { } instance)
        {
            operands.Add(instance);
        }

        operands.AddRange(invocation.Arguments.OrderBy(a => a.Parameter?.Ordinal ?? 0).Select(a => a.Value));
        if (!VectorFunctions.TryGetValue(target.Name, out var entry) || entry.Arity != operands.Count
            || (entry.Function == MathFunction.Cross && vectorType != ScalarType.Float3)
            || operands.Any(o => MapType(o.Type) is not ({ } t and (ScalarType.Float or ScalarType.Float2 or ScalarType.Float3 or ScalarType.Float4))))
        {
            Report(DiagnosticDescriptors.UnsupportedCall, invocation.Syntax.GetLocation(), target.ContainingType.Name + "." + target.Name,
                "vectors support " + VectorFunctionList);
            return ErrorExpr;
        }

        NotVectorizable("it uses System.Numerics vectors; compute with float components instead to get the SIMD loop");
        return new MathCallExpr(ResultType(invocation), entry.Function, operands.Select(LowerValue).ToEquatableArray());
    }
}

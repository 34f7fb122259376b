using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Tandem.Generator.Model;

namespace Tandem.Generator.Lowering;

/// <summary>
/// Lowering of subgroup constructs: <c>Wave.LaneIndex/LaneCount/IsFirstLane</c> and the operations over a subgroup's
/// lanes, with the checks on where and on what they may run.
/// </summary>
internal sealed partial class KernelLowerer
{
    private const string WaveOperandFix = "pass an int, uint, long, ulong, float or double";

    private const string WaveProductFix =
        "the long and ulong wave operations are built from 32-bit ones (glslc has no 64-bit ones), which cannot make a 64-bit product; multiply long values through Group.Shared memory, or pass an int, uint, float or double";

    private static bool IsWaveType(ITypeSymbol? type) =>
        type is INamedTypeSymbol { Name: "Wave", ContainingNamespace: { Name: "Tandem", ContainingNamespace.IsGlobalNamespace: true } };

    /// <summary><c>Wave.LaneIndex</c> and friends; null when <paramref name="property"/> is not about waves.</summary>
    private Expr? LowerWaveProperty(IPropertyReferenceOperation property)
    {
        if (!IsWaveType(property.Property.ContainingType))
        {
            return null;
        }

        var name = property.Property.Name;
        if (!UseWavesHere(property, "Wave." + name))
        {
            return ErrorExpr;
        }

        return name switch
        {
            "LaneIndex" => new WaveExpr(ScalarType.Int, WaveOp.LaneIndex, EquatableArray<Expr>.Empty),
            "LaneCount" => new WaveExpr(ScalarType.Int, WaveOp.LaneCount, EquatableArray<Expr>.Empty),
            _ => new WaveExpr(ScalarType.Bool, WaveOp.IsFirstLane, EquatableArray<Expr>.Empty),
        };
    }

    private Expr LowerWaveCall(IInvocationOperation invocation)
    {
        var target = invocation.TargetMethod;
        var what = "Wave." + target.Name;
        if (!UseWavesHere(invocation, what))
        {
            return ErrorExpr;
        }

        var op = target.Name switch
        {
            "Sum" => WaveOp.Sum,
            "Product" => WaveOp.Product,
            "Max" => WaveOp.Max,
            "Min" => WaveOp.Min,
            "AnyTrue" => WaveOp.AnyTrue,
            _ => WaveOp.ReadLane,
        };
        var arguments = invocation.Arguments.OrderBy(a => a.Parameter?.Ordinal ?? 0).ToArray();
        var operandType = MapType(target.Parameters[0].Type);
        if (op != WaveOp.AnyTrue)
        {
            // Wave.Product(aLong) binds to Product(float) through C#'s implicit conversion: refuse the silent loss of precision.
            var source = arguments[0].Value is IConversionOperation { IsImplicit: true, Operand.Type: { } from } ? MapType(from) : operandType;
            var sixtyFour = source is ScalarType.Long or ScalarType.ULong;
            if (source is not (ScalarType.Int or ScalarType.UInt or ScalarType.Long or ScalarType.ULong or ScalarType.Float or ScalarType.Double)
                || (sixtyFour && (op == WaveOp.Product || source != operandType)))
            {
                var typeName = (arguments[0].Value is IConversionOperation { IsImplicit: true } conversion ? conversion.Operand.Type : target.Parameters[0].Type)?.ToDisplayString() ?? "?";
                Report(DiagnosticDescriptors.UnsupportedWaveOperation, invocation.Syntax.GetLocation(), what, typeName, sixtyFour && op == WaveOp.Product ? WaveProductFix : WaveOperandFix);
                return ErrorExpr;
            }
        }

        if (op == WaveOp.ReadLane)
        {
            _features |= RequiredFeatures.SubgroupShuffle;
        }

        var operands = arguments.Select(a => LowerValue(a.Value)).ToEquatableArray();
        return new WaveExpr(operandType ?? ScalarType.Int, op, operands);
    }

    /// <summary>
    /// Kept to the kernel body, as <c>Group</c> is, so the control flow a wave operation runs under (which decides its
    /// active lanes) is all in the method the reader looks at; the fix says how.
    /// </summary>
    private bool UseWavesHere(IOperation operation, string what)
    {
        if (_scope.IsHelper)
        {
            Report(DiagnosticDescriptors.UnsupportedExpression, operation.Syntax.GetLocation(), $"'{what}' in the helper method '{_scope.Method.Name}'",
                "use it in the kernel and pass the value to the helper");
            return false;
        }

        _features |= RequiredFeatures.Subgroup;
        NotVectorizable("it uses subgroup (Wave) operations, which combine the lanes of a GPU subgroup");
        return true;
    }
}

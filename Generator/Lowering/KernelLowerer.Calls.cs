using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Tandem.Generator.Model;

namespace Tandem.Generator.Lowering;

/// <summary>Lowering of calls: the Math/MathF functions a kernel may use, with their arity, and BitConverter's reinterpretations.</summary>
internal sealed partial class KernelLowerer
{
    private static readonly Dictionary<string, (MathFunction Function, int Arity)> MathFunctions = new()
    {
        ["Exp"] = (MathFunction.Exp, 1),
        ["Log"] = (MathFunction.Log, 1),
        ["Log2"] = (MathFunction.Log2, 1),
        ["Sqrt"] = (MathFunction.Sqrt, 1),
        ["Abs"] = (MathFunction.Abs, 1),
        ["Min"] = (MathFunction.Min, 2),
        ["Max"] = (MathFunction.Max, 2),
        ["Pow"] = (MathFunction.Pow, 2),
        ["Sin"] = (MathFunction.Sin, 1),
        ["Cos"] = (MathFunction.Cos, 1),
        ["Tan"] = (MathFunction.Tan, 1),
        ["Tanh"] = (MathFunction.Tanh, 1),
        ["Floor"] = (MathFunction.Floor, 1),
        ["Ceiling"] = (MathFunction.Ceiling, 1),
        ["Round"] = (MathFunction.Round, 1),
        ["FusedMultiplyAdd"] = (MathFunction.FusedMultiplyAdd, 3),
        ["Clamp"] = (MathFunction.Clamp, 3),
    };

    private static readonly Dictionary<string, MathFunction> FloatPredicates = new()
    {
        ["IsNaN"] = MathFunction.IsNaN,
        ["IsInfinity"] = MathFunction.IsInfinity,
        ["IsFinite"] = MathFunction.IsFinite,
    };

    /// <summary>Functions Vulkan only has in 32-bit precision (GLSL.std.450 transcendental instructions).</summary>
    private static readonly HashSet<MathFunction> SinglePrecisionOnGpu = new()
    {
        MathFunction.Exp, MathFunction.Log, MathFunction.Log2, MathFunction.Pow,
        MathFunction.Sin, MathFunction.Cos, MathFunction.Tan, MathFunction.Tanh,
    };

    private const string MathFix = "call Math/MathF Exp, Log, Log2, Sqrt, Abs, Min, Max, Pow, Sin, Cos, Tan, Tanh, Floor, Ceiling, Round, FusedMultiplyAdd or Clamp, or compute it inline";

    /// <summary>A call: a math function, a vector method, an atomic, a Group or Wave member, or a helper method with source.</summary>
    private Expr LowerInvocation(IInvocationOperation invocation)
    {
        var target = invocation.TargetMethod;
        var typeName = target.ContainingType?.ToDisplayString();
        if (typeName is "System.Math" or "System.MathF" or "float" or "double" or "System.Half")
        {
            return LowerMathCall(invocation, typeName);
        }

        if (typeName == "System.BitConverter")
        {
            return LowerBitConversion(invocation);
        }

        if (LowerVectorCall(invocation) is { } vectorCall)
        {
            return vectorCall;
        }

        if (typeName == "System.Threading.Interlocked")
        {
            return LowerAtomic(invocation);
        }

        if (IsGroupType(target.ContainingType))
        {
            return LowerGroupCall(invocation);
        }

        if (IsWaveType(target.ContainingType))
        {
            return LowerWaveCall(invocation);
        }

        return LowerHelperCall(invocation);
    }

    private Expr LowerMathCall(IInvocationOperation invocation, string typeName)
    {
        var target = invocation.TargetMethod;
        var function = typeName switch
        {
            "System.Math" or "System.MathF" when MathFunctions.TryGetValue(target.Name, out var entry) && entry.Arity == target.Parameters.Length
                => entry.Function,
            "float" or "double" or "System.Half" when FloatPredicates.TryGetValue(target.Name, out var predicate) && target.Parameters.Length == 1
                => predicate,
            _ => (MathFunction?)null,
        };

        if (function is null || target.Parameters.Any(p => MapType(p.Type) is not (ScalarType.Bool or ScalarType.Int or ScalarType.UInt or ScalarType.Float
                or ScalarType.Double or ScalarType.Long or ScalarType.ULong or ScalarType.Half)))
        {
            Report(DiagnosticDescriptors.UnsupportedCall, invocation.Syntax.GetLocation(), typeName + "." + target.Name, typeName == "System.Half" ? HalfFix : MathFix);
            return ErrorExpr;
        }

        var arguments = invocation.Arguments
            .OrderBy(a => a.Parameter?.Ordinal ?? 0)
            .Select(a => LowerValue(a.Value))
            .ToEquatableArray();
        if (SinglePrecisionOnGpu.Contains(function.Value) && MapType(target.Parameters[0].Type) == ScalarType.Double)
        {
            Report(DiagnosticDescriptors.DoublePrecisionOnGpu, invocation.Syntax.GetLocation(), target.Name);
        }

        return new MathCallExpr(ResultType(invocation), function.Value, arguments);
    }

    private Expr LowerBitConversion(IInvocationOperation invocation)
    {
        var target = invocation.TargetMethod;
        if (!BitConversions.Methods.TryGetValue(target.Name, out var conversion) || target.Parameters.Length != 1
            || MapType(target.Parameters[0].Type) != conversion.From)
        {
            Report(DiagnosticDescriptors.UnsupportedCall, invocation.Syntax.GetLocation(), "System.BitConverter." + target.Name, BitConversions.Fix);
            return ErrorExpr;
        }

        var argument = LowerValue(invocation.Arguments[0].Value);
        return new MathCallExpr(conversion.To, MathFunction.BitCast, new[] { argument }.ToEquatableArray());
    }
}

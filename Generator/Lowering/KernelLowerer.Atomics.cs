using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis.Operations;
using Tandem.Generator.Model;

namespace Tandem.Generator.Lowering;

/// <summary>Lowering of <c>System.Threading.Interlocked</c> calls on int/uint span elements to HLSL atomics.</summary>
internal sealed partial class KernelLowerer
{
    private static readonly Dictionary<string, (AtomicOp Op, int Arity)> AtomicOps = new()
    {
        ["Add"] = (AtomicOp.Add, 2),
        ["Increment"] = (AtomicOp.Increment, 1),
        ["Decrement"] = (AtomicOp.Decrement, 1),
        ["Exchange"] = (AtomicOp.Exchange, 2),
        ["CompareExchange"] = (AtomicOp.CompareExchange, 3),
        ["And"] = (AtomicOp.And, 2),
        ["Or"] = (AtomicOp.Or, 2),
    };

    private Expr LowerAtomic(IInvocationOperation invocation)
    {
        var target = invocation.TargetMethod;
        var display = "Interlocked." + target.Name;
        var location = invocation.Syntax.GetLocation();
        if (!AtomicOps.TryGetValue(target.Name, out var entry) || entry.Arity != target.Parameters.Length)
        {
            Report(DiagnosticDescriptors.UnsupportedAtomic, location, display,
                "kernels support Interlocked.Add, Increment, Decrement, Exchange, CompareExchange, And and Or");
            return ErrorExpr;
        }

        var arguments = invocation.Arguments.OrderBy(a => a.Parameter?.Ordinal ?? 0).ToList();
        var elementType = MapType(target.Parameters[0].Type);
        if (elementType is ScalarType.Long or ScalarType.ULong)
        {
            // Checked: glslc's HLSL front end has no 64-bit Interlocked overloads ("no matching overloaded function").
            Report(DiagnosticDescriptors.UnsupportedAtomic, location, display,
                "64-bit atomics cannot be compiled (glslc's HLSL has no 64-bit Interlocked functions); count in an int or uint span, or combine per-thread long results in a second kernel");
            return ErrorExpr;
        }

        if (elementType is not (ScalarType.Int or ScalarType.UInt))
        {
            Report(DiagnosticDescriptors.UnsupportedAtomic, location, display,
                $"atomics work on int and uint elements, not {target.Parameters[0].Type.ToDisplayString()} (GPUs have no portable atomics on other types)");
            return ErrorExpr;
        }

        var lowered = LowerTarget(arguments[0].Value);
        if (lowered is not ElementExpr element)
        {
            if (lowered != ErrorExpr)
            {
                Report(DiagnosticDescriptors.UnsupportedAtomic, arguments[0].Syntax.GetLocation(), display,
                    "the first argument must be an element of a span or group-shared array, 'ref span[i]': other threads cannot see a local");
            }

            return ErrorExpr;
        }

        NotVectorizable("it uses Interlocked atomics, which have no SIMD form (the scalar loop is the right one for them)");
        var operands = arguments.Skip(1).Select(a => LowerValue(a.Value)).ToEquatableArray();
        return new AtomicExpr(elementType.Value, entry.Op, element, operands);
    }
}

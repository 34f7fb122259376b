using System.Collections.Generic;
using System.Linq;
using Tandem.Abi;
using Tandem.Generator.Model;

namespace Tandem.Generator.Emitting;

/// <summary>
/// Float arithmetic with C#'s IEEE-754 semantics. Each operation is computed into a <c>precise</c> local (spelled
/// <see cref="KernelAbi.ExactQualifierMacro"/>, which a measurement of the cost can define empty), which glslc
/// marks <c>NoContraction</c>: its optimizer then neither folds (<c>x * 0</c> and <c>x - x</c> to 0, <c>x + 0</c> to
/// <c>x</c>, <c>0 - x</c> to <c>-x</c>: each wrong for NaN, infinities or a zero's sign) nor fuses <c>a * b + c</c> into one
/// rounding, and drivers do not fuse either. (A <c>precise</c> local marks only what flows into it, so every operation
/// gets its own: inlined, the helpers cost nothing.) The runtime adds the SignedZeroInfNanPreserve execution mode
/// where the device offers it (<c>Generator/Shared/SpirvFloatControls.cs</c>).
/// <para>
/// llvmpipe's code generator folds those identities whatever the SPIR-V asks, when an operand is the constant zero or
/// both are the same value. For a software device the runtime compiles the shader with
/// <see cref="KernelAbi.SoftwareDeviceMacro"/> defined, and each operand then goes through a select on a uniform that
/// it cannot see through (the extent is never negative); other devices compile the plain operation.
/// </para>
/// </summary>
internal static partial class HlslHelpers
{
    private const string Operands = "tandem_exact_operands";

    /// <summary>The helper that computes <paramref name="op"/> on <paramref name="type"/> exactly; null for other operators.</summary>
    public static string? ExactArithmetic(BinaryOp op, ScalarType type)
    {
        var name = op switch
        {
            BinaryOp.Add => "add",
            BinaryOp.Subtract => "sub",
            BinaryOp.Multiply => "mul",
            BinaryOp.Divide => "div",
            _ => null,
        };
        return name is null ? null : $"tandem_{name}_{type.HlslName()}";
    }

    // Methods, not fields: the static initializers of this class's parts run in no defined order.
    private static Dictionary<string, string> ExactSources()
    {
        var sources = new Dictionary<string, string>
        {
            // Two different uniforms, so the two operands of x - x do not become one value again.
            [Operands] = $"""
                #ifndef {KernelAbi.ExactQualifierMacro}
                #define {KernelAbi.ExactQualifierMacro} precise
                #endif
                #ifdef {KernelAbi.SoftwareDeviceMacro}
                #define TANDEM_LEFT(v) (tandem_u.{KernelAbi.ExtentXField} >= 0 ? (v) : -(v))
                #define TANDEM_RIGHT(v) (tandem_u.{KernelAbi.ExtentYField} >= 0 ? (v) : -(v))
                #else
                #define TANDEM_LEFT(v) (v)
                #define TANDEM_RIGHT(v) (v)
                #endif
                """,
        };
        foreach (var type in new[] { ScalarType.Float, ScalarType.Double, ScalarType.Float2, ScalarType.Float3, ScalarType.Float4 })
        {
            var t = type.HlslName();
            foreach (var op in new[] { BinaryOp.Add, BinaryOp.Subtract, BinaryOp.Multiply, BinaryOp.Divide })
            {
                var name = ExactArithmetic(op, type)!;
                sources[name] = $"{t} {name}({t} a, {t} b) {{ {KernelAbi.ExactQualifierMacro} {t} r = TANDEM_LEFT(a) {op.Symbol()} TANDEM_RIGHT(b); return r; }}";
            }
        }

        foreach (var (type, components) in VectorTypes())
        {
            foreach (var function in new[] { "min", "max" })
            {
                var parts = string.Join(", ", Enumerable.Range(0, components).Select(c => $"tandem_{function}_float(a.{"xyzw"[c]}, b.{"xyzw"[c]})"));
                sources[$"tandem_{function}_{type}"] = $"{type} tandem_{function}_{type}({type} a, {type} b) {{ return {type}({parts}); }}";
            }
        }

        return sources;
    }

    private static Dictionary<string, string[]> ExactDependencies()
    {
        var dependencies = new Dictionary<string, string[]>();
        foreach (var type in new[] { ScalarType.Float, ScalarType.Double, ScalarType.Float2, ScalarType.Float3, ScalarType.Float4 })
        {
            foreach (var op in new[] { BinaryOp.Add, BinaryOp.Subtract, BinaryOp.Multiply, BinaryOp.Divide })
            {
                dependencies[ExactArithmetic(op, type)!] = new[] { Operands };
            }
        }

        foreach (var (type, _) in VectorTypes())
        {
            dependencies[$"tandem_min_{type}"] = new[] { "tandem_min_float" };
            dependencies[$"tandem_max_{type}"] = new[] { "tandem_max_float" };
        }

        return dependencies;
    }

    private static (string Type, int Components)[] VectorTypes() => new[] { ("float2", 2), ("float3", 3), ("float4", 4) };
}

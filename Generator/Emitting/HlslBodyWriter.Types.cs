using System.Globalization;
using System.Linq;
using Tandem.Generator.Model;

namespace Tandem.Generator.Emitting;

/// <summary>
/// long, ulong and Half in HLSL (see <see cref="HlslHelpers"/> for why both 64-bit types are <c>uint64_t</c> and Half
/// values are their bits in a <c>uint</c>): conversions, operators, constants and the 16-bit buffer elements.
/// </summary>
internal sealed partial class HlslBodyWriter
{
    /// <summary>The element type of a Half span in HLSL: 16 bits (<c>min16uint</c> is uint16_t with -fhlsl-16bit-types).</summary>
    public const string HalfBufferElement = "min16uint";

    /// <summary>An element of a Half span, stored in 16 bits (group-shared Half arrays hold uints).</summary>
    private bool IsHalfBufferElement(ElementExpr element) =>
        element.Type == ScalarType.Half && _kernel.Plan.Buffers.Any(b => b.Name == element.Buffer);

    /// <summary>Reading an element, widened to the uint that holds a Half.</summary>
    private string LoadText(ElementExpr element, string elementText) =>
        IsHalfBufferElement(element) ? $"((uint){elementText})" : elementText;

    /// <summary>The value to store into an element, narrowed to 16 bits for a Half span.</summary>
    private string StoreValue(ElementExpr element, string value) =>
        IsHalfBufferElement(element) ? $"(({HalfBufferElement}){value})" : value;

    private string HalfToFloat(string bits) => Helper("tandem_f16_to_f32", bits);

    /// <summary>Converts <paramref name="text"/> with C#'s semantics (.NET's saturating float-to-64-bit conversions).</summary>
    private string CastText(string text, ScalarType from, ScalarType to)
    {
        if (from == to || (from.Is64BitInteger() && to.Is64BitInteger()))
        {
            return text;
        }

        if (from == ScalarType.Half)
        {
            // Every Half is exactly a float; .NET converts a Half to anything else through float.
            return CastText(HalfToFloat(text), ScalarType.Float, to);
        }

        if (to == ScalarType.Half)
        {
            return from == ScalarType.Double
                ? Helper("tandem_f64_to_f16", text)
                : Helper("tandem_f32_to_f16", CastText(text, from, ScalarType.Float));
        }

        if (to.Is64BitInteger())
        {
            var signed = to == ScalarType.Long;
            return from switch
            {
                ScalarType.Int => Helper("tandem_i32_to_64", text),
                ScalarType.UInt => Helper("tandem_u32_to_64", text),
                ScalarType.Float => Helper(signed ? "tandem_float_to_i64" : "tandem_float_to_u64", text),
                _ => Helper(signed ? "tandem_double_to_i64" : "tandem_double_to_u64", text),
            };
        }

        if (from == ScalarType.Long && to is ScalarType.Float or ScalarType.Double)
        {
            return Helper(to == ScalarType.Float ? "tandem_i64_to_float" : "tandem_i64_to_double", text);
        }

        return $"(({to.HlslName()}){text})";
    }

    /// <summary>A binary operator on long/ulong where uint64_t's own operator would be unsigned or unmasked; null where it is right.</summary>
    private string? Int64BinaryText(BinaryOp op, ScalarType type, string left, string right)
    {
        var signed = type == ScalarType.Long;
        switch (op)
        {
            // C# masks a 64-bit shift count to 0..63.
            case BinaryOp.ShiftLeft:
                return $"({left} << ({right} & 63))";
            case BinaryOp.ShiftRight when signed:
                return Helper("tandem_sar_i64", left, $"({right} & 63)");
            case BinaryOp.ShiftRight or BinaryOp.UnsignedShiftRight:
                return $"({left} >> ({right} & 63))";
            case BinaryOp.Divide when signed:
                return Helper("tandem_div_i64", left, right);
            case BinaryOp.Remainder when signed:
                return Helper("tandem_rem_i64", left, right);
            case BinaryOp.Less or BinaryOp.LessOrEqual or BinaryOp.Greater or BinaryOp.GreaterOrEqual when signed:
                return $"({Helper("tandem_i64_key", left)} {op.Symbol()} {Helper("tandem_i64_key", right)})";
            default:
                return null;
        }
    }

    /// <summary>Half's operators, as .NET defines them: on the float values, each result rounded back to Half.</summary>
    private string HalfBinaryText(BinaryOp op, string left, string right)
    {
        switch (op)
        {
            case BinaryOp.Add or BinaryOp.Subtract or BinaryOp.Multiply:
                // Float addition, subtraction and multiplication are correctly rounded in Vulkan, and a float holds
                // the exact result's 22 significant bits, so rounding to Half once more is exact.
                return Helper("tandem_f32_to_f16", BinaryText(op, ScalarType.Float, HalfToFloat(left), HalfToFloat(right)));
            case BinaryOp.Divide:
                // Vulkan's float division may be 2.5 ulp off: divide the significands as integers instead.
                return Helper("tandem_div_f16", left, right);
            case BinaryOp.Remainder:
                return Helper("tandem_rem_f16", left, right);
            default:
                return $"({HalfToFloat(left)} {op.Symbol()} {HalfToFloat(right)})";
        }
    }

    /// <summary>Half's unary minus goes through float in .NET too (a NaN comes back quiet).</summary>
    private string HalfNegate(string operand) => Helper("tandem_f32_to_f16", $"(-{HalfToFloat(operand)})");

    /// <summary>Math.Abs/Min/Max/Clamp on long and ulong, and Half.IsNaN/IsInfinity/IsFinite; null for other calls.</summary>
    private string? WideMathText(MathCallExpr call, string[] args)
    {
        var type = call.Arguments.Count > 0 ? call.Arguments[0].Type : call.Type;
        if (type == ScalarType.Half)
        {
            // On the bits: exponent all ones is infinity (mantissa 0) or NaN.
            var magnitude = $"({args[0]} & 0x7FFFu)";
            return call.Function switch
            {
                MathFunction.IsNaN => $"({magnitude} > 0x7C00u)",
                MathFunction.IsInfinity => $"({magnitude} == 0x7C00u)",
                _ => $"({magnitude} < 0x7C00u)",
            };
        }

        if (!type.Is64BitInteger())
        {
            return null;
        }

        var suffix = type == ScalarType.Long ? "i64" : "u64";
        return call.Function switch
        {
            MathFunction.Abs => type == ScalarType.Long ? Helper("tandem_abs_i64", args[0]) : args[0],
            MathFunction.Min => Helper("tandem_min_" + suffix, args),
            MathFunction.Max => Helper("tandem_max_" + suffix, args),
            _ => Helper("tandem_clamp_" + suffix, args),
        };
    }

    /// <summary>BitConverter's reinterpretations: OpBitcast, never a conversion (long and ulong are both uint64_t here).</summary>
    private string BitCastText(ScalarType type, string operand) => type switch
    {
        ScalarType.Int => $"asint({operand})",
        ScalarType.UInt => $"asuint({operand})",
        ScalarType.Float => $"asfloat({operand})",
        _ => Helper("tandem_bits_to_double", operand),
    };

    /// <summary>A long/ulong constant from its two 32-bit halves (glslc truncates 64-bit literals), or a Half one.</summary>
    private string WideLiteral(LiteralExpr literal)
    {
        if (literal.Type == ScalarType.Half)
        {
            return Helper("tandem_f32_to_f16", Literal(new LiteralExpr(ScalarType.Float, literal.Value)));
        }

        var bits = literal.Type == ScalarType.Long
            ? unchecked((ulong)long.Parse(literal.Value, CultureInfo.InvariantCulture))
            : ulong.Parse(literal.Value, CultureInfo.InvariantCulture);
        return Helper("tandem_u64", Hex((uint)(bits >> 32)), Hex((uint)bits));

        static string Hex(uint value) => "0x" + value.ToString("X", CultureInfo.InvariantCulture) + "u";
    }
}

using System.Linq;
using Tandem.Generator.Model;

namespace Tandem.Generator.Emitting;

/// <summary>
/// Prints the SIMD loop of a straight-line 1D kernel, once per vector width (256 and 128 bits) so the widest one
/// the machine accelerates runs. 512-bit vectors are left out on purpose, as .NET's <c>Vector&lt;T&gt;</c> does by
/// default: their math (e.g. <c>Vector512.Exp</c>) measured several times slower than 256-bit on AVX-512 machines. Varying values (per thread) become vectors; uniform ones stay scalars and are
/// broadcast where they meet a vector. The loop runs only after every indexed buffer is proven long enough, so its
/// unchecked loads and stores stay in bounds; the scalar loop after it finishes the range.
/// </summary>
internal sealed class SimdWriter
{
    private static readonly int[] Widths = { 256, 128 };

    private readonly KernelSpec kernel;
    private readonly SourceWriter w;
    private readonly VectorTyping typing;
    private string vector = "global::System.Runtime.Intrinsics.Vector256";

    public SimdWriter(KernelSpec kernel, SourceWriter writer)
    {
        this.kernel = kernel;
        w = writer;
        typing = VectorTyping.Infer(kernel.Body);
    }

    public void Write()
    {
        var indexed = kernel.Buffers.Where(b => b.IndexedByThreadIndex).ToList();
        var proof = string.Concat(indexed.Select(b => $" && __end <= {CpuEmitter.SpanName(b.Name)}.Length"));
        w.Open($"if (global::Tandem.CompilerServices.CpuVectorization.Enabled && __begin >= 0{proof})");
        foreach (var buffer in indexed)
        {
            w.Line($"ref var {RefName(buffer.Name)} = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference({CpuEmitter.SpanName(buffer.Name)});");
        }

        var laneType = typing.LaneSize == 8 ? "double" : "float";
        for (var i = 0; i < Widths.Length; i++)
        {
            vector = "global::System.Runtime.Intrinsics.Vector" + Widths[i];
            w.Line($"{(i == 0 ? "if" : "else if")} ({vector}.IsHardwareAccelerated)");
            w.Open();
            w.Open($"for (; __i <= __end - {vector}<{laneType}>.Count; __i += {vector}<{laneType}>.Count)");
            foreach (var statement in kernel.Body.Statements)
            {
                WriteStatement(statement);
            }

            w.Close();
            w.Close();
        }

        w.Close();
    }

    private static string RefName(string buffer) => "__ref_" + buffer;

    private string VectorType(ScalarType type) => $"{vector}<{type.CSharpName()}>";

    private void WriteStatement(Stmt statement)
    {
        switch (statement)
        {
            case BlockStmt block:
                w.Open();
                foreach (var inner in block.Statements)
                {
                    WriteStatement(inner);
                }

                w.Close();
                break;
            case LocalDeclStmt declaration:
            {
                var name = CSharpText.Identifier(declaration.Name);
                if (typing.IsVaryingLocal(declaration.Name))
                {
                    var value = declaration.Initializer is null ? "default" : Vector(declaration.Initializer);
                    w.Line($"{VectorType(declaration.Type)} {name} = {value};");
                }
                else
                {
                    var value = declaration.Initializer is null ? "default" : Scalar(declaration.Initializer);
                    w.Line($"{declaration.Type.CSharpName()} {name} = {value};");
                }

                break;
            }

            case ExpressionStmt { Expression: AssignExpr or IncrementExpr } expression when typing.IsVarying(expression.Expression):
                WriteVectorAssignment(expression.Expression);
                break;
            case ExpressionStmt { Expression: AssignExpr or IncrementExpr } expression:
                // A statement, not a parenthesized expression: `(j += n);` is not valid C# (CS0201).
                var text = Scalar(expression.Expression);
                w.Line(text.Substring(1, text.Length - 2) + ";");
                break;
            case ExpressionStmt:
                // A pure expression evaluated for nothing (a discarded Math call) has no effect.
                break;
        }
    }

    private void WriteVectorAssignment(Expr expression)
    {
        var (target, op, value, type) = expression switch
        {
            AssignExpr a => (a.Target, a.Op, a.Value, a.Type),
            IncrementExpr i => (i.Target, i.Increment ? AssignOp.Add : AssignOp.Subtract, (Expr)new LiteralExpr(i.Type, "1"), i.Type),
            _ => throw new System.InvalidOperationException(),
        };

        var newValue = op == AssignOp.Assign
            ? Vector(value)
            : VectorBinary(VectorTyping.CompoundToBinary(op), type, Vector(target), value);
        if (target is ElementExpr element)
        {
            w.Line($"{vector}.StoreUnsafe({newValue}, ref {RefName(element.Buffer)}, (nuint)__i);");
        }
        else
        {
            w.Line($"{Scalar(target)} = {newValue};");
        }
    }

    /// <summary>A varying or uniform expression as a vector.</summary>
    private string Vector(Expr expression)
    {
        if (!typing.IsVarying(expression))
        {
            return $"{vector}.Create({Scalar(expression)})";
        }

        switch (expression)
        {
            case ThreadIndexExpr:
                return $"({vector}.Create(__i) + {vector}<int>.Indices)";
            case ElementExpr element:
                return $"{vector}.LoadUnsafe(ref {RefName(element.Buffer)}, (nuint)__i)";
            case VariableExpr variable:
                return CSharpText.Identifier(variable.Name);
            case UnaryExpr unary:
                var operand = Vector(unary.Operand);
                return unary.Op switch
                {
                    UnaryOp.Negate => $"(-{operand})",
                    UnaryOp.BitwiseNot => $"(~{operand})",
                    _ => operand,
                };
            case BinaryExpr binary:
                return VectorBinary(binary.Op, binary.Left.Type, Vector(binary.Left), binary.Right);
            case CastExpr cast:
                return VectorCast(cast.Operand.Type, cast.Type, Vector(cast.Operand));
            case MathCallExpr call:
                var name = call.Function == MathFunction.Ceiling ? "Ceiling" : call.Function.ToString();
                return $"{vector}.{name}({string.Join(", ", call.Arguments.Select(Vector))})";
            default:
                throw new System.InvalidOperationException("VectorTyping admitted " + expression.GetType().Name);
        }
    }

    private string VectorBinary(BinaryOp op, ScalarType type, string left, Expr right)
    {
        // C# masks shift counts to the operand's width.
        var mask = type.Is64BitInteger() ? "63" : "31";
        switch (op)
        {
            case BinaryOp.ShiftLeft:
                return $"{vector}.ShiftLeft({left}, ({Scalar(right)}) & {mask})";
            case BinaryOp.ShiftRight:
                return $"{vector}.{(type is ScalarType.Int or ScalarType.Long ? "ShiftRightArithmetic" : "ShiftRightLogical")}({left}, ({Scalar(right)}) & {mask})";
            case BinaryOp.UnsignedShiftRight:
                return $"{vector}.ShiftRightLogical({left}, ({Scalar(right)}) & {mask})";
        }

        // VectorTyping admits only +, -, *, / (floating point) and bitwise operators here: Vector256 has them all.
        var symbol = op.Symbol();
        return $"({left} {symbol} {Vector(right)})";
    }

    private string VectorCast(ScalarType from, ScalarType to, string operand) => (from, to) switch
    {
        (ScalarType.Int, ScalarType.Float) or (ScalarType.UInt, ScalarType.Float) => $"{vector}.ConvertToSingle({operand})",
        (ScalarType.Float, ScalarType.Int) => $"{vector}.ConvertToInt32({operand})",
        (ScalarType.Float, ScalarType.UInt) => $"{vector}.ConvertToUInt32({operand})",
        (ScalarType.Int, ScalarType.UInt) => $"{vector}.AsUInt32({operand})",
        (ScalarType.UInt, ScalarType.Int) => $"{vector}.AsInt32({operand})",
        (ScalarType.Long, ScalarType.ULong) => $"{vector}.AsUInt64({operand})",
        (ScalarType.ULong, ScalarType.Long) => $"{vector}.AsInt64({operand})",
        _ => operand,
    };

    /// <summary>A uniform expression as ordinary C#.</summary>
    private string Scalar(Expr expression)
    {
        switch (expression)
        {
            case LiteralExpr literal:
                return CSharpText.Literal(literal);
            case VariableExpr variable:
                return CSharpText.Identifier(variable.Name);
            case LengthExpr length:
                return CpuEmitter.SpanName(length.Buffer) + ".Length";
            case UnaryExpr unary:
                var symbol = unary.Op switch
                {
                    UnaryOp.Negate => "-",
                    UnaryOp.Not => "!",
                    UnaryOp.BitwiseNot => "~",
                    _ => "+",
                };
                return $"({symbol}{Scalar(unary.Operand)})";
            case BinaryExpr binary:
                return $"({Scalar(binary.Left)} {binary.Op.Symbol()} {Scalar(binary.Right)})";
            case ConditionalExpr conditional:
                return $"({Scalar(conditional.Condition)} ? {Scalar(conditional.WhenTrue)} : {Scalar(conditional.WhenFalse)})";
            case CastExpr cast:
                return $"(({cast.Type.CSharpName()}){Scalar(cast.Operand)})";
            case MathCallExpr call:
                return MathCall(call);
            case AssignExpr assignment:
                return assignment.Op == AssignOp.Assign
                    ? $"({Scalar(assignment.Target)} = {Scalar(assignment.Value)})"
                    : $"({Scalar(assignment.Target)} {VectorTyping.CompoundToBinary(assignment.Op).Symbol()}= {Scalar(assignment.Value)})";
            case IncrementExpr increment:
                var op = increment.Increment ? "++" : "--";
                return increment.Prefix ? $"({op}{Scalar(increment.Target)})" : $"({Scalar(increment.Target)}{op})";
            default:
                throw new System.InvalidOperationException("A varying expression in a uniform context: " + expression.GetType().Name);
        }
    }

    private string MathCall(MathCallExpr call)
    {
        var arguments = string.Join(", ", call.Arguments.Select(Scalar));
        var type = call.Arguments.Count > 0 ? call.Arguments[0].Type : call.Type;
        var owner = call.Function switch
        {
            MathFunction.IsNaN or MathFunction.IsInfinity or MathFunction.IsFinite => type.CSharpName(),
            _ when type == ScalarType.Float => "global::System.MathF",
            _ => "global::System.Math",
        };
        return $"{owner}.{call.Function}({arguments})";
    }
}

using System.Collections.Generic;
using Tandem.Generator.Parsing;

namespace Tandem.Generator.Model;

/// <summary>
/// Splits a straight-line 1D kernel body into <em>varying</em> values (one per thread: anything that reads a buffer
/// element or the thread index) and <em>uniform</em> ones (the same for all threads), and checks that every varying
/// operation has a SIMD form with the scalar code's exact semantics. The parser uses it to decide whether a kernel
/// is vectorized; the CPU emitter uses it to print vector or scalar code for each expression.
/// </summary>
internal sealed class VectorTyping
{
    private readonly HashSet<string> varyingLocals = new();
    private readonly HashSet<string> declaredLocals = new();
    private int laneSize;
    private string? reason;

    private VectorTyping()
    {
    }

    /// <summary>The size in bytes of one lane: 4 for float/int/uint bodies, 8 for double ones.</summary>
    public int LaneSize => laneSize == 0 ? 4 : laneSize;

    /// <summary>Returns null when <paramref name="body"/> vectorizes, else the reason it does not.</summary>
    public static string? Check(BlockStmt body) => Infer(body).reason;

    public static VectorTyping Infer(BlockStmt body)
    {
        var typing = new VectorTyping();
        // A local is varying if any value stored into it is; iterate until no new local becomes varying.
        int before;
        do
        {
            before = typing.varyingLocals.Count;
            typing.CollectVaryingLocals(body);
        }
        while (typing.varyingLocals.Count != before);

        typing.CheckStatement(body);
        return typing;
    }

    public bool IsVarying(Expr expression) => expression switch
    {
        ThreadIndexExpr or ElementExpr => true,
        VariableExpr variable => varyingLocals.Contains(variable.Name),
        LiteralExpr or LengthExpr => false,
        UnaryExpr unary => IsVarying(unary.Operand),
        BinaryExpr binary => IsVarying(binary.Left) || IsVarying(binary.Right),
        CastExpr cast => IsVarying(cast.Operand),
        MathCallExpr call => AnyVarying(call.Arguments),
        AssignExpr assignment => IsVarying(assignment.Target) || IsVarying(assignment.Value),
        IncrementExpr increment => IsVarying(increment.Target),
        ConditionalExpr conditional => IsVarying(conditional.Condition) || IsVarying(conditional.WhenTrue) || IsVarying(conditional.WhenFalse),
        _ => true,
    };

    public bool IsVaryingLocal(string name) => varyingLocals.Contains(name);

    private bool AnyVarying(EquatableArray<Expr> expressions)
    {
        foreach (var expression in expressions)
        {
            if (IsVarying(expression))
            {
                return true;
            }
        }

        return false;
    }

    private void CollectVaryingLocals(Stmt statement)
    {
        switch (statement)
        {
            case BlockStmt block:
                foreach (var inner in block.Statements)
                {
                    CollectVaryingLocals(inner);
                }

                break;
            case LocalDeclStmt declaration:
                declaredLocals.Add(declaration.Name);
                if (declaration.Initializer is { } initializer && IsVarying(initializer))
                {
                    varyingLocals.Add(declaration.Name);
                }

                break;
            case ExpressionStmt { Expression: AssignExpr { Target: VariableExpr target } assignment } when IsVarying(assignment.Value):
                if (!declaredLocals.Contains(target.Name))
                {
                    // A scalar parameter is one value for all threads in the SIMD loop; per-thread values need a local.
                    Fail($"it assigns a per-thread value to the parameter '{target.Name}'");
                }

                varyingLocals.Add(target.Name);
                break;
        }
    }

    private void Fail(string why) => reason ??= why;

    private void CheckStatement(Stmt statement)
    {
        switch (statement)
        {
            case BlockStmt block:
                foreach (var inner in block.Statements)
                {
                    CheckStatement(inner);
                }

                break;
            case LocalDeclStmt declaration:
                if (varyingLocals.Contains(declaration.Name))
                {
                    UseLane(declaration.Type);
                }

                if (declaration.Initializer is { } initializer)
                {
                    CheckExpression(initializer);
                }

                break;
            case ExpressionStmt { Expression: AssignExpr or IncrementExpr } expression:
                CheckExpression(expression.Expression, statementLevel: true);
                break;
            case ExpressionStmt expression:
                CheckExpression(expression.Expression);
                break;
            default:
                Fail("it is not straight-line code");
                break;
        }
    }

    private void UseLane(ScalarType type)
    {
        if (type == ScalarType.Bool)
        {
            Fail("it computes per-thread bool values");
            return;
        }

        if (laneSize == 0)
        {
            laneSize = type.Size();
        }
        else if (laneSize != type.Size())
        {
            Fail("it mixes 32-bit and 64-bit per-thread values");
        }
    }

    private void CheckExpression(Expr expression, bool statementLevel = false)
    {
        if (!IsVarying(expression))
        {
            return;
        }

        if (!statementLevel && expression is AssignExpr or IncrementExpr)
        {
            Fail("it assigns inside an expression");
            return;
        }

        UseLane(expression.Type);
        switch (expression)
        {
            case ThreadIndexExpr or ElementExpr { Index: ThreadIndexExpr } or VariableExpr:
                break;
            case UnaryExpr unary:
                if (unary.Op == UnaryOp.Not || (unary.Op == UnaryOp.BitwiseNot && !unary.Type.IsInteger()))
                {
                    Fail($"it applies '{unary.Op}' per thread");
                }

                CheckExpression(unary.Operand);
                break;
            case BinaryExpr binary:
                CheckBinary(binary.Op, binary.Type, binary.Right);
                CheckExpression(binary.Left);
                CheckExpression(binary.Right);
                break;
            case CastExpr cast:
                // Same-size 64-bit conversions other than long <-> ulong (to and from double) have no SIMD form here.
                if (IsVarying(cast.Operand) && (cast.Operand.Type.Size() != cast.Type.Size()
                    || (cast.Type.Size() == 8 && !(cast.Type.Is64BitInteger() && cast.Operand.Type.Is64BitInteger()))))
                {
                    Fail($"it converts {cast.Operand.Type.CSharpName()} to {cast.Type.CSharpName()} per thread");
                }

                CheckExpression(cast.Operand);
                break;
            case MathCallExpr call:
                var integerMinMax = call.Function is MathFunction.Min or MathFunction.Max && call.Type.IsInteger();
                // Math.Abs(int.MinValue) throws; the vector form would wrap, so integer Abs stays scalar.
                if (!KernelAnalysis.VectorizableFunctions.Contains(call.Function) || (!call.Type.IsFloatingPoint() && !integerMinMax))
                {
                    Fail($"it calls {call.Function} on {call.Type.CSharpName()}, which has no exact SIMD form");
                }

                foreach (var argument in call.Arguments)
                {
                    CheckExpression(argument);
                }

                break;
            case AssignExpr assignment:
                if (assignment.Op != AssignOp.Assign)
                {
                    CheckBinary(CompoundToBinary(assignment.Op), assignment.OperationType, assignment.Value);
                    if (assignment.OperationType != assignment.Type)
                    {
                        Fail("its compound assignment converts the result back");
                    }
                }

                if (assignment.Target is ElementExpr { Index: not ThreadIndexExpr })
                {
                    Fail("it writes an element other than its own");
                }

                CheckExpression(assignment.Value);
                break;
            case IncrementExpr increment:
                UseLane(increment.Type);
                break;
            default:
                Fail("it uses an operation without a SIMD form");
                break;
        }
    }

    private void CheckBinary(BinaryOp op, ScalarType type, Expr right)
    {
        switch (op)
        {
            case BinaryOp.Add or BinaryOp.Subtract or BinaryOp.Multiply:
                break;
            case BinaryOp.Divide when type.IsFloatingPoint():
                break;
            case BinaryOp.BitwiseAnd or BinaryOp.BitwiseOr or BinaryOp.ExclusiveOr when type.IsInteger():
                break;
            case BinaryOp.ShiftLeft or BinaryOp.ShiftRight or BinaryOp.UnsignedShiftRight when type.IsInteger() && !IsVarying(right):
                break;
            default:
                Fail($"it applies '{op}' to per-thread {type.CSharpName()} values");
                break;
        }
    }

    internal static BinaryOp CompoundToBinary(AssignOp op) => op switch
    {
        AssignOp.Add => BinaryOp.Add,
        AssignOp.Subtract => BinaryOp.Subtract,
        AssignOp.Multiply => BinaryOp.Multiply,
        AssignOp.Divide => BinaryOp.Divide,
        AssignOp.Remainder => BinaryOp.Remainder,
        AssignOp.ShiftLeft => BinaryOp.ShiftLeft,
        AssignOp.ShiftRight => BinaryOp.ShiftRight,
        AssignOp.UnsignedShiftRight => BinaryOp.UnsignedShiftRight,
        AssignOp.BitwiseAnd => BinaryOp.BitwiseAnd,
        AssignOp.BitwiseOr => BinaryOp.BitwiseOr,
        _ => BinaryOp.ExclusiveOr,
    };
}

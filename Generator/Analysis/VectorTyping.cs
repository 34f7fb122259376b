using System.Collections.Generic;
using System.Linq;
using Tandem.Generator.Model;

namespace Tandem.Generator.Analysis;

/// <summary>
/// Splits a kernel body into <em>varying</em> values (one per lane: anything that reads a buffer element or the
/// thread index along X) and <em>uniform</em> ones (the same for all lanes of a vector: scalars, lengths, and in 2D
/// and 3D the Y and Z components), and checks that every varying operation has a SIMD form with the scalar code's
/// exact semantics. Branches on varying conditions become masks: both sides run for every lane and a select keeps
/// each lane's own result, which is exact because vectorized expressions have no side effects and cannot throw, and
/// every buffer access is proven in range for every lane before the loop runs (<see cref="SimdAccesses"/>). The
/// analysis runs it once per kernel: it decides whether the kernel is vectorized and makes the <see cref="VectorPlan"/>
/// the CPU emitter prints the SIMD loop from.
/// </summary>
internal sealed class VectorTyping
{
    private readonly HashSet<string> _varyingLocals = new();
    private readonly Dictionary<string, int> _declarationDepth = new();
    private readonly LocalFacts _locals;
    private readonly LaneIndexer _indexer;
    private readonly Dictionary<ElementExpr, LaneIndex> _elements = new();
    private int _laneSize;
    private string? _reason;

    private VectorTyping(BlockStmt body)
    {
        _locals = new LocalFacts(body);
        _indexer = new LaneIndexer(_locals, IsVarying);
    }

    /// <summary>True when a <c>return</c> sits under a varying condition: lanes then leave the body one by one.</summary>
    private bool ReturnsUnderMask { get; set; }

    /// <summary>The buffer accesses, each with its lane index; valid when the body vectorizes.</summary>
    private SimdAccesses Accesses { get; } = new();

    /// <summary>The SIMD plan of <paramref name="body"/>; null with <paramref name="reason"/> saying why it does not vectorize.</summary>
    public static VectorPlan? Plan(BlockStmt body, out string? reason)
    {
        var typing = Infer(body);
        reason = typing._reason;
        return reason is not null ? null : new VectorPlan(
            typing._laneSize == 0 ? 4 : typing._laneSize,
            typing.ReturnsUnderMask,
            typing._varyingLocals.OrderBy(name => name, System.StringComparer.Ordinal).ToEquatableArray(),
            typing.Accesses.All.ToEquatableArray(),
            typing._elements.Select(pair => new ElementLane(pair.Key, pair.Value)).ToEquatableArray(),
            typing.Accesses.AliasChecks.ToEquatableArray())
        {
            InRange = typing.ProvenInRange(body).ToEquatableArray(),
        };
    }

    /// <summary>
    /// The comparisons <c>index &lt; b.Length</c> whose index is a lane index that the loop's range check already
    /// proves in range for every lane (an access of <c>b</c> at the same stride and terms reaches at least as far):
    /// the SIMD loop takes them as true, so a guard like <c>if (j + 1 &lt; x.Length)</c> before <c>x[j + 1]</c> costs
    /// no mask.
    /// </summary>
    private IEnumerable<Expr> ProvenInRange(BlockStmt body)
    {
        foreach (var expression in body.AllExpressions().Distinct())
        {
            if (expression is not BinaryExpr { Op: BinaryOp.Less, Right: LengthExpr length } comparison || !IsVarying(comparison.Left)
                || _indexer.Decompose(length.Buffer, comparison.Left, out _) is not { LaneCoefficient: > 0 } index)
            {
                continue;
            }

            if (Accesses.All.Any(a => a.Buffer == length.Buffer && a.Index.LaneCoefficient == index.LaneCoefficient
                && a.Index.Terms.Equals(index.Terms) && a.Index.Constant + a.Index.LaneCoefficient - 1 >= index.Constant))
            {
                yield return comparison;
            }
        }
    }

    private static VectorTyping Infer(BlockStmt body)
    {
        var typing = new VectorTyping(body);
        // A local is varying if any value stored into it is, or if it is assigned under a varying condition (lanes
        // then disagree on whether the store happened); iterate until no new local becomes varying.
        int before;
        do
        {
            before = typing._varyingLocals.Count;
            typing.CollectVaryingLocals(body, 0);
        }
        while (typing._varyingLocals.Count != before);

        typing.CheckStatement(body, 0);
        typing._reason ??= typing.Accesses.CheckWrites();
        return typing;
    }

    private bool IsVarying(Expr expression) => VectorPlan.IsVarying(expression, _varyingLocals.Contains);

    /// <param name="statement">The statement.</param>
    /// <param name="depth">How many varying conditions enclose it.</param>
    private void CollectVaryingLocals(Stmt statement, int depth)
    {
        switch (statement)
        {
            case BlockStmt block:
                foreach (var inner in block.Statements)
                {
                    CollectVaryingLocals(inner, depth);
                }

                break;
            case LocalDeclStmt declaration:
                _declarationDepth[declaration.Name] = _declarationDepth.TryGetValue(declaration.Name, out var known) ? System.Math.Min(known, depth) : depth;
                if (declaration.Initializer is { } initializer && IsVarying(initializer))
                {
                    _varyingLocals.Add(declaration.Name);
                }

                break;
            case ExpressionStmt { Expression: AssignExpr { Target: VariableExpr target } assignment }:
                Assigned(target.Name, IsVarying(assignment.Value), depth);
                break;
            case ExpressionStmt { Expression: IncrementExpr { Target: VariableExpr target } }:
                Assigned(target.Name, false, depth);
                break;
            case IfStmt conditional:
                var branchDepth = IsVarying(conditional.Condition) ? depth + 1 : depth;
                CollectVaryingLocals(conditional.Then, branchDepth);
                if (conditional.Else is { } otherwise)
                {
                    CollectVaryingLocals(otherwise, branchDepth);
                }

                break;
        }
    }

    private void Assigned(string name, bool varyingValue, int depth)
    {
        if (!_declarationDepth.TryGetValue(name, out var declaredAt))
        {
            // A scalar parameter is one value for all lanes in the SIMD loop; per-lane values need a local.
            if (varyingValue)
            {
                Fail($"it assigns a per-thread value to the parameter '{name}'; copy the parameter into a local and assign that");
            }
            else if (depth > 0)
            {
                Fail($"it assigns the parameter '{name}' under a per-thread condition; copy the parameter into a local and assign that");
            }

            return;
        }

        if (varyingValue || depth > declaredAt)
        {
            _varyingLocals.Add(name);
        }
    }

    private void Fail(string why) => _reason ??= why;

    private void CheckStatement(Stmt statement, int depth)
    {
        switch (statement)
        {
            case BlockStmt block:
                foreach (var inner in block.Statements)
                {
                    CheckStatement(inner, depth);
                }

                break;
            case LocalDeclStmt declaration:
                if (_varyingLocals.Contains(declaration.Name))
                {
                    UseLane(declaration.Type);
                }

                if (declaration.Initializer is { } initializer)
                {
                    CheckExpression(initializer, Lazy(depth));
                }

                break;
            case ExpressionStmt { Expression: AssignExpr or IncrementExpr } expression:
                CheckExpression(expression.Expression, Lazy(depth), statementLevel: true);
                break;
            case ExpressionStmt expression:
                CheckExpression(expression.Expression, Lazy(depth));
                break;
            case IfStmt conditional:
                var varying = IsVarying(conditional.Condition);
                CheckExpression(conditional.Condition, Lazy(depth));
                CheckStatement(conditional.Then, varying ? depth + 1 : depth);
                if (conditional.Else is { } otherwise)
                {
                    CheckStatement(otherwise, varying ? depth + 1 : depth);
                }

                break;
            case ReturnStmt { Value: null }:
                ReturnsUnderMask |= depth > 0;
                break;
            default:
                Fail("it uses a statement the SIMD loop has no form for (a loop, 'switch', 'break' or 'continue'); use if/else and ?: only");
                break;
        }
    }

    /// <summary>
    /// True where the scalar code runs a statement for some threads only (under a varying condition, or after some
    /// threads returned) while the SIMD loop runs it for the whole vector.
    /// </summary>
    private bool Lazy(int depth) => depth > 0 || ReturnsUnderMask;

    private void UseLane(ScalarType type)
    {
        if (type == ScalarType.Bool)
        {
            // A per-lane bool is a mask as wide as the lane: it takes the size of the values around it.
            return;
        }

        if (_laneSize == 0)
        {
            _laneSize = type.Size();
        }
        else if (_laneSize != type.Size())
        {
            Fail("it mixes 32-bit and 64-bit per-thread values (a double kernel that also computes with the int thread index, or a float widened to double); keep per-thread values one width");
        }
    }

    /// <param name="expression">The expression.</param>
    /// <param name="lazy">
    /// True when the scalar code may not evaluate it for every thread (see <see cref="Lazy"/>, and the lazy operands of
    /// <c>?:</c>, <c>&amp;&amp;</c>, <c>||</c>) while the SIMD loop evaluates it for every lane.
    /// </param>
    /// <param name="statementLevel">True for the assignment or increment of an expression statement.</param>
    private void CheckExpression(Expr expression, bool lazy, bool statementLevel = false)
    {
        if (ContainsAssignment(expression, statementLevel))
        {
            Fail("it assigns inside an expression; make each assignment a statement of its own");
            return;
        }

        if (!IsVarying(expression))
        {
            if (lazy && MayThrow(expression))
            {
                Fail("it divides integers or calls Math.Abs/Clamp under a per-thread condition, which the SIMD loop evaluates for every thread and which may throw; compute that value before the condition");
            }

            return;
        }

        UseLane(expression.Type);
        switch (expression)
        {
            case ThreadIndexExpr or VariableExpr:
                break;
            case ElementExpr element:
                Access(element, write: false);
                break;
            case UnaryExpr unary:
                var supported = unary.Op switch
                {
                    UnaryOp.Not => unary.Type == ScalarType.Bool,
                    UnaryOp.BitwiseNot => unary.Type.IsInteger(),
                    _ => true,
                };
                if (!supported)
                {
                    Fail($"it applies '{unary.Op}' to per-thread {unary.Type.CSharpName()} values");
                }

                CheckExpression(unary.Operand, lazy);
                break;
            case BinaryExpr binary:
                CheckBinary(binary);
                CheckExpression(binary.Left, lazy);
                // Both sides of a varying && or || run for every lane.
                CheckExpression(binary.Right, lazy || binary.Op is BinaryOp.LogicalAnd or BinaryOp.LogicalOr);
                break;
            case ConditionalExpr conditional:
                // A uniform condition stays a C# ?: that picks one side; a varying one selects between both sides.
                var branchesLazy = lazy || IsVarying(conditional.Condition);
                CheckExpression(conditional.Condition, lazy);
                CheckExpression(conditional.WhenTrue, branchesLazy);
                CheckExpression(conditional.WhenFalse, branchesLazy);
                break;
            case CastExpr cast:
                // Same-size 64-bit conversions other than long <-> ulong (to and from double) have no SIMD form here.
                if (IsVarying(cast.Operand) && (cast.Operand.Type.Size() != cast.Type.Size()
                    || (cast.Type.Size() == 8 && !(cast.Type.Is64BitInteger() && cast.Operand.Type.Is64BitInteger()))))
                {
                    Fail($"it converts {cast.Operand.Type.CSharpName()} to {cast.Type.CSharpName()} per thread; keep per-thread values one width (float literals are written 0.5f)");
                }

                CheckExpression(cast.Operand, lazy);
                break;
            case MathCallExpr call:
                var integerMinMax = call.Function is MathFunction.Min or MathFunction.Max && call.Type.IsInteger();
                // A reinterpretation keeps the lane width, so a vector of one element type is the same bits as another.
                var bitCast = call.Function == MathFunction.BitCast;
                // IsNaN is x != x per lane: a mask, as a comparison gives.
                var isNaN = call.Function == MathFunction.IsNaN && call.Arguments[0].Type.IsFloatingPoint();
                // Math.Abs(int.MinValue) throws; the vector form would wrap, so integer Abs stays scalar.
                if (!isNaN && (!KernelAnalysis.VectorizableFunctions.Contains(call.Function) || (!call.Type.IsFloatingPoint() && !integerMinMax && !bitCast)))
                {
                    Fail($"it calls {call.Function} on {call.Type.CSharpName()}, which has no exact SIMD form (Exp, Log, Log2, Sqrt, Abs, Min, Max, Floor, Ceiling, Round, FusedMultiplyAdd, Sin, Cos, Tanh and IsNaN on float or double have one)");
                }

                foreach (var argument in call.Arguments)
                {
                    CheckExpression(argument, lazy);
                }

                break;
            case AssignExpr assignment:
                if (assignment.Op != AssignOp.Assign)
                {
                    CheckArithmetic(assignment.Op.ToBinary(), assignment.OperationType, assignment.Value);
                    if (assignment.OperationType != assignment.Type)
                    {
                        Fail("its compound assignment converts the result back; write 'a = (T)(a op b)' with one type");
                    }
                }

                if (assignment.Target is ElementExpr target)
                {
                    Access(target, write: true);
                }

                CheckExpression(assignment.Value, lazy);
                break;
            case IncrementExpr increment:
                if (increment.Target is ElementExpr incremented)
                {
                    Access(incremented, write: true);
                }

                break;
            default:
                Fail("it uses an operation without a SIMD form");
                break;
        }
    }

    private static bool ContainsAssignment(Expr expression, bool statementLevel)
    {
        if (!statementLevel && expression is AssignExpr or IncrementExpr)
        {
            return true;
        }

        foreach (var child in expression.Children())
        {
            // The target of a statement-level assignment is not itself an assignment; only look below it.
            if (ContainsAssignment(child, statementLevel: false))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when evaluating a uniform expression may throw: integer division, Math.Abs on integers, Clamp.</summary>
    private static bool MayThrow(Expr expression)
    {
        switch (expression)
        {
            case BinaryExpr { Op: BinaryOp.Divide or BinaryOp.Remainder } division when division.Type.IsInteger():
            case MathCallExpr { Function: MathFunction.Clamp }:
            case MathCallExpr { Function: MathFunction.Abs } abs when abs.Type.IsInteger():
                return true;
        }

        foreach (var child in expression.Children())
        {
            if (MayThrow(child))
            {
                return true;
            }
        }

        return false;
    }

    private void Access(ElementExpr element, bool write)
    {
        if (_indexer.Decompose(element.Buffer, element.Index, out var problem) is { } index)
        {
            if (index.LaneCoefficient > 1 && element.Type is not (ScalarType.Float or ScalarType.Int or ScalarType.UInt))
            {
                // The SIMD loop reads every 2nd or 4th element by narrowing pairs of 32-bit elements (see SimdWriter).
                Fail($"it indexes '{element.Buffer}' with a stride between threads, which the SIMD loop reads for 32-bit elements only");
                return;
            }

            Accesses.Add(element.Buffer, index, write);
            _elements[element] = index;
        }
        else
        {
            Fail(problem!);
        }
    }

    private void CheckBinary(BinaryExpr binary)
    {
        switch (binary.Op)
        {
            case BinaryOp.Equals or BinaryOp.NotEquals:
            case BinaryOp.Less or BinaryOp.LessOrEqual or BinaryOp.Greater or BinaryOp.GreaterOrEqual when binary.Left.Type != ScalarType.Bool:
                // Comparisons give a mask as wide as the compared values.
                UseLane(binary.Left.Type);
                break;
            case BinaryOp.LogicalAnd or BinaryOp.LogicalOr:
            case BinaryOp.BitwiseAnd or BinaryOp.BitwiseOr or BinaryOp.ExclusiveOr when binary.Type == ScalarType.Bool:
                // Both sides are evaluated for every lane: they are pure and in range, so that is safe.
                break;
            default:
                CheckArithmetic(binary.Op, binary.Type, binary.Right);
                break;
        }
    }

    private void CheckArithmetic(BinaryOp op, ScalarType type, Expr right)
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
            case BinaryOp.Divide or BinaryOp.Remainder when type.IsInteger():
                Fail($"it applies '{op}' to per-thread {type.CSharpName()} values, which has no SIMD form (integer division may throw)");
                break;
            default:
                Fail($"it applies '{op}' to per-thread {type.CSharpName()} values, which has no SIMD form");
                break;
        }
    }
}

using System.Collections.Generic;
using System.Globalization;
using Tandem.Generator.Model;

namespace Tandem.Generator.Analysis;

/// <summary>One term of a <see cref="LaneIndex"/>: a value the same for every lane of a vector, added or subtracted.</summary>
/// <param name="Negated">True when the term is subtracted.</param>
/// <param name="Value">
/// The term with every local replaced by its initializer, so it reads only scalar parameters that the body never
/// assigns, lengths, literals and the other components of the thread index: it can be evaluated before the loop.
/// </param>
internal sealed record LaneTerm(bool Negated, Expr Value);

/// <summary>
/// An element index as the SIMD loop sees it: <c>LaneCoefficient * lane + ±Terms + Constant</c>, where the lane is
/// the thread index along X (the index itself in 1D). With coefficient 1 consecutive lanes touch consecutive elements
/// (one unaligned vector load or store at <c>base + lane</c>); with coefficient 0 every lane reads the same element
/// (one read, broadcast). Two accesses with equal lane indices touch the same element in every lane.
/// </summary>
internal sealed record LaneIndex(int LaneCoefficient, EquatableArray<LaneTerm> Terms, long Constant)
{
    /// <summary>True for plain <c>x[i]</c> in 1D: no base to compute.</summary>
    public bool IsThreadIndex => LaneCoefficient == 1 && Terms.Count == 0 && Constant == 0;
}

/// <summary>
/// Recognizes the element indices the SIMD loop can load from (<see cref="LaneIndex"/>) and says what is wrong with
/// the others. An index qualifies when it is the lane plus or minus values the same for all lanes, seen through
/// locals that are assigned once, and when those values can be computed ahead of the loop without side effects or
/// exceptions (that is where the loop proves every access in range).
/// </summary>
internal sealed class LaneIndexer
{
    private readonly LocalFacts _locals;
    private readonly System.Func<Expr, bool> _isVarying;

    public LaneIndexer(LocalFacts locals, System.Func<Expr, bool> isVarying)
    {
        _locals = locals;
        _isVarying = isVarying;
    }

    /// <summary>The lane index of <paramref name="index"/>, or null with <paramref name="problem"/> saying why not.</summary>
    public LaneIndex? Decompose(string buffer, Expr index, out string? problem)
    {
        var walk = new Walk();
        problem = Visit(index, 1, walk, buffer);
        if (problem is null && walk.Coefficient is not (0 or 1 or 2 or 4))
        {
            problem = $"it indexes '{buffer}' with a stride other than 1, 2 or 4 between threads; the SIMD loop loads consecutive elements ({buffer}[i + offset], or {buffer}[row * width + id.X] in 2D), or reads every 2nd or 4th ({buffer}[4 * i + k])";
        }

        return problem is null ? new LaneIndex((int)walk.Coefficient, walk.Terms.ToEquatableArray(), walk.Constant) : null;
    }

    /// <param name="expression">A part of the index.</param>
    /// <param name="sign">What the part is multiplied by in the index: ±1, or a constant stride (<c>4 * (i + 1)</c>).</param>
    /// <param name="walk">The sum so far.</param>
    /// <param name="buffer">The indexed buffer, for messages.</param>
    private string? Visit(Expr expression, long sign, Walk walk, string buffer)
    {
        if (!_isVarying(expression))
        {
            if (expression is LiteralExpr { Type: ScalarType.Int } literal)
            {
                walk.Constant += sign * long.Parse(literal.Value, CultureInfo.InvariantCulture);
                return null;
            }

            if (Hoist(expression) is not { } hoisted)
            {
                return $"an offset in an index of '{buffer}' cannot be computed before the loop (it divides by a variable, calls a method, or uses a parameter or local that the body changes); compute offsets from scalar parameters, lengths and locals assigned once";
            }

            if (sign is not (1 or -1))
            {
                // A term is added as it is; one scaled by a stride (4 * (i + n)) would need the product before the loop.
                return $"it indexes '{buffer}' with the thread index plus an offset, times a stride; write the offset outside the product ({buffer}[4 * i + offset])";
            }

            walk.Terms.Add(new LaneTerm(sign < 0, hoisted));
            return null;
        }

        switch (expression)
        {
            case ThreadIndexExpr { Component: 0 }:
                walk.Coefficient += sign;
                return null;
            case BinaryExpr { Type: ScalarType.Int, Op: BinaryOp.Add } add:
                return Visit(add.Left, sign, walk, buffer) ?? Visit(add.Right, sign, walk, buffer);
            case BinaryExpr { Type: ScalarType.Int, Op: BinaryOp.Subtract } subtract:
                return Visit(subtract.Left, sign, walk, buffer) ?? Visit(subtract.Right, -sign, walk, buffer);
            case UnaryExpr { Type: ScalarType.Int, Op: UnaryOp.Plus } plus:
                return Visit(plus.Operand, sign, walk, buffer);
            case UnaryExpr { Type: ScalarType.Int, Op: UnaryOp.Negate } negate:
                return Visit(negate.Operand, -sign, walk, buffer);
            case VariableExpr variable when _locals.SingleAssignmentValue(variable.Name) is { } value:
                return Visit(value, sign, walk, buffer);
            case VariableExpr variable:
                return $"it indexes '{buffer}' through '{variable.Name}', which is assigned more than once; declare the index once ('int at = ...') and leave it unchanged";
            case BinaryExpr { Type: ScalarType.Int, Op: BinaryOp.Multiply } product when Factor(product.Left) is { } factor && !_isVarying(product.Left):
                return Visit(product.Right, sign * factor, walk, buffer);
            case BinaryExpr { Type: ScalarType.Int, Op: BinaryOp.Multiply } product when Factor(product.Right) is { } factor && !_isVarying(product.Right):
                return Visit(product.Left, sign * factor, walk, buffer);
            case BinaryExpr { Op: BinaryOp.Multiply or BinaryOp.ShiftLeft }:
                return $"it indexes '{buffer}' with a stride between threads (the thread index times a value, as in a transpose); the SIMD loop loads consecutive elements: {buffer}[i + offset], or {buffer}[row * width + id.X] in 2D";
            default:
                return $"it indexes '{buffer}' with a per-thread value that is not the thread index plus an offset (such as {buffer}[2 * i] or {buffer}[k[i]]); the SIMD loop loads {buffer}[i + offset], or {buffer}[row * width + id.X] in 2D";
        }
    }

    /// <summary>An int literal from 1 to 4 (a stride the SIMD loop may read at), or null.</summary>
    private static long? Factor(Expr expression)
        => expression is LiteralExpr { Type: ScalarType.Int } literal
            && long.TryParse(literal.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= 4
                ? value
                : null;

    /// <summary>
    /// <paramref name="expression"/> (the same for all lanes) with locals replaced by their initializers, when it can
    /// be evaluated before the loop with the same value and without an exception; else null.
    /// </summary>
    private Expr? Hoist(Expr expression)
    {
        switch (expression)
        {
            case LiteralExpr or LengthExpr or ThreadIndexExpr:
                return expression;
            case VariableExpr variable when _locals.IsLocal(variable.Name):
                return _locals.SingleAssignmentValue(variable.Name) is { } value && Hoist(value) is { } hoisted
                    ? (hoisted.Type == variable.Type ? hoisted : new CastExpr(variable.Type, hoisted))
                    : null;
            case VariableExpr variable:
                return _locals.IsAssigned(variable.Name) ? null : variable;
            case UnaryExpr unary:
                return Hoist(unary.Operand) is { } operand ? unary with { Operand = operand } : null;
            case BinaryExpr { Op: BinaryOp.Divide or BinaryOp.Remainder } division when division.Type.IsInteger() && !IsSafeDivisor(division.Right):
                return null;
            case BinaryExpr binary:
                return Hoist(binary.Left) is { } left && Hoist(binary.Right) is { } right ? binary with { Left = left, Right = right } : null;
            case CastExpr cast:
                return Hoist(cast.Operand) is { } castOperand ? cast with { Operand = castOperand } : null;
            case ConditionalExpr conditional:
                return Hoist(conditional.Condition) is { } condition && Hoist(conditional.WhenTrue) is { } whenTrue && Hoist(conditional.WhenFalse) is { } whenFalse
                    ? conditional with { Condition = condition, WhenTrue = whenTrue, WhenFalse = whenFalse }
                    : null;
            default:
                // Math calls may throw (Math.Abs(int.MinValue), Clamp with min > max); assignments have effects.
                return null;
        }
    }

    /// <summary>Integer division throws for 0 and for MinValue / -1: only other constant divisors are hoisted.</summary>
    private static bool IsSafeDivisor(Expr divisor) =>
        divisor is LiteralExpr literal && long.TryParse(literal.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value is not (0 or -1);

    private sealed class Walk
    {
        public long Coefficient { get; set; }

        public long Constant { get; set; }

        public List<LaneTerm> Terms { get; } = new();
    }
}

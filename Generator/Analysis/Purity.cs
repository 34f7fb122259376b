using System.Collections.Generic;
using System.Linq;
using Tandem.Generator.Model;

namespace Tandem.Generator.Analysis;

/// <summary>
/// Which expressions must become statements to keep C#'s semantics in HLSL, which evaluates both sides of
/// <c>&amp;&amp;</c>, <c>||</c> and <c>?:</c> and does not order side effects inside an expression: lowering refuses
/// the places that cannot take statements, and the analysis lists the operators the HLSL emitter writes as statements
/// (<see cref="KernelPlan.LazyWithEffects"/>).
/// </summary>
internal static class Purity
{
    /// <summary>
    /// The <c>&amp;&amp;</c>, <c>||</c> and <c>?:</c> expressions of <paramref name="bodies"/> whose lazily evaluated
    /// operands read or write: HLSL would evaluate them for every thread, so they are written as <c>if</c> statements.
    /// </summary>
    public static EquatableArray<Expr> LazyWithEffects(IEnumerable<BlockStmt> bodies) => bodies
        .SelectMany(body => body.AllExpressions())
        .Where(expression => expression switch
        {
            BinaryExpr { Op: BinaryOp.LogicalAnd or BinaryOp.LogicalOr } logical => ReadsOrWrites(logical.Right),
            ConditionalExpr conditional => ReadsOrWrites(conditional.WhenTrue) || ReadsOrWrites(conditional.WhenFalse),
            _ => false,
        })
        .Distinct()
        .ToEquatableArray();

    /// <summary>
    /// True when evaluating <paramref name="expression"/> reads a buffer or changes state. A call of a helper counts
    /// as both: it may read or write the spans passed to it. A wave operation counts too: which lanes evaluate it
    /// decides its result, so a lazily evaluated one must stay lazy.
    /// </summary>
    public static bool ReadsOrWrites(Expr expression) =>
        expression is ElementExpr or AssignExpr or IncrementExpr or AtomicExpr or CallExpr or WaveExpr
        || expression.Children().Any(ReadsOrWrites);

    /// <summary>
    /// True when a value-context use of <paramref name="expression"/> needs statements before it: an assignment or
    /// increment inside it, or a short-circuit/conditional operator whose lazily evaluated operand reads or writes.
    /// </summary>
    public static bool NeedsStatements(Expr expression) => expression switch
    {
        AssignExpr or IncrementExpr or AtomicExpr => true,
        CallExpr call => AnyArgument(call, a => a.Mode is not (PassingMode.Value or PassingMode.In) || NeedsStatements(a.Value)),
        VectorConstructExpr construct => Any(construct.Arguments, NeedsStatements),
        ComponentExpr component => NeedsStatements(component.Vector),
        BinaryExpr { Op: BinaryOp.LogicalAnd or BinaryOp.LogicalOr } logical => NeedsStatements(logical.Left) || ReadsOrWrites(logical.Right),
        ConditionalExpr conditional => NeedsStatements(conditional.Condition) || ReadsOrWrites(conditional.WhenTrue) || ReadsOrWrites(conditional.WhenFalse),
        UnaryExpr unary => NeedsStatements(unary.Operand),
        BinaryExpr binary => NeedsStatements(binary.Left) || NeedsStatements(binary.Right),
        CastExpr cast => NeedsStatements(cast.Operand),
        ElementExpr element => NeedsStatements(element.Index),
        MathCallExpr call => Any(call.Arguments, NeedsStatements),
        WaveExpr wave => Any(wave.Operands, NeedsStatements),
        _ => false,
    };

    /// <summary>Like <see cref="NeedsStatements"/>, for an expression evaluated for its effect only.</summary>
    public static bool NeedsStatementsAsEffect(Expr expression) => expression switch
    {
        // A Vector3 buffer element is stored as three floats, and an atomic may need its original value: statements.
        AssignExpr { Target: ElementExpr { Type: ScalarType.Float3 } } => true,
        AssignExpr assignment => NeedsStatements(assignment.Value) || (assignment.Target is ElementExpr element && NeedsStatements(element.Index)),
        IncrementExpr { Target: ElementExpr element } => NeedsStatements(element.Index),
        IncrementExpr => false,
        AtomicExpr => true,
        _ => NeedsStatements(expression),
    };

    private static bool AnyArgument(CallExpr call, System.Func<CallArgument, bool> predicate)
    {
        foreach (var argument in call.Arguments)
        {
            if (predicate(argument))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Any(EquatableArray<Expr> expressions, System.Func<Expr, bool> predicate)
    {
        foreach (var expression in expressions)
        {
            if (predicate(expression))
            {
                return true;
            }
        }

        return false;
    }
}

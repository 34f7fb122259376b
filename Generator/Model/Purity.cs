namespace Tandem.Generator.Model;

/// <summary>
/// Which expressions the HLSL emitter must lower to statements to keep C#'s semantics: HLSL evaluates both sides of
/// <c>&amp;&amp;</c>, <c>||</c> and <c>?:</c> and does not order side effects inside an expression.
/// </summary>
internal static class Purity
{
    /// <summary>True when evaluating <paramref name="expression"/> reads a buffer or changes state.</summary>
    public static bool ReadsOrWrites(Expr expression) => expression switch
    {
        ElementExpr or AssignExpr or IncrementExpr => true,
        UnaryExpr unary => ReadsOrWrites(unary.Operand),
        BinaryExpr binary => ReadsOrWrites(binary.Left) || ReadsOrWrites(binary.Right),
        ConditionalExpr conditional => ReadsOrWrites(conditional.Condition) || ReadsOrWrites(conditional.WhenTrue) || ReadsOrWrites(conditional.WhenFalse),
        CastExpr cast => ReadsOrWrites(cast.Operand),
        MathCallExpr call => Any(call.Arguments, ReadsOrWrites),
        _ => false,
    };

    /// <summary>
    /// True when a value-context use of <paramref name="expression"/> needs statements before it: an assignment or
    /// increment inside it, or a short-circuit/conditional operator whose lazily evaluated operand reads or writes.
    /// </summary>
    public static bool NeedsStatements(Expr expression) => expression switch
    {
        AssignExpr or IncrementExpr => true,
        BinaryExpr { Op: BinaryOp.LogicalAnd or BinaryOp.LogicalOr } logical => NeedsStatements(logical.Left) || ReadsOrWrites(logical.Right),
        ConditionalExpr conditional => NeedsStatements(conditional.Condition) || ReadsOrWrites(conditional.WhenTrue) || ReadsOrWrites(conditional.WhenFalse),
        UnaryExpr unary => NeedsStatements(unary.Operand),
        BinaryExpr binary => NeedsStatements(binary.Left) || NeedsStatements(binary.Right),
        CastExpr cast => NeedsStatements(cast.Operand),
        ElementExpr element => NeedsStatements(element.Index),
        MathCallExpr call => Any(call.Arguments, NeedsStatements),
        _ => false,
    };

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

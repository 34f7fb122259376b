using System.Collections.Generic;
using System.Linq;

namespace Tandem.Generator.Model;

/// <summary>
/// Walking the kernel IR's statements, for analyses that collect facts (which names are assigned, whether a barrier or
/// a return occurs) and need no particular order between a statement's expressions and its sub-statements.
/// </summary>
internal static class StmtTree
{
    /// <summary>The expressions <paramref name="statement"/> evaluates itself, not those of its sub-statements.</summary>
    public static IEnumerable<Expr> OwnExpressions(this Stmt statement)
    {
        switch (statement)
        {
            case LocalDeclStmt { Initializer: { } initializer }:
                yield return initializer;
                break;
            case ExpressionStmt expression:
                yield return expression.Expression;
                break;
            case IfStmt conditional:
                yield return conditional.Condition;
                break;
            case ForStmt loop:
                if (loop.Condition is { } condition)
                {
                    yield return condition;
                }

                foreach (var increment in loop.Incrementors)
                {
                    yield return increment;
                }

                break;
            case WhileStmt loop:
                yield return loop.Condition;
                break;
            case DoWhileStmt loop:
                yield return loop.Condition;
                break;
            case SwitchStmt switchStatement:
                yield return switchStatement.Value;
                break;
            case ReturnStmt { Value: { } value }:
                yield return value;
                break;
        }
    }

    /// <summary>The statements directly inside <paramref name="statement"/>, in order.</summary>
    public static IEnumerable<Stmt> SubStatements(this Stmt statement) => statement switch
    {
        BlockStmt block => block.Statements,
        IfStmt { Else: { } otherwise } conditional => new[] { conditional.Then, otherwise },
        IfStmt conditional => new[] { conditional.Then },
        ForStmt loop => loop.Initializers.Append(loop.Body),
        WhileStmt loop => new[] { loop.Body },
        DoWhileStmt loop => new[] { loop.Body },
        SwitchStmt switchStatement => switchStatement.Sections.SelectMany(section => section.Body),
        _ => Enumerable.Empty<Stmt>(),
    };

    /// <summary><paramref name="statement"/> and every statement nested in it.</summary>
    public static IEnumerable<Stmt> SelfAndDescendants(this Stmt statement) =>
        new[] { statement }.Concat(statement.SubStatements().SelectMany(SelfAndDescendants));

    /// <summary>Every expression evaluated anywhere in <paramref name="statement"/>, sub-expressions included.</summary>
    public static IEnumerable<Expr> AllExpressions(this Stmt statement) =>
        statement.SelfAndDescendants().SelectMany(OwnExpressions).SelectMany(SelfAndDescendants);

    /// <summary><paramref name="expression"/> and every expression inside it.</summary>
    public static IEnumerable<Expr> SelfAndDescendants(this Expr expression) =>
        new[] { expression }.Concat(expression.Children().SelectMany(SelfAndDescendants));
}

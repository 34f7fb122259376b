using System.Collections.Generic;

namespace Tandem.Generator.Model;

/// <summary>
/// Which names of a kernel body are locals, how often each is declared, and which names are ever assigned. The SIMD
/// plan uses it to see through a local in an index (<c>int at = y * width + x; v[at - 1]</c>): a local declared once
/// with an initializer and never assigned has that value wherever it is read, so its initializer can stand for it.
/// </summary>
internal sealed class LocalFacts
{
    private readonly Dictionary<string, int> declarations = new();
    private readonly Dictionary<string, Expr?> initializers = new();
    private readonly HashSet<string> assigned = new();

    public LocalFacts(Stmt body) => Visit(body);

    public bool IsLocal(string name) => declarations.ContainsKey(name);

    /// <summary>True when the body assigns <paramref name="name"/> (a local or a scalar parameter) anywhere.</summary>
    public bool IsAssigned(string name) => assigned.Contains(name);

    /// <summary>The initializer of a local declared once and never assigned afterwards; else null.</summary>
    public Expr? SingleAssignmentValue(string name) =>
        declarations.TryGetValue(name, out var count) && count == 1 && !assigned.Contains(name) ? initializers[name] : null;

    private void Visit(Stmt statement)
    {
        switch (statement)
        {
            case BlockStmt block:
                foreach (var inner in block.Statements)
                {
                    Visit(inner);
                }

                break;
            case LocalDeclStmt declaration:
                declarations[declaration.Name] = declarations.TryGetValue(declaration.Name, out var count) ? count + 1 : 1;
                initializers[declaration.Name] = declaration.Initializer;
                Visit(declaration.Initializer);
                break;
            case ExpressionStmt expression:
                Visit(expression.Expression);
                break;
            case IfStmt conditional:
                Visit(conditional.Condition);
                Visit(conditional.Then);
                if (conditional.Else is { } otherwise)
                {
                    Visit(otherwise);
                }

                break;
            case ForStmt loop:
                foreach (var initializer in loop.Initializers)
                {
                    Visit(initializer);
                }

                Visit(loop.Condition);
                foreach (var increment in loop.Incrementors)
                {
                    Visit(increment);
                }

                Visit(loop.Body);
                break;
            case WhileStmt loop:
                Visit(loop.Condition);
                Visit(loop.Body);
                break;
            case DoWhileStmt loop:
                Visit(loop.Body);
                Visit(loop.Condition);
                break;
            case SwitchStmt switchStatement:
                Visit(switchStatement.Value);
                foreach (var section in switchStatement.Sections)
                {
                    foreach (var inner in section.Body)
                    {
                        Visit(inner);
                    }
                }

                break;
            case ReturnStmt { Value: { } value }:
                Visit(value);
                break;
        }
    }

    private void Visit(Expr? expression)
    {
        switch (expression)
        {
            case null:
                return;
            case AssignExpr { Target: VariableExpr target }:
                assigned.Add(target.Name);
                break;
            case IncrementExpr { Target: VariableExpr target }:
                assigned.Add(target.Name);
                break;
            case CallExpr call:
                foreach (var argument in call.Arguments)
                {
                    if (argument is { Mode: PassingMode.Ref or PassingMode.Out, Value: VariableExpr variable })
                    {
                        assigned.Add(variable.Name);
                    }
                }

                break;
        }

        foreach (var child in expression.Children())
        {
            Visit(child);
        }
    }
}

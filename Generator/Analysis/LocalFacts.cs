using System.Collections.Generic;
using System.Linq;
using Tandem.Generator.Model;

namespace Tandem.Generator.Analysis;

/// <summary>
/// Which names of a kernel body are locals, how often each is declared, and which names are ever assigned. The SIMD
/// plan uses it to see through a local in an index (<c>int at = y * width + x; v[at - 1]</c>): a local declared once
/// with an initializer and never assigned has that value wherever it is read, so its initializer can stand for it.
/// </summary>
internal sealed class LocalFacts
{
    private readonly Dictionary<string, int> _declarations = new();
    private readonly Dictionary<string, Expr?> _initializers = new();
    private readonly HashSet<string> _assigned = new();

    public LocalFacts(Stmt body)
    {
        foreach (var declaration in body.SelfAndDescendants().OfType<LocalDeclStmt>())
        {
            _declarations[declaration.Name] = _declarations.TryGetValue(declaration.Name, out var count) ? count + 1 : 1;
            _initializers[declaration.Name] = declaration.Initializer;
        }

        foreach (var expression in body.AllExpressions())
        {
            NoteAssignment(expression);
        }
    }

    public bool IsLocal(string name) => _declarations.ContainsKey(name);

    /// <summary>True when the body assigns <paramref name="name"/> (a local or a scalar parameter) anywhere.</summary>
    public bool IsAssigned(string name) => _assigned.Contains(name);

    /// <summary>
    /// The initializer of a local declared once and never assigned afterwards; else null. An initializer that reads the
    /// local itself (C# allows it in unreachable code) stands for nothing: seeing through it would never end.
    /// </summary>
    public Expr? SingleAssignmentValue(string name) =>
        _declarations.TryGetValue(name, out var count) && count == 1 && !_assigned.Contains(name)
            && _initializers[name] is { } initializer && !initializer.SelfAndDescendants().Any(e => e is VariableExpr v && v.Name == name)
            ? initializer
            : null;

    private void NoteAssignment(Expr expression)
    {
        switch (expression)
        {
            case AssignExpr { Target: VariableExpr target }:
                _assigned.Add(target.Name);
                break;
            case IncrementExpr { Target: VariableExpr target }:
                _assigned.Add(target.Name);
                break;
            case CallExpr call:
                foreach (var argument in call.Arguments)
                {
                    if (argument is { Mode: PassingMode.Ref or PassingMode.Out, Value: VariableExpr variable })
                    {
                        _assigned.Add(variable.Name);
                    }
                }

                break;
        }
    }
}

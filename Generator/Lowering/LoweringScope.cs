using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Tandem.Generator.Model;

namespace Tandem.Generator.Lowering;

/// <summary>
/// Where the body being lowered sits: the kernel's own body (the root scope) or a helper lowered for a call, whose
/// scope is pushed for its body and popped after it. A scope owns what depends on the method: its semantic model,
/// the spans it sees (its own bindings, then the enclosing scopes'), the parameters it may assign, its return type and
/// the declarations waiting for the statement being lowered.
/// </summary>
internal sealed class LoweringScope
{
    private readonly Dictionary<ISymbol, SpanBinding> _spans = new(SymbolEqualityComparer.Default);
    private readonly HashSet<IParameterSymbol> _assignableParameters = new(SymbolEqualityComparer.Default);

    private LoweringScope(SemanticModel model, IMethodSymbol method, ScalarType? returnType, LoweringScope? parent)
    {
        Model = model;
        Method = method;
        ReturnType = returnType;
        Parent = parent;
    }

    /// <summary>The scope of a kernel's body.</summary>
    public static LoweringScope ForKernel(SemanticModel model, IMethodSymbol kernel) => new(model, kernel, null, null);

    /// <summary>The scope of a helper's body, lowered for a call made in this scope, with its spans bound.</summary>
    /// <param name="helper">The helper method.</param>
    /// <param name="model">The semantic model of the helper's syntax tree.</param>
    /// <param name="returnType">Its return type; null for void.</param>
    /// <param name="bindings">Its span parameters, bound to the spans the call passes.</param>
    public LoweringScope ForHelper(IMethodSymbol helper, SemanticModel model, ScalarType? returnType, IReadOnlyDictionary<IParameterSymbol, SpanBinding> bindings)
    {
        var scope = new LoweringScope(model, helper, returnType, this);
        foreach (var pair in bindings)
        {
            scope._spans[pair.Key] = pair.Value;
        }

        return scope;
    }

    /// <summary>The semantic model of the body's syntax tree.</summary>
    public SemanticModel Model { get; }

    /// <summary>The method whose body this is: the kernel in the root scope, else the helper.</summary>
    public IMethodSymbol Method { get; }

    /// <summary>The scope of the body that calls this helper; null for the kernel's.</summary>
    public LoweringScope? Parent { get; }

    /// <summary>True for a helper's body.</summary>
    public bool IsHelper => Parent is not null;

    /// <summary>The type a <c>return</c> gives back: the helper's; null for the kernel and void helpers.</summary>
    public ScalarType? ReturnType { get; }

    /// <summary>
    /// Locals declared inside the statement being lowered (<c>out var x</c>): C# scopes them to the enclosing block,
    /// so they are declared just before the statement.
    /// </summary>
    public List<Stmt> PendingDeclarations { get; } = new();

    /// <summary>The methods from the kernel down to this one, outermost first: a call to one of them is recursion.</summary>
    public IReadOnlyList<IMethodSymbol> CallChain
    {
        get
        {
            var chain = new List<IMethodSymbol>();
            for (var scope = this; scope is not null; scope = scope.Parent)
            {
                chain.Insert(0, scope.Method);
            }

            return chain;
        }
    }

    /// <summary>The span <paramref name="symbol"/> stands for, here or in an enclosing scope.</summary>
    public bool TryGetSpan(ISymbol symbol, out SpanBinding span)
    {
        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            if (scope._spans.TryGetValue(symbol, out span!))
            {
                return true;
            }
        }

        span = null!;
        return false;
    }

    /// <summary>True when <paramref name="symbol"/> is a span: a buffer, a group-shared array or a bound parameter.</summary>
    public bool IsSpan(ISymbol symbol) => TryGetSpan(symbol, out _);

    /// <summary>Makes <paramref name="symbol"/> (a kernel's span parameter or a group-shared local) a span here.</summary>
    public void BindSpan(ISymbol symbol, SpanBinding span) => _spans[symbol] = span;

    /// <summary>Lets the body assign <paramref name="parameter"/>: the kernel's scalars, a helper's own parameters.</summary>
    public void AllowAssignment(IParameterSymbol parameter) => _assignableParameters.Add(parameter);

    /// <summary>True when the body may assign <paramref name="parameter"/>.</summary>
    public bool IsAssignable(IParameterSymbol parameter) => _assignableParameters.Contains(parameter);
}

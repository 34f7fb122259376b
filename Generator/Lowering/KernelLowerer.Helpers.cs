using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Tandem.Generator.Model;

namespace Tandem.Generator.Lowering;

/// <summary>
/// Lowering of calls to the user's own static methods ("helpers"): each becomes an HLSL function, lowered from its
/// source like the kernel body, once per combination of spans passed to it; recursion and methods without source
/// are refused.
/// </summary>
internal sealed partial class KernelLowerer
{
    /// <summary>Helper instances in dependency order (callees first), as HLSL wants them declared.</summary>
    private readonly List<HelperSpec> _helpers = new();

    /// <summary>Helper instances by method and span bindings, so each is lowered once.</summary>
    private readonly Dictionary<string, HelperSpec> _helperInstances = new();

    /// <summary>Buffers passed to helpers: their accesses are not all visible in the kernel body.</summary>
    private readonly HashSet<string> _spanArguments = new();

    /// <summary>Counts the locals that stand for 'out _' discards.</summary>
    private int _discards;

    private Expr LowerHelperCall(IInvocationOperation invocation)
    {
        var target = invocation.TargetMethod;
        var location = invocation.Syntax.GetLocation();
        var display = (target.ContainingType is null ? string.Empty : target.ContainingType.Name + ".") + target.Name;
        if (target.ContainingType?.ToDisplayString() == "System.Linq.Enumerable")
        {
            Report(DiagnosticDescriptors.CalleeWithoutSource, location, display, "LINQ iterates and allocates; write a 'for' loop over the span instead");
            return ErrorExpr;
        }

        if (!IsCallableShape(target, display, location))
        {
            return ErrorExpr;
        }

        var syntax = target.DeclaringSyntaxReferences
            .Select(r => r.GetSyntax(_cancellationToken))
            .OfType<MethodDeclarationSyntax>()
            .FirstOrDefault(m => m.Body is not null || m.ExpressionBody is not null);
        if (syntax is null)
        {
            Report(DiagnosticDescriptors.CalleeWithoutSource, location, display,
                "call Math/MathF functions, System.Numerics vector methods, Interlocked, Group, or static methods of this project");
            return ErrorExpr;
        }

        var callChain = _scope.CallChain;
        if (callChain.Contains(target, SymbolEqualityComparer.Default))
        {
            var chain = callChain.Select(m => m.Name).Append(target.Name);
            Report(DiagnosticDescriptors.RecursiveCall, location, display, string.Join(" -> ", chain));
            return ErrorExpr;
        }

        if (MapType(target.ReturnType) is not { } returnType)
        {
            Report(DiagnosticDescriptors.UnsupportedHelper, location, display,
                $"it returns '{target.ReturnType.ToDisplayString()}'; a helper returns void, float, double, Half, int, uint, long, ulong, bool or a System.Numerics vector");
            return ErrorExpr;
        }

        var arguments = new List<CallArgument>();
        var bindings = new Dictionary<IParameterSymbol, SpanBinding>(SymbolEqualityComparer.Default);
        foreach (var argument in invocation.Arguments.OrderBy(a => a.Parameter?.Ordinal ?? 0))
        {
            if (argument.Parameter is not { } parameter || !LowerHelperArgument(argument, parameter, display, arguments, bindings))
            {
                return ErrorExpr;
            }
        }

        NotVectorizable($"it calls the helper method '{display}'; write its body into the kernel to get the SIMD loop");
        var helper = InstantiateHelper(target, syntax, returnType, bindings);
        return helper is null ? ErrorExpr : new CallExpr(returnType, helper.Name, arguments.ToEquatableArray());
    }

    private bool IsCallableShape(IMethodSymbol target, string display, Location location)
    {
        string? why = null;
        if (target.MethodKind == MethodKind.LocalFunction)
        {
            why = "local functions are not supported; make it a static method of the type";
        }
        else if (!target.IsStatic || target.IsVirtual || target.IsAbstract || target.IsOverride || target.ContainingType?.TypeKind == TypeKind.Interface)
        {
            why = "kernels call static methods only; instance, virtual and interface methods have no single body to translate";
        }
        else if (target.IsGenericMethod || IsInGenericType(target.ContainingType))
        {
            why = "generic methods are not supported; write one method per element type";
        }
        else if (target.ReturnsByRef || target.ReturnsByRefReadonly)
        {
            why = "ref returns are not supported; return the value, or pass a 'ref' parameter";
        }
        else if (target.Parameters.Any(p => p.IsParams))
        {
            why = "'params' arrays are not supported; pass the values one by one";
        }

        if (why is not null)
        {
            Report(DiagnosticDescriptors.UnsupportedHelper, location, display, why);
        }

        return why is null;
    }

    private bool LowerHelperArgument(IArgumentOperation argument, IParameterSymbol parameter, string display,
        List<CallArgument> arguments, Dictionary<IParameterSymbol, SpanBinding> bindings)
    {
        if (SpanElementType(parameter.Type) is not null)
        {
            if (parameter.RefKind != RefKind.None || SpanSymbol(argument.Value) is not { } symbol || !_scope.TryGetSpan(symbol, out var span))
            {
                Report(DiagnosticDescriptors.BufferMisuse, argument.Syntax.GetLocation(), parameter.Name);
                return false;
            }

            // A Span<T> parameter bound to a ReadOnlySpan cannot happen: C# refuses the call.
            bindings[parameter] = span with { Writable = span.Writable && SpanElementType(parameter.Type)!.Value.Writable };
            _spanArguments.Add(span.Name);
            arguments.Add(new CallArgument(new SpanArgExpr(span.ElementType, span.Name), PassingMode.Span));
            return true;
        }

        if (MapType(parameter.Type) is not { } type || type == ScalarType.Void)
        {
            Report(DiagnosticDescriptors.UnsupportedHelper, argument.Syntax.GetLocation(), display,
                $"parameter '{parameter.Name}' has type '{parameter.Type.ToDisplayString()}'; helpers take float, double, Half, int, uint, long, ulong, bool, System.Numerics vectors and spans");
            return false;
        }

        var kind = parameter.RefKind switch
        {
            RefKind.Ref => PassingMode.Ref,
            RefKind.Out => PassingMode.Out,
            RefKind.None => PassingMode.Value,
            _ => PassingMode.In,
        };
        if (kind is PassingMode.Ref or PassingMode.Out)
        {
            switch (argument.Value)
            {
                case IDeclarationExpressionOperation { Expression: ILocalReferenceOperation declared }:
                    // 'out var x': declared before the statement, as C# scopes it to the enclosing block.
                    _scope.PendingDeclarations.Add(new LocalDeclStmt(type, declared.Local.Name, null));
                    arguments.Add(new CallArgument(new VariableExpr(type, declared.Local.Name), kind));
                    break;
                case IDiscardOperation:
                    var discard = "__discard" + (_discards++).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    _scope.PendingDeclarations.Add(new LocalDeclStmt(type, discard, null));
                    arguments.Add(new CallArgument(new VariableExpr(type, discard), kind));
                    break;
                default:
                    arguments.Add(new CallArgument(LowerTarget(argument.Value), kind));
                    break;
            }
        }
        else
        {
            arguments.Add(new CallArgument(LowerValue(argument.Value), kind));
        }

        return true;
    }

    /// <summary>Lowers a helper's body once per combination of span bindings; null when it has errors.</summary>
    private HelperSpec? InstantiateHelper(IMethodSymbol target, MethodDeclarationSyntax syntax, ScalarType returnType, Dictionary<IParameterSymbol, SpanBinding> bindings)
    {
        var key = target.ToDisplayString() + "|" + string.Join(",", target.Parameters.Where(bindings.ContainsKey).Select(p => bindings[p].Name));
        if (_helperInstances.TryGetValue(key, out var existing))
        {
            return existing;
        }

        var errorsBefore = _diagnostics.Count(d => d.Descriptor.DefaultSeverity == DiagnosticSeverity.Error);
        var scope = _scope.ForHelper(target, _scope.Model.Compilation.GetSemanticModel(syntax.SyntaxTree),
            returnType == ScalarType.Void ? null : returnType, bindings);
        var parameters = new List<HelperParameterSpec>();
        foreach (var parameter in target.Parameters.Where(p => !bindings.ContainsKey(p)))
        {
            scope.AllowAssignment(parameter);
            var kind = parameter.RefKind switch
            {
                RefKind.Ref => PassingMode.Ref,
                RefKind.Out => PassingMode.Out,
                RefKind.None => PassingMode.Value,
                _ => PassingMode.In,
            };
            var type = MapType(parameter.Type)!.Value;
            NoteType(type);
            parameters.Add(new HelperParameterSpec(parameter.Name, type, kind));
        }

        _scope = scope;
        var body = LowerBody(syntax);
        _scope = scope.Parent!;
        if (body is null || _diagnostics.Count(d => d.Descriptor.DefaultSeverity == DiagnosticSeverity.Error) != errorsBefore)
        {
            return null;
        }

        NoteType(returnType);
        var helper = new HelperSpec(UniqueHelperName(target, bindings), "global::" + target.ContainingType.ToDisplayString() + "." + target.Name,
            returnType, parameters.ToEquatableArray(), body);
        _helperInstances.Add(key, helper);
        _helpers.Add(helper);
        return helper;
    }

    /// <summary><c>tandem_fn_Type_Method</c>, then the bound spans; a counter where overloads would collide.</summary>
    private string UniqueHelperName(IMethodSymbol target, Dictionary<IParameterSymbol, SpanBinding> bindings)
    {
        var raw = new StringBuilder("tandem_fn_").Append(target.ContainingType.Name).Append('_').Append(target.Name);
        foreach (var parameter in target.Parameters.Where(bindings.ContainsKey))
        {
            raw.Append('_').Append(bindings[parameter].Name);
        }

        // Identifiers with "__" are reserved in HLSL and GLSL front ends.
        var name = raw.ToString();
        while (name.Contains("__"))
        {
            name = name.Replace("__", "_");
        }

        var candidate = name;
        for (var n = 2; _helpers.Any(h => h.Name == candidate); n++)
        {
            candidate = name + "_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return candidate;
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using Tandem.Generator.Model;

namespace Tandem.Generator.Emitting;

/// <summary>
/// Prints kernel IR back as C# with the user's semantics (C# evaluates it as the user's method would). The group
/// CPU version uses it to run a body phase by phase; the hooks say how locals, the thread index and group values
/// are spelled there.
/// </summary>
internal sealed class CSharpBodyWriter
{
    private readonly KernelSpec _kernel;
    private readonly Func<string, ScalarType, string> _local;
    private readonly Func<int, string> _threadIndex;
    private readonly Func<GroupIndexExpr, string> _groupIndex;

    /// <param name="kernel">The kernel.</param>
    /// <param name="local">The spelling of a local (or uniform) by name and type.</param>
    /// <param name="threadIndex">The spelling of a component of the global thread index.</param>
    /// <param name="groupIndex">The spelling of a component of Group.ThreadIndex or Group.Index.</param>
    public CSharpBodyWriter(KernelSpec kernel, Func<string, ScalarType, string> local, Func<int, string> threadIndex, Func<GroupIndexExpr, string> groupIndex)
    {
        _kernel = kernel;
        _local = local;
        _threadIndex = threadIndex;
        _groupIndex = groupIndex;
    }

    /// <summary>The C# spelling of a buffer or group-shared array.</summary>
    public string SpanText(string name) =>
        _kernel.Lowered.SharedArrays.Any(s => s.Name == name) ? SharedName(name) : CpuEmitter.SpanName(name);

    public static string SharedName(string name) => "__shared_" + name;

    public string Write(Expr expression) => expression switch
    {
        LiteralExpr literal => CSharpText.Literal(literal),
        VariableExpr variable => _local(variable.Name, variable.Type),
        ThreadIndexExpr index => _threadIndex(index.Component),
        GroupIndexExpr group => _groupIndex(group),
        WaveExpr wave => WaveText(wave),
        LengthExpr length => SpanText(length.Buffer) + ".Length",
        ElementExpr element => $"{SpanText(element.Buffer)}[{Write(element.Index)}]",
        SpanArgExpr span => SpanText(span.Buffer),
        UnaryExpr unary => $"({UnarySymbol(unary.Op)}{Write(unary.Operand)})",
        BinaryExpr binary => $"({Write(binary.Left)} {binary.Op.Symbol()} {Write(binary.Right)})",
        ConditionalExpr conditional => $"({Write(conditional.Condition)} ? {Write(conditional.WhenTrue)} : {Write(conditional.WhenFalse)})",
        CastExpr cast => $"(({cast.Type.CSharpName()}){Write(cast.Operand)})",
        MathCallExpr call => MathText(call),
        AssignExpr assignment => $"({WriteAssignment(assignment)})",
        IncrementExpr increment => $"({WriteIncrement(increment)})",
        CallExpr call => CallText(call),
        AtomicExpr atomic => AtomicText(atomic),
        VectorConstructExpr construct => $"new {construct.Type.CSharpName()}({string.Join(", ", construct.Arguments.Select(Write))})",
        ComponentExpr component => $"{Write(component.Vector)}.{"XYZW"[component.Component]}",
        _ => throw new InvalidOperationException("Unknown expression " + expression.GetType().Name),
    };

    /// <summary>An expression evaluated for its effect, as a statement (without the semicolon).</summary>
    public string WriteEffect(Expr expression) => expression switch
    {
        AssignExpr assignment => WriteAssignment(assignment),
        IncrementExpr increment => WriteIncrement(increment),
        _ => Write(expression),
    };

    private string WriteAssignment(AssignExpr assignment) =>
        $"{Write(assignment.Target)} {AssignSymbol(assignment.Op)} {Write(assignment.Value)}";

    private string WriteIncrement(IncrementExpr increment)
    {
        var symbol = increment.Increment ? "++" : "--";
        return increment.Prefix ? symbol + Write(increment.Target) : Write(increment.Target) + symbol;
    }

    private string CallText(CallExpr call)
    {
        var helper = _kernel.Lowered.Helpers.First(h => h.Name == call.Helper);
        var arguments = call.Arguments.Select(a => a.Mode switch
        {
            PassingMode.Ref => "ref " + Write(a.Value),
            PassingMode.Out => "out " + Write(a.Value),
            _ => Write(a.Value),
        });
        return $"{helper.CSharpName}({string.Join(", ", arguments)})";
    }

    /// <summary>The runtime's own <c>Wave</c> members: on the CPU every thread is a subgroup of one lane, as they say.</summary>
    private string WaveText(WaveExpr wave) => wave.Operands.Count == 0
        ? "global::Tandem.Wave." + wave.Op
        : $"global::Tandem.Wave.{wave.Op}({string.Join(", ", wave.Operands.Select(Write))})";

    private string AtomicText(AtomicExpr atomic)
    {
        var operands = atomic.Operands.Select(Write).Prepend("ref " + Write(atomic.Target));
        return $"global::System.Threading.Interlocked.{atomic.Op}({string.Join(", ", operands)})";
    }

    private string MathText(MathCallExpr call)
    {
        var arguments = call.Arguments.Select(Write).ToArray();
        var first = call.Arguments[0].Type;
        if (first.IsVector() || call.Type.IsVector())
        {
            var vectorType = (first.IsVector() ? first : call.Type).CSharpName();
            return call.Function switch
            {
                MathFunction.Length => $"{arguments[0]}.Length()",
                MathFunction.LengthSquared => $"{arguments[0]}.LengthSquared()",
                _ => $"{vectorType}.{call.Function}({string.Join(", ", arguments)})",
            };
        }

        switch (call.Function)
        {
            case MathFunction.IsNaN or MathFunction.IsInfinity or MathFunction.IsFinite:
                return $"{first.CSharpName()}.{call.Function}({arguments[0]})";
            case MathFunction.Clamp:
                return $"global::System.Math.Clamp({string.Join(", ", arguments)})";
            case MathFunction.BitCast:
                return $"global::System.BitConverter.{BitConversions.MethodName(first, call.Type)}({arguments[0]})";
        }

        var type = first == ScalarType.Float ? "global::System.MathF" : "global::System.Math";
        return $"{type}.{call.Function}({string.Join(", ", arguments)})";
    }

    private static string UnarySymbol(UnaryOp op) => op switch
    {
        UnaryOp.Negate => "-",
        UnaryOp.Plus => "+",
        UnaryOp.Not => "!",
        _ => "~",
    };

    private static string AssignSymbol(AssignOp op) => op switch
    {
        AssignOp.Assign => "=",
        AssignOp.Add => "+=",
        AssignOp.Subtract => "-=",
        AssignOp.Multiply => "*=",
        AssignOp.Divide => "/=",
        AssignOp.Remainder => "%=",
        AssignOp.ShiftLeft => "<<=",
        AssignOp.ShiftRight => ">>=",
        AssignOp.UnsignedShiftRight => ">>>=",
        AssignOp.BitwiseAnd => "&=",
        AssignOp.BitwiseOr => "|=",
        _ => "^=",
    };

    /// <summary>Names of the variables <paramref name="expression"/> assigns (directly, or as a ref/out argument).</summary>
    public static void CollectAssigned(Expr expression, Action<string> assigned)
    {
        Visit(expression);

        void Visit(Expr e)
        {
            switch (e)
            {
                case AssignExpr { Target: var target }:
                    Target(target);
                    break;
                case IncrementExpr increment:
                    Target(increment.Target);
                    break;
                case CallExpr call:
                    foreach (var argument in call.Arguments)
                    {
                        if (argument.Mode is PassingMode.Ref or PassingMode.Out)
                        {
                            Target(argument.Value);
                        }
                    }

                    break;
            }

            foreach (var child in e.Children())
            {
                Visit(child);
            }
        }

        void Target(Expr target)
        {
            switch (target)
            {
                case VariableExpr variable:
                    assigned(variable.Name);
                    break;
                case ComponentExpr { Vector: var vector }:
                    Target(vector);
                    break;
            }
        }
    }

    /// <summary>Names of the locals <paramref name="expression"/> reads or writes.</summary>
    public static void CollectLocals(Expr expression, Action<string, ScalarType> use)
    {
        foreach (var variable in expression.SelfAndDescendants().OfType<VariableExpr>())
        {
            use(variable.Name, variable.Type);
        }
    }
}

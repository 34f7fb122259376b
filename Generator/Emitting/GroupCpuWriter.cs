using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Tandem.Generator.Model;

namespace Tandem.Generator.Emitting;

/// <summary>
/// Prints the CPU version of a kernel that uses thread groups. A work item is one group. The body is cut at its
/// barriers into phases; each phase runs for every thread of the group (a plain loop over the threads) before the
/// next one starts, which is exactly what a barrier guarantees. Locals used in more than one phase live in arrays
/// with one element per thread, so each thread keeps its values across barriers. A loop or <c>if</c> that holds a
/// barrier runs once for the whole group: its condition is evaluated by every thread and must agree (a GPU would
/// hang or misbehave otherwise; here the launch fails with a message naming the kernel).
/// </summary>
internal sealed class GroupCpuWriter
{
    private readonly KernelSpec _kernel;
    private readonly SourceWriter _w;
    private readonly CSharpBodyWriter _body;
    private readonly Dictionary<string, ScalarType> _declaredLocals = new();
    private readonly Dictionary<string, HashSet<int>> _regionsOfLocal = new();
    private readonly HashSet<string> _hoisted = new();
    private readonly bool _hasReturns;
    private bool _printing;
    private int _region;
    private int _labels;

    public GroupCpuWriter(KernelSpec kernel, SourceWriter writer)
    {
        _kernel = kernel;
        _w = writer;
        _body = new CSharpBodyWriter(kernel, LocalText, ThreadIndexText, GroupIndexText);
        _hasReturns = ContainsReturn(kernel.Lowered.Body);
    }

    private int GroupThreads => _kernel.Lowered.GroupSizeX * _kernel.Lowered.GroupSizeY * _kernel.Lowered.GroupSizeZ;

    private static string Key(string name, ScalarType type) => name + "_" + type;

    private static string HoistedName(string key) => "__hoisted_" + key;

    private string LocalText(string name, ScalarType type)
    {
        var key = Key(name, type);
        return _hoisted.Contains(key) ? HoistedName(key) + "[__t]" : CSharpText.Identifier(name);
    }

    private string ThreadIndexText(int component) => component switch
    {
        0 => $"(__originX + {GroupThreadText(0)})",
        1 => $"(__originY + {GroupThreadText(1)})",
        _ => $"(__originZ + {GroupThreadText(2)})",
    };

    private string GroupThreadText(int component)
    {
        var x = _kernel.Lowered.GroupSizeX.ToString(CultureInfo.InvariantCulture);
        var xy = (_kernel.Lowered.GroupSizeX * _kernel.Lowered.GroupSizeY).ToString(CultureInfo.InvariantCulture);
        var y = _kernel.Lowered.GroupSizeY.ToString(CultureInfo.InvariantCulture);
        return component switch
        {
            0 => $"(__t % {x})",
            1 => $"((__t / {x}) % {y})",
            _ => $"(__t / {xy})",
        };
    }

    private string GroupIndexText(GroupIndexExpr group) => group.Value == GroupValue.ThreadIndex
        ? GroupThreadText(group.Component)
        : "__group" + "XYZ"[group.Component];

    /// <summary>Writes the statements of the CPU method after the spans are fetched: work items are groups.</summary>
    public void Write()
    {
        // First pass: find the locals each phase uses, to know which must survive a barrier.
        _printing = false;
        WriteSequence(_kernel.Lowered.Body.Statements);
        foreach (var pair in _regionsOfLocal.Where(p => p.Value.Count > 1 && _declaredLocals.ContainsKey(p.Key)))
        {
            _hoisted.Add(pair.Key);
        }

        // A scalar parameter is each thread's own copy in C#: one the body assigns becomes per-thread too.
        var assignedUniforms = _kernel.Lowered.Uniforms.Where(u => AssignsVariable(_kernel.Lowered.Body, u.Name)).ToList();
        foreach (var uniform in assignedUniforms)
        {
            _declaredLocals[Key(uniform.Name, uniform.Type)] = uniform.Type;
            _hoisted.Add(Key(uniform.Name, uniform.Type));
        }

        _printing = true;
        _region = 0;
        var threads = GroupThreads.ToString(CultureInfo.InvariantCulture);
        _w.Line($"const int __groupThreads = {threads};");
        _w.Line($"var __groupsX = __extent.X / {_kernel.Lowered.GroupSizeX};");
        _w.Line($"var __groupsY = __extent.Y / {_kernel.Lowered.GroupSizeY};");
        foreach (var key in _hoisted.OrderBy(k => k, System.StringComparer.Ordinal))
        {
            _w.Line($"var {HoistedName(key)} = new {_declaredLocals[key].CSharpName()}[__groupThreads];");
        }

        if (_hasReturns)
        {
            _w.Line("var __returned = new bool[__groupThreads];");
        }

        _w.Open("for (var __group = __begin; __group < __end; __group++)");
        _w.Line("var __groupX = __group % __groupsX;");
        _w.Line("var __groupY = (__group / __groupsX) % __groupsY;");
        _w.Line("var __groupZ = __group / (__groupsX * __groupsY);");
        _w.Line($"var __originX = __groupX * {_kernel.Lowered.GroupSizeX};");
        _w.Line($"var __originY = __groupY * {_kernel.Lowered.GroupSizeY};");
        _w.Line($"var __originZ = __groupZ * {_kernel.Lowered.GroupSizeZ};");
        foreach (var shared in _kernel.Lowered.SharedArrays)
        {
            // Fresh (zeroed) memory per group; a GPU leaves it undefined, so no kernel may rely on either.
            _w.Line($"var {CSharpBodyWriter.SharedName(shared.Name)} = new {shared.ElementType.CSharpName()}[{shared.Length.ToString(CultureInfo.InvariantCulture)}];");
        }

        if (_hasReturns)
        {
            _w.Line("global::System.Array.Clear(__returned);");
        }

        foreach (var uniform in assignedUniforms)
        {
            _w.Line($"global::System.Array.Fill({HoistedName(Key(uniform.Name, uniform.Type))}, {CSharpText.Identifier(uniform.Name)});");
        }

        WriteSequence(_kernel.Lowered.Body.Statements);
        _w.Close();
    }

    /// <summary>Runs the statements between barriers as phases; statements holding barriers run group-wide.</summary>
    private void WriteSequence(IEnumerable<Stmt> statements)
    {
        var phase = new List<Stmt>();
        foreach (var statement in statements)
        {
            if (!ContainsBarrier(statement))
            {
                phase.Add(statement);
                continue;
            }

            WritePhase(phase);
            phase.Clear();
            WriteGroupWide(statement);
        }

        WritePhase(phase);
    }

    private void WriteGroupWide(Stmt statement)
    {
        switch (statement)
        {
            case BarrierStmt:
                // The end of one phase and the start of the next is the barrier.
                break;
            case BlockStmt block:
                WriteSequence(block.Statements);
                break;
            case IfStmt conditional:
            {
                var condition = WriteUniformCondition(conditional.Condition);
                Open($"if ({condition})");
                WriteSequence(Statements(conditional.Then));
                Close();
                if (conditional.Else is { } otherwise)
                {
                    Open("else");
                    WriteSequence(Statements(otherwise));
                    Close();
                }

                break;
            }

            case ForStmt loop:
                WritePhase(loop.Initializers);
                Open("while (true)");
                if (loop.Condition is { } test)
                {
                    Line($"if (!{WriteUniformCondition(test)}) break;");
                }

                WriteSequence(Statements(loop.Body));
                WritePhase(loop.Incrementors.Select(i => (Stmt)new ExpressionStmt(i)).ToList());
                Close();
                break;
            case WhileStmt loop:
                Open("while (true)");
                Line($"if (!{WriteUniformCondition(loop.Condition)}) break;");
                WriteSequence(Statements(loop.Body));
                Close();
                break;
            case DoWhileStmt loop:
                Open("while (true)");
                WriteSequence(Statements(loop.Body));
                Line($"if (!{WriteUniformCondition(loop.Condition)}) break;");
                Close();
                break;
        }
    }

    /// <summary>Evaluates a condition for every thread; all must agree, as around a barrier on a GPU.</summary>
    private string WriteUniformCondition(Expr condition)
    {
        _region++;
        var name = "__uniform" + _region.ToString(CultureInfo.InvariantCulture);
        Line($"var {name} = false;");
        Open("for (var __t = 0; __t < __groupThreads; __t++)");
        Use(condition);
        Line($"var __value = {Text(condition)};");
        Line($"if (__t == 0) {name} = __value;");
        Line($"else if (__value != {name}) throw new global::System.InvalidOperationException(\"Kernel '{_kernel.Lowered.DisplayName}': the threads of a group disagree on a condition around Group.Barrier(); every thread of a group must reach the same barriers.\");");
        Close();
        return name;
    }

    private void WritePhase(IReadOnlyList<Stmt> statements)
    {
        if (statements.Count == 0)
        {
            return;
        }

        _region++;
        var label = statements.Any(ContainsReturn) ? "__nextThread" + (_labels++).ToString(CultureInfo.InvariantCulture) : null;
        Open("for (var __t = 0; __t < __groupThreads; __t++)");
        if (_hasReturns)
        {
            Line("if (__returned[__t]) continue;");
        }

        foreach (var statement in statements)
        {
            WriteStatement(statement, label!);
        }

        if (label is not null)
        {
            Line(label + ":;");
        }

        Close();
    }

    /// <summary>One thread's statement inside a phase: plain C#, except that 'return' ends the thread's work.</summary>
    private void WriteStatement(Stmt statement, string returnLabel)
    {
        switch (statement)
        {
            case BlockStmt block:
                Open();
                foreach (var inner in block.Statements)
                {
                    WriteStatement(inner, returnLabel);
                }

                Close();
                break;
            case LocalDeclStmt declaration:
            {
                var key = Key(declaration.Name, declaration.Type);
                _declaredLocals[key] = declaration.Type;
                Use(new VariableExpr(declaration.Type, declaration.Name));
                var value = declaration.Initializer is null ? "default" : Text(declaration.Initializer);
                Line(_hoisted.Contains(key)
                    ? $"{LocalText(declaration.Name, declaration.Type)} = {value};"
                    : $"{declaration.Type.CSharpName()} {CSharpText.Identifier(declaration.Name)} = {value};");
                break;
            }

            case ExpressionStmt expression:
                Use(expression.Expression);
                Line(_printing ? _body.WriteEffect(expression.Expression) + ";" : string.Empty);
                break;
            case IfStmt conditional:
                Line($"if ({Text(conditional.Condition)})");
                WriteEmbedded(conditional.Then, returnLabel);
                if (conditional.Else is { } otherwise)
                {
                    Line("else");
                    WriteEmbedded(otherwise, returnLabel);
                }

                break;
            case ForStmt loop:
                Open();
                foreach (var initializer in loop.Initializers)
                {
                    WriteStatement(initializer, returnLabel);
                }

                foreach (var increment in loop.Incrementors)
                {
                    Use(increment);
                }

                var increments = _printing ? string.Join(", ", loop.Incrementors.Select(_body.WriteEffect)) : string.Empty;
                Line($"for (; {(loop.Condition is null ? "true" : Text(loop.Condition))}; {increments})");
                WriteEmbedded(loop.Body, returnLabel);
                Close();
                break;
            case WhileStmt loop:
                Line($"while ({Text(loop.Condition)})");
                WriteEmbedded(loop.Body, returnLabel);
                break;
            case DoWhileStmt loop:
                Line("do");
                WriteEmbedded(loop.Body, returnLabel);
                Line($"while ({Text(loop.Condition)});");
                break;
            case SwitchStmt switchStatement:
                Open($"switch ({Text(switchStatement.Value)})");
                foreach (var section in switchStatement.Sections)
                {
                    foreach (var label in section.Labels)
                    {
                        Line($"case {CSharpText.Literal(label)}:");
                    }

                    if (section.IsDefault)
                    {
                        Line("default:");
                    }

                    Open();
                    foreach (var inner in section.Body)
                    {
                        WriteStatement(inner, returnLabel);
                    }

                    Close();
                }

                Close();
                break;
            case BreakStmt:
                Line("break;");
                break;
            case ContinueStmt:
                Line("continue;");
                break;
            case ReturnStmt:
                Line("__returned[__t] = true;");
                Line($"goto {returnLabel};");
                break;
        }
    }

    private void WriteEmbedded(Stmt statement, string returnLabel)
    {
        Open();
        WriteStatement(statement, returnLabel);
        Close();
    }

    private void Use(Expr expression) => CSharpBodyWriter.CollectLocals(expression, (name, type) =>
    {
        var key = Key(name, type);
        if (!_regionsOfLocal.TryGetValue(key, out var regions))
        {
            _regionsOfLocal[key] = regions = new HashSet<int>();
        }

        regions.Add(_region);
    });

    private string Text(Expr expression)
    {
        Use(expression);
        return _printing ? _body.Write(expression) : string.Empty;
    }

    private void Line(string text)
    {
        if (_printing)
        {
            _w.Line(text);
        }
    }

    private void Open(string? header = null)
    {
        if (_printing)
        {
            _w.Open(header);
        }
    }

    private void Close()
    {
        if (_printing)
        {
            _w.Close();
        }
    }

    private static IEnumerable<Stmt> Statements(Stmt statement) =>
        statement is BlockStmt block ? block.Statements : new[] { statement };

    private static bool AssignsVariable(Stmt statement, string name)
    {
        var found = false;
        foreach (var expression in statement.SelfAndDescendants().SelectMany(s => s.OwnExpressions()))
        {
            CSharpBodyWriter.CollectAssigned(expression, assigned => found |= assigned == name);
        }

        return found;
    }

    private static bool ContainsBarrier(Stmt statement) => statement.SelfAndDescendants().OfType<BarrierStmt>().Any();

    private static bool ContainsReturn(Stmt statement) => statement.SelfAndDescendants().OfType<ReturnStmt>().Any();
}

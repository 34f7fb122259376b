using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Tandem.Abi;
using Tandem.Generator.Model;

namespace Tandem.Generator.Emitting;

/// <summary>
/// Writes the entry point's body: the thread index, the bounds guard, the uniforms as locals, then the kernel's
/// statements. Expressions are printed by the other part of this class.
/// </summary>
internal sealed partial class HlslBodyWriter
{
    private readonly KernelSpec _kernel;
    private readonly SourceWriter _w;
    private readonly bool _wide;
    private readonly HashSet<Expr> _lazyWithEffects;
    private int _temporaries;

    /// <param name="kernel">The kernel.</param>
    /// <param name="writer">Where the text goes.</param>
    /// <param name="wide">True to write the body of the wide entry point (<see cref="Analysis.GpuWidening"/>).</param>
    public HlslBodyWriter(KernelSpec kernel, SourceWriter writer, bool wide = false)
    {
        _kernel = kernel;
        _w = writer;
        _wide = wide;
        _lazyWithEffects = new HashSet<Expr>(kernel.Plan.LazyWithEffects);
    }

    public HashSet<string> UsedHelpers { get; } = new();

    private string U(string field) => HlslEmitter.UniformsVariable + "." + field;

    public void WriteEntryBody()
    {
        _w.Open();
        if (_kernel.Lowered.Rank == 1)
        {
            // 1D launches larger than the device's group-count limit are folded into rows of groups along Y.
            _w.Line($"uint tandem_linear = tandem_thread.x + tandem_thread.y * (uint){U(KernelAbi.DispatchWidthField)};");
            _w.Line($"if (tandem_linear >= (uint){U(KernelAbi.ExtentXField)}) return;");
            _w.Line($"int {HlslNames.Of(_kernel.Lowered.ThreadIndexName)} = (int)tandem_linear;");
        }
        else
        {
            var guard = $"tandem_thread.x >= (uint){U(KernelAbi.ExtentXField)} || tandem_thread.y >= (uint){U(KernelAbi.ExtentYField)}";
            if (_kernel.Lowered.Rank == 3)
            {
                guard += $" || tandem_thread.z >= (uint){U(KernelAbi.ExtentZField)}";
            }

            _w.Line($"if ({guard}) return;");
            _w.Line("int3 tandem_index = (int3)tandem_thread;");
        }

        WriteUniformLocals();
        foreach (var statement in _kernel.Lowered.Body.Statements)
        {
            WriteStatement(statement);
        }

        _w.Close();
    }

    /// <summary>The uniforms as locals, named as in C#.</summary>
    private void WriteUniformLocals()
    {
        foreach (var uniform in _kernel.Lowered.Uniforms)
        {
            var name = HlslNames.Of(uniform.Name);
            if (uniform.Type.IsVector())
            {
                var fields = Enumerable.Range(0, uniform.Type.Components()).Select(c => U(HlslEmitter.VectorUniformField(uniform, c)));
                _w.Line($"{uniform.Type.HlslName()} {name} = {uniform.Type.HlslName()}({string.Join(", ", fields)});");
                continue;
            }

            _w.Line(uniform.Type == ScalarType.Bool
                ? $"bool {name} = {U(name)} != 0u;"
                : $"{uniform.Type.HlslName()} {name} = {U(name)};");
        }
    }

    /// <summary>Writes a helper method as an HLSL function.</summary>
    public void WriteHelper(HelperSpec helper)
    {
        var parameters = helper.Parameters.Select(p => p.Kind switch
        {
            PassingMode.Ref => "inout ",
            PassingMode.Out => "out ",
            PassingMode.In => "in ",
            _ => string.Empty,
        } + p.Type.HlslName() + " " + HlslNames.Of(p.Name));
        _w.Line($"{helper.ReturnType.HlslName()} {helper.Name}({string.Join(", ", parameters)})");
        _w.Open();
        foreach (var statement in helper.Body.Statements)
        {
            WriteStatement(statement);
        }

        _w.Close();
    }

    private string NewTemporary() => "tandem_t" + (_temporaries++).ToString(CultureInfo.InvariantCulture);

    private void WriteLines(List<string> lines)
    {
        foreach (var line in lines)
        {
            _w.Line(line);
        }
    }

    private void WriteStatement(Stmt statement)
    {
        switch (statement)
        {
            case BlockStmt block:
                _w.Open();
                foreach (var inner in block.Statements)
                {
                    WriteStatement(inner);
                }

                _w.Close();
                break;

            case LocalDeclStmt declaration:
            {
                var name = HlslNames.Of(declaration.Name);
                if (declaration.Initializer is null)
                {
                    _w.Line($"{declaration.Type.HlslName()} {name};");
                    break;
                }

                var pre = new List<string>();
                var value = Write(declaration.Initializer, pre);
                if (pre.Count == 0)
                {
                    _w.Line($"{declaration.Type.HlslName()} {name} = {value};");
                    break;
                }

                // Declared before the statements its initializer needs: C# lets (unreachable) code read a local in its own
                // initializer, and HLSL must know the name by then.
                _w.Line($"{declaration.Type.HlslName()} {name};");
                WriteLines(pre);
                _w.Line($"{name} = {value};");
                break;
            }

            case ExpressionStmt expression:
            {
                var pre = new List<string>();
                var text = WriteEffect(expression.Expression, pre);
                WriteLines(pre);
                if (text.Length > 0)
                {
                    _w.Line(text + ";");
                }

                break;
            }

            case IfStmt conditional:
            {
                var pre = new List<string>();
                var condition = Write(conditional.Condition, pre);
                WriteLines(pre);
                _w.Line($"if ({condition})");
                WriteEmbedded(conditional.Then);
                if (conditional.Else is { } otherwise)
                {
                    _w.Line("else");
                    WriteEmbedded(otherwise);
                }

                break;
            }

            case WhileStmt loop:
                WriteLoop("while (true)", loop.Condition, loop.Body);
                break;

            case ForStmt loop:
                _w.Open();
                foreach (var initializer in loop.Initializers)
                {
                    WriteStatement(initializer);
                }

                var increments = new List<string>();
                foreach (var increment in loop.Incrementors)
                {
                    // Lowering refuses incrementors that would need statements of their own (TK0015).
                    increments.Add(WriteEffect(increment, new List<string>()));
                }

                WriteLoop($"for (;; {string.Join(", ", increments)})", loop.Condition, loop.Body);
                _w.Close();
                break;

            case DoWhileStmt loop:
            {
                _w.Line("do");
                WriteEmbedded(loop.Body);
                // Lowering refuses conditions that would need statements of their own (TK0015).
                _w.Line($"while ({Write(loop.Condition, new List<string>())});");
                break;
            }

            case BreakStmt:
                _w.Line("break;");
                break;

            case ContinueStmt:
                _w.Line("continue;");
                break;

            case ReturnStmt { Value: { } value }:
            {
                var pre = new List<string>();
                var text = Write(value, pre);
                WriteLines(pre);
                _w.Line($"return {text};");
                break;
            }

            case ReturnStmt:
                // In the wide entry point a lane's return ends that lane's pass of the loop over lanes.
                _w.Line(_wide ? "continue;" : "return;");
                break;

            case BarrierStmt:
                _w.Line("GroupMemoryBarrierWithGroupSync();");
                break;

            case SwitchStmt switchStatement:
            {
                var pre = new List<string>();
                var value = Write(switchStatement.Value, pre);
                WriteLines(pre);
                _w.Line($"switch ({value})");
                _w.Open();
                foreach (var section in switchStatement.Sections)
                {
                    foreach (var label in section.Labels)
                    {
                        _w.Line($"case {Literal(label)}:");
                    }

                    if (section.IsDefault)
                    {
                        _w.Line("default:");
                    }

                    _w.Open();
                    foreach (var inner in section.Body)
                    {
                        WriteStatement(inner);
                    }

                    _w.Close();
                }

                _w.Close();
                break;
            }
        }
    }

    /// <summary>
    /// A loop whose condition is tested at the top. Without statements to run first it is a plain loop header;
    /// otherwise the condition is evaluated inside the body, so <c>continue</c> still re-tests it.
    /// </summary>
    private void WriteLoop(string infiniteHeader, Expr? condition, Stmt body)
    {
        var pre = new List<string>();
        var test = condition is null ? null : Write(condition, pre);
        if (pre.Count == 0)
        {
            _w.Line(test is null ? infiniteHeader : infiniteHeader.Replace("while (true)", $"while ({test})").Replace("for (;;", $"for (; {test};"));
            WriteEmbedded(body);
            return;
        }

        _w.Line(infiniteHeader);
        _w.Open();
        WriteLines(pre);
        _w.Line($"if (!({test})) break;");
        WriteStatement(body);
        _w.Close();
    }

    private void WriteEmbedded(Stmt statement)
    {
        if (statement is BlockStmt)
        {
            WriteStatement(statement);
            return;
        }

        _w.Open();
        WriteStatement(statement);
        _w.Close();
    }
}

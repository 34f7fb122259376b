using System.Globalization;
using System.Linq;
using Tandem.Generator.Analysis;
using Tandem.Generator.Model;

namespace Tandem.Generator.Emitting;

/// <summary>
/// The statements of the SIMD loop. An <c>if</c> on a uniform condition stays an <c>if</c>. An <c>if</c> on a varying
/// condition runs both branches for the whole vector, each under a mask of the lanes that take it: a store writes the
/// new value in those lanes and the value it just loaded in the others, and a local keeps its old value in the others.
/// A <c>return</c> under a mask clears those lanes from <c>__alive</c>, which every later store respects; a
/// <c>return</c> that all lanes take ends the vector's iteration.
/// </summary>
internal sealed partial class SimdWriter
{
    private const string Alive = "__alive";

    /// <summary>The lanes the current statement runs for; null for all of them.</summary>
    private string? _mask;

    /// <summary>How many varying conditions enclose the current statement.</summary>
    private int _varyingDepth;

    private int _names;

    private void WriteBody()
    {
        _mask = null;
        _varyingDepth = 0;
        _names = 0;
        if (_plan.ReturnsUnderMask)
        {
            _w.Line($"var {Alive} = {VectorClass}<{MaskElement}>.AllBitsSet;");
            _mask = Alive;
        }

        WriteGroups();
        WriteStatements(_kernel.Lowered.Body);
    }

    /// <summary>
    /// In the 256-bit loop, the groups of four elements (<c>x[4 * i + k]</c> for every k from 0 to 3) of read-only
    /// buffers, loaded once per vector and transposed into one vector per k: 16 shuffles for the group, where each k
    /// on its own narrows through 9 (<see cref="StridedLoad"/>). A buffer the kernel writes is left out, as a write
    /// earlier in the body could change what a later read sees.
    /// </summary>
    private void WriteGroups()
    {
        _groups.Clear();
        if (_width != 256)
        {
            return;
        }

        var v = VectorClass;
        foreach (var access in _plan.Accesses)
        {
            var index = access.Index;
            if (index.LaneCoefficient != 4 || index.Constant % 4 != 0 || _kernel.Plan.Buffers.Any(b => b.Name == access.Buffer && b.Writable))
            {
                continue;
            }

            var phases = Enumerable.Range(0, 4).Select(k => _plan.Accesses.FirstOrDefault(a => a.Buffer == access.Buffer
                && a.Index.LaneCoefficient == 4 && a.Index.Terms.Equals(index.Terms) && a.Index.Constant == index.Constant + k)).ToList();
            if (phases.Any(a => a is null) || phases.Any(a => _groups.ContainsKey(a!)))
            {
                continue;
            }

            var name = NewName("__g");
            var type = _kernel.Plan.Buffers.First(b => b.Name == access.Buffer).ElementType;
            var first = $"{_bases[index]} + (4L * {Lane})";
            for (var j = 0; j < 4; j++)
            {
                var load = $"{v}.LoadUnsafe(ref {RefName(access.Buffer)}, (nuint)({first} + {(8 * j).ToString(CultureInfo.InvariantCulture)}L))";
                _w.Line($"var {name}t{j} = {v}.Shuffle({v}.AsUInt32({load}), {v}.Create(0u, 4u, 1u, 5u, 2u, 6u, 3u, 7u));");
            }

            // Pairs of lanes as ulongs, gathered across the four vectors: lanes 4l + k end in vector k, in lane order.
            var order = $"{v}.Create(0ul, 2ul, 1ul, 3ul)";
            _w.Line($"var {name}x = {v}.Shuffle({v}.AsUInt64({v}.Create({v}.GetLower({name}t0), {v}.GetLower({name}t1))), {order});");
            _w.Line($"var {name}y = {v}.Shuffle({v}.AsUInt64({v}.Create({v}.GetLower({name}t2), {v}.GetLower({name}t3))), {order});");
            _w.Line($"var {name}z = {v}.Shuffle({v}.AsUInt64({v}.Create({v}.GetUpper({name}t0), {v}.GetUpper({name}t1))), {order});");
            _w.Line($"var {name}w = {v}.Shuffle({v}.AsUInt64({v}.Create({v}.GetUpper({name}t2), {v}.GetUpper({name}t3))), {order});");
            var halves = new[] { ("Lower", "x", "y"), ("Upper", "x", "y"), ("Lower", "z", "w"), ("Upper", "z", "w") };
            for (var k = 0; k < 4; k++)
            {
                var (half, left, right) = halves[k];
                var vector = $"{v}.AsUInt32({v}.Create({v}.Get{half}({name}{left}), {v}.Get{half}({name}{right})))";
                var typed = type switch
                {
                    ScalarType.Float => $"{v}.AsSingle({vector})",
                    ScalarType.Int => $"{v}.AsInt32({vector})",
                    _ => vector,
                };
                _w.Line($"var {name}p{k} = {typed};");
                _groups[phases[k]!] = $"{name}p{k}";
            }
        }
    }

    private string NewName(string prefix) => prefix + (_names++).ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The statements of a block, without braces; none after one that always returns: C# lets such unreachable code
    /// read a local in its own initializer, which the loop (where a masked return does not end the block) must not.
    /// </summary>
    private void WriteStatements(Stmt statement)
    {
        if (statement is not BlockStmt block)
        {
            WriteStatement(statement);
            return;
        }

        foreach (var inner in block.Statements)
        {
            WriteStatement(inner);
            if (AlwaysReturns(inner))
            {
                break;
            }

            if (_mask is not null && _mask != Alive && ContainsReturn(inner))
            {
                // Lanes that returned inside that statement stay out of the rest of this branch.
                _w.Line($"{_mask} &= {Alive};");
            }
        }
    }

    private void WriteStatement(Stmt statement)
    {
        switch (statement)
        {
            case BlockStmt:
                _w.Open();
                WriteStatements(statement);
                _w.Close();
                break;
            case LocalDeclStmt declaration:
            {
                var name = CSharpText.Identifier(declaration.Name);
                if (_plan.IsVaryingLocal(declaration.Name))
                {
                    var value = declaration.Initializer is null ? "default" : Vector(declaration.Initializer);
                    _w.Line($"{VectorType(declaration.Type)} {name} = {value};");
                }
                else
                {
                    var value = declaration.Initializer is null ? "default" : _scalar.Write(declaration.Initializer);
                    _w.Line($"{declaration.Type.CSharpName()} {name} = {value};");
                }

                break;
            }

            case ExpressionStmt { Expression: AssignExpr or IncrementExpr } expression when _plan.IsVarying(expression.Expression):
                WriteVectorAssignment(expression.Expression);
                break;
            case ExpressionStmt { Expression: AssignExpr or IncrementExpr } expression:
                _w.Line(_scalar.WriteEffect(expression.Expression) + ";");
                break;
            case ExpressionStmt:
                // A pure expression evaluated for nothing (a discarded Math call) has no effect.
                break;
            case IfStmt conditional when !_plan.IsVarying(conditional.Condition):
                _w.Open($"if ({_scalar.Write(conditional.Condition)})");
                WriteStatements(conditional.Then);
                _w.Close();
                if (conditional.Else is { } otherwise)
                {
                    _w.Open("else");
                    WriteStatements(otherwise);
                    _w.Close();
                }

                break;
            case IfStmt conditional when _plan.IsInRange(conditional.Condition):
                // True in every lane the loop runs (an index the range check proved): the then-branch, unmasked.
                _w.Open();
                WriteStatements(conditional.Then);
                _w.Close();
                break;
            case IfStmt conditional:
                WriteMaskedIf(conditional);
                break;
            case ReturnStmt:
                _w.Line(_varyingDepth == 0 ? "continue;" : $"{Alive} = {VectorClass}.AndNot({Alive}, {_mask});");
                break;
        }
    }

    private void WriteMaskedIf(IfStmt conditional)
    {
        var condition = NewName("__c");
        _w.Line($"var {condition} = {Vector(conditional.Condition)};");
        var outer = _mask;
        _varyingDepth++;
        WriteBranch(conditional.Then, outer is null ? condition : $"{outer} & {condition}");
        if (conditional.Else is { } otherwise)
        {
            // Lanes that returned in the then-branch took it, so they are not in the else-branch either.
            WriteBranch(otherwise, outer is null ? $"~{condition}" : $"{VectorClass}.AndNot({outer}, {condition})");
        }

        _varyingDepth--;
        _mask = outer;
    }

    private void WriteBranch(Stmt branch, string branchMask)
    {
        _w.Open();
        _mask = NewName("__m");
        _w.Line($"var {_mask} = {branchMask};");
        WriteStatements(branch);
        _w.Close();
    }

    /// <summary>True when C# sees the end of <paramref name="statement"/> as unreachable.</summary>
    private static bool AlwaysReturns(Stmt statement) => statement switch
    {
        ReturnStmt => true,
        BlockStmt block => System.Linq.Enumerable.Any(block.Statements, AlwaysReturns),
        IfStmt { Condition: LiteralExpr { Value: "true" } } conditional => AlwaysReturns(conditional.Then),
        IfStmt { Condition: LiteralExpr { Value: "false" } } conditional => conditional.Else is { } otherwise && AlwaysReturns(otherwise),
        IfStmt conditional => AlwaysReturns(conditional.Then) && conditional.Else is { } otherwise && AlwaysReturns(otherwise),
        _ => false,
    };

    private static bool ContainsReturn(Stmt statement) => System.Linq.Enumerable.Any(System.Linq.Enumerable.OfType<ReturnStmt>(statement.SelfAndDescendants()));

    /// <summary>
    /// A write of every 2nd or 4th element (<c>y[4 * i + k]</c>): lane by lane, as vectors have no strided store. The
    /// lanes' elements are their own (SimdAccesses.OwnGroup) and in range (the range check covers every group).
    /// </summary>
    private void StridedStore(ElementExpr element, string stored)
    {
        var index = IndexOf(element);
        var value = NewName("__v");
        _w.Line($"var {value} = {stored};");
        _w.Line($"long {value}at = {_bases[index]} + ({index.LaneCoefficient.ToString(CultureInfo.InvariantCulture)}L * {Lane});");
        // Unrolled with constant lanes, which extract in one instruction each (a variable lane spills the vector).
        var lanes = _width / 32;
        for (var lane = 0; lane < lanes; lane++)
        {
            var at = (lane * index.LaneCoefficient).ToString(CultureInfo.InvariantCulture);
            var l = lane.ToString(CultureInfo.InvariantCulture);
            _w.Line($"global::System.Runtime.CompilerServices.Unsafe.Add(ref {RefName(element.Buffer)}, (nint)({value}at + {at})) = {VectorClass}.GetElement({value}, {l});");
        }
    }

    private void WriteVectorAssignment(Expr expression)
    {
        var (target, op, value, type) = expression switch
        {
            AssignExpr a => (a.Target, a.Op, a.Value, a.Type),
            IncrementExpr i => (i.Target, i.Increment ? AssignOp.Add : AssignOp.Subtract, (Expr)new LiteralExpr(i.Type, "1"), i.Type),
            _ => throw new System.InvalidOperationException(),
        };

        var newValue = op == AssignOp.Assign
            ? Vector(value)
            : VectorBinary(op.ToBinary(), type, Vector(target), value);
        if (target is ElementExpr element)
        {
            // Under a mask, the other lanes get back the value just loaded: only this thread's elements are touched,
            // and no other thread writes them (VectorTyping admits writes to a thread's own element only).
            var stored = _mask is null ? newValue : Select(_mask, newValue, Vector(element), element.Type);
            if (IndexOf(element).LaneCoefficient > 1)
            {
                StridedStore(element, stored);
                return;
            }

            _w.Line($"{VectorClass}.StoreUnsafe({stored}, ref {RefName(element.Buffer)}, {Offset(element)});");
        }
        else
        {
            var name = CSharpText.Identifier(((VariableExpr)target).Name);
            _w.Line($"{name} = {(_varyingDepth > 0 ? Select(_mask!, newValue, name, target.Type) : newValue)};");
        }
    }
}

using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Tandem.Generator.Analysis;
using Tandem.Generator.Model;

namespace Tandem.Generator.Emitting;

/// <summary>
/// Prints expressions. Anything HLSL would evaluate differently from C# (a lazily evaluated operand that reads or
/// writes, an assignment inside an expression) becomes statements in <c>pre</c>, written before the expression;
/// operands already printed are then saved in temporaries first, so C#'s left-to-right order holds.
/// </summary>
internal sealed partial class HlslBodyWriter
{
    /// <summary>Prints <paramref name="expression"/> for its value.</summary>
    private string Write(Expr expression, List<string> pre)
    {
        switch (expression)
        {
            case LiteralExpr literal:
                return Literal(literal);
            case VariableExpr variable:
                return HlslNames.Of(variable.Name);
            case ThreadIndexExpr index:
                return _kernel.Lowered.Rank == 1 ? HlslNames.Of(_kernel.Lowered.ThreadIndexName) : "tandem_index." + "xyz"[index.Component];
            case LengthExpr length:
                return U("length_" + HlslNames.Of(length.Buffer));
            case ElementExpr element when IsPackedVector3(element):
            {
                var first = PackedVector3Base(element, pre);
                var buffer = HlslNames.Of(element.Buffer);
                return $"float3({buffer}[{first}], {buffer}[{first} + 1], {buffer}[{first} + 2])";
            }

            case ElementExpr element:
                return LoadText(element, ElementText(element.Buffer, Write(element.Index, pre)));
            case ComponentExpr { Vector: ElementExpr packed } component when IsPackedVector3(packed):
                return $"{HlslNames.Of(packed.Buffer)}[{PackedVector3Base(packed, pre)} + {component.Component.ToString(CultureInfo.InvariantCulture)}]";
            case ComponentExpr component:
                return $"{Write(component.Vector, pre)}.{"xyzw"[component.Component]}";
            case VectorConstructExpr construct when construct.Arguments.Count == 1 && !construct.Arguments[0].Type.IsVector():
                return $"(({construct.Type.HlslName()}){Write(construct.Arguments[0], pre)})";
            case VectorConstructExpr construct:
                return $"{construct.Type.HlslName()}({string.Join(", ", WriteOperands(pre, construct.Arguments.ToArray()))})";
            case GroupIndexExpr group:
                return GroupIndexText(group);
            case WaveExpr wave:
                return WaveText(wave, WriteOperands(pre, wave.Operands.ToArray()));
            case CallExpr call:
                return WriteCall(call, pre);
            case AtomicExpr atomic:
                return WriteAtomic(atomic, pre, needValue: true);
            case UnaryExpr unary:
            {
                var operand = Write(unary.Operand, pre);
                if (unary.Type == ScalarType.Half && unary.Op == UnaryOp.Negate)
                {
                    return HalfNegate(operand);
                }

                return unary.Op switch
                {
                    UnaryOp.Negate => $"(-{operand})",
                    UnaryOp.Not => $"(!{operand})",
                    UnaryOp.BitwiseNot => $"(~{operand})",
                    _ => operand,
                };
            }

            case BinaryExpr { Op: BinaryOp.LogicalAnd or BinaryOp.LogicalOr } logical when _lazyWithEffects.Contains(logical):
                return WriteShortCircuit(logical, pre);
            case BinaryExpr binary when binary.Type.IsVector():
            {
                // Vector arithmetic with a scalar operand: the scalar is splatted, as HLSL would, for the exact helpers.
                var operands = WriteOperands(pre, binary.Left, binary.Right);
                return BinaryText(binary.Op, binary.Type, Splat(operands[0], binary.Left.Type, binary.Type), Splat(operands[1], binary.Right.Type, binary.Type));
            }

            case BinaryExpr binary:
            {
                var operands = WriteOperands(pre, binary.Left, binary.Right);
                return BinaryText(binary.Op, binary.Left.Type, operands[0], operands[1]);
            }

            case ConditionalExpr conditional when _lazyWithEffects.Contains(conditional):
                return WriteLazyConditional(conditional, pre);
            case ConditionalExpr conditional:
            {
                var operands = WriteOperands(pre, conditional.Condition, conditional.WhenTrue, conditional.WhenFalse);
                return $"({operands[0]} ? {operands[1]} : {operands[2]})";
            }

            case CastExpr cast:
                return CastText(Write(cast.Operand, pre), cast.Operand.Type, cast.Type);
            case MathCallExpr call:
                return MathText(call, WriteOperands(pre, call.Arguments.ToArray()));
            case AssignExpr or IncrementExpr:
                return WriteAssignment(expression, pre, needValue: true);
            default:
                return "0";
        }
    }

    /// <summary>Prints an expression evaluated for its effect; returns the statement text (no semicolon).</summary>
    private string WriteEffect(Expr expression, List<string> pre) => expression switch
    {
        AssignExpr or IncrementExpr => WriteAssignment(expression, pre, needValue: false),
        AtomicExpr atomic => WriteAtomic(atomic, pre, needValue: false),
        _ => Write(expression, pre),
    };

    /// <summary>
    /// A buffer or group-shared element as an lvalue or rvalue. In the wide body every access is <c>buffer[i]</c>
    /// (see <see cref="GpuWidening.TryCreate"/>), which is the current lane of the buffer's local vector. A
    /// group-shared index is clamped to the spare last element (<see cref="HlslEmitter"/> declares one more): shared
    /// memory has no robust access, and an index out of range must not reach another array (C# throws there).
    /// </summary>
    private string ElementText(string buffer, string index)
    {
        if (_wide)
        {
            return $"{Lanes(buffer)}[{Lane}]";
        }

        foreach (var shared in _kernel.Lowered.SharedArrays)
        {
            if (shared.Name == buffer)
            {
                return $"{HlslNames.Of(buffer)}[min((uint)({index}), {shared.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)}u)]";
            }
        }

        return $"{HlslNames.Of(buffer)}[{index}]";
    }

    /// <summary>A Vector3 element of a buffer, which holds 3 floats per element (the .NET layout).</summary>
    private bool IsPackedVector3(ElementExpr element) =>
        element.Type == ScalarType.Float3 && _kernel.Plan.Buffers.Any(b => b.Name == element.Buffer);

    /// <summary>The index of a packed Vector3's first float (printed text is free of side effects, so it may repeat).</summary>
    private string PackedVector3Base(ElementExpr element, List<string> pre) => $"(3 * {Write(element.Index, pre)})";

    private string GroupIndexText(GroupIndexExpr group)
    {
        var axis = "xyz"[group.Component];
        if (group.Value == GroupValue.ThreadIndex)
        {
            return $"((int)tandem_local.{axis})";
        }

        // A 1D launch may be folded into rows of groups: its group index follows from the linear thread index.
        return _kernel.Lowered.Rank == 1 && group.Component == 0
            ? $"((int)(tandem_linear / {_kernel.Lowered.GroupSizeX.ToString(CultureInfo.InvariantCulture)}u))"
            : _kernel.Lowered.Rank == 1 ? "0" : $"((int)tandem_group.{axis})";
    }

    /// <summary>
    /// A <c>Wave</c> member as HLSL's wave intrinsic (a helper of 32-bit pieces for long and ulong). The lane of
    /// <c>WaveReadLaneAt</c> is a uint; the lane values are uints too, and C# sees ints.
    /// </summary>
    private string WaveText(WaveExpr wave, string[] operands) => wave.Type switch
    {
        ScalarType.Long or ScalarType.ULong => wave.Op switch
        {
            WaveOp.Sum => Helper("tandem_wave_sum_64", operands[0]),
            WaveOp.Max => Helper(wave.Type == ScalarType.Long ? "tandem_wave_max_i64" : "tandem_wave_max_u64", operands[0]),
            WaveOp.Min => Helper(wave.Type == ScalarType.Long ? "tandem_wave_min_i64" : "tandem_wave_min_u64", operands[0]),
            _ => Helper("tandem_wave_read_lane_64", operands[0], $"(uint)({operands[1]})"),
        },
        _ => WaveIntrinsicText(wave, operands),
    };

    private static string WaveIntrinsicText(WaveExpr wave, string[] operands) => wave.Op switch
    {
        WaveOp.LaneIndex => "((int)WaveGetLaneIndex())",
        WaveOp.LaneCount => "((int)WaveGetLaneCount())",
        WaveOp.IsFirstLane => "WaveIsFirstLane()",
        WaveOp.Sum => $"WaveActiveSum({operands[0]})",
        WaveOp.Product => $"WaveActiveProduct({operands[0]})",
        WaveOp.Max => $"WaveActiveMax({operands[0]})",
        WaveOp.Min => $"WaveActiveMin({operands[0]})",
        WaveOp.AnyTrue => $"WaveActiveAnyTrue({operands[0]})",
        _ => $"WaveReadLaneAt({operands[0]}, (uint)({operands[1]}))",
    };

    /// <summary>
    /// A helper call. Without by-reference arguments it is a pure expression; with them it becomes a statement, and a
    /// buffer element passed by reference goes through a temporary that is stored back after the call.
    /// </summary>
    private string WriteCall(CallExpr call, List<string> pre)
    {
        var passed = call.Arguments.Where(a => a.Mode != PassingMode.Span).ToArray();
        if (passed.All(a => a.Mode is PassingMode.Value or PassingMode.In))
        {
            return $"{call.Helper}({string.Join(", ", WriteOperands(pre, passed.Select(a => a.Value).ToArray()))})";
        }

        var texts = new string[passed.Length];
        var writeBacks = new List<string>();
        for (var a = 0; a < passed.Length; a++)
        {
            var mark = pre.Count;
            var argument = passed[a];
            if (argument.Mode is PassingMode.Ref or PassingMode.Out && argument.Value is ElementExpr element && _kernel.Plan.Buffers.Any(b => b.Name == element.Buffer))
            {
                // Buffer elements travel through a temporary: glslang's inout on a buffer element is not portable.
                var index = NewTemporary();
                pre.Add($"int {index} = {Write(element.Index, pre)};");
                var local = NewTemporary();
                var buffer = HlslNames.Of(element.Buffer);
                var packed = IsPackedVector3(element);
                var load = packed ? $"float3({buffer}[3 * {index}], {buffer}[3 * {index} + 1], {buffer}[3 * {index} + 2])" : LoadText(element, ElementText(element.Buffer, index));
                pre.Add($"{element.Type.HlslName()} {local}{(argument.Mode == PassingMode.Out ? string.Empty : " = " + load)};");
                if (packed)
                {
                    writeBacks.AddRange(Enumerable.Range(0, 3).Select(c => $"{buffer}[3 * {index} + {c.ToString(CultureInfo.InvariantCulture)}] = {local}.{"xyz"[c]};"));
                }
                else
                {
                    writeBacks.Add($"{ElementText(element.Buffer, index)} = {StoreValue(element, local)};");
                }

                texts[a] = local;
            }
            else
            {
                texts[a] = argument.Mode is PassingMode.Ref or PassingMode.Out ? Write(argument.Value, pre) : Write(argument.Value, pre);
            }

            if (pre.Count != mark)
            {
                SpillEarlier(pre, mark, passed, texts, a);
            }
        }

        var callText = $"{call.Helper}({string.Join(", ", texts)})";
        string result;
        if (call.Type == ScalarType.Void)
        {
            pre.Add(callText + ";");
            result = string.Empty;
        }
        else
        {
            result = NewTemporary();
            pre.Add($"{call.Type.HlslName()} {result} = {callText};");
        }

        pre.AddRange(writeBacks);
        return result;
    }

    private void SpillEarlier(List<string> pre, int mark, CallArgument[] arguments, string[] texts, int current)
    {
        var spills = new List<string>();
        for (var j = 0; j < current; j++)
        {
            if (arguments[j].Mode is PassingMode.Value or PassingMode.In && arguments[j].Value is not LiteralExpr)
            {
                var temporary = NewTemporary();
                spills.Add($"{arguments[j].Value.Type.HlslName()} {temporary} = {texts[j]};");
                texts[j] = temporary;
            }
        }

        pre.InsertRange(mark, spills);
    }

    /// <summary>
    /// An Interlocked call: HLSL's Interlocked* with the original value in a temporary when the result is used
    /// (.NET returns the new value for Add, Increment and Decrement, the original for the others). Exchange and
    /// CompareExchange always take the form with the original value: HLSL's InterlockedExchange has no other, and
    /// glslc drops InterlockedCompareStore altogether (no OpAtomicCompareExchange in its SPIR-V).
    /// </summary>
    private string WriteAtomic(AtomicExpr atomic, List<string> pre, bool needValue)
    {
        var type = atomic.Type.HlslName();
        var index = Write(atomic.Target.Index, pre);
        var operands = WriteOperands(pre, atomic.Operands.ToArray());
        for (var o = 0; o < operands.Length; o++)
        {
            if (needValue && atomic.Operands[o] is not LiteralExpr)
            {
                var saved = NewTemporary();
                pre.Add($"{type} {saved} = {operands[o]};");
                operands[o] = saved;
            }
        }

        var destination = ElementText(atomic.Target.Buffer, index);
        var one = atomic.Type == ScalarType.UInt ? "1u" : "1";
        var minusOne = atomic.Type == ScalarType.UInt ? "0xFFFFFFFFu" : "(-1)";
        var (function, arguments, newValue) = atomic.Op switch
        {
            AtomicOp.Add => ("InterlockedAdd", new[] { operands[0] }, "+ " + operands[0]),
            AtomicOp.Increment => ("InterlockedAdd", new[] { one }, "+ " + one),
            AtomicOp.Decrement => ("InterlockedAdd", new[] { minusOne }, "- " + one),
            AtomicOp.Exchange => ("InterlockedExchange", new[] { operands[0] }, null),
            // .NET: CompareExchange(ref location, value, comparand); HLSL: (dest, compare, value, original).
            AtomicOp.CompareExchange => ("InterlockedCompareExchange", new[] { operands[1], operands[0] }, null),
            AtomicOp.And => ("InterlockedAnd", new[] { operands[0] }, null),
            _ => ("InterlockedOr", new[] { operands[0] }, null),
        };

        if (!needValue && atomic.Op is not (AtomicOp.Exchange or AtomicOp.CompareExchange))
        {
            return $"{function}({destination}, {string.Join(", ", arguments)})";
        }

        var original = NewTemporary();
        pre.Add($"{type} {original};");
        pre.Add($"{function}({destination}, {string.Join(", ", arguments)}, {original});");
        return needValue ? (newValue is null ? original : $"({original} {newValue})") : string.Empty;
    }

    private string[] WriteOperands(List<string> pre, params Expr[] operands)
    {
        var texts = new string[operands.Length];
        for (var i = 0; i < operands.Length; i++)
        {
            var mark = pre.Count;
            texts[i] = Write(operands[i], pre);
            if (pre.Count == mark)
            {
                continue;
            }

            // Statements were needed for this operand: evaluate the earlier ones before them.
            var spills = new List<string>();
            for (var j = 0; j < i; j++)
            {
                if (operands[j] is not LiteralExpr)
                {
                    var temporary = NewTemporary();
                    spills.Add($"{operands[j].Type.HlslName()} {temporary} = {texts[j]};");
                    texts[j] = temporary;
                }
            }

            pre.InsertRange(mark, spills);
        }

        return texts;
    }

    private string WriteShortCircuit(BinaryExpr logical, List<string> pre)
    {
        var result = NewTemporary();
        pre.Add($"bool {result} = {Write(logical.Left, pre)};");
        var inner = new List<string>();
        var right = Write(logical.Right, inner);
        pre.Add(logical.Op == BinaryOp.LogicalAnd ? $"if ({result})" : $"if (!{result})");
        pre.Add("{");
        pre.AddRange(inner.Select(line => "    " + line));
        pre.Add($"    {result} = {right};");
        pre.Add("}");
        return result;
    }

    private string WriteLazyConditional(ConditionalExpr conditional, List<string> pre)
    {
        var result = NewTemporary();
        var condition = Write(conditional.Condition, pre);
        pre.Add($"{conditional.Type.HlslName()} {result};");
        pre.Add($"if ({condition})");
        WriteBranch(conditional.WhenTrue);
        pre.Add("else");
        WriteBranch(conditional.WhenFalse);
        return result;

        void WriteBranch(Expr branch)
        {
            var inner = new List<string>();
            var value = Write(branch, inner);
            pre.Add("{");
            pre.AddRange(inner.Select(line => "    " + line));
            pre.Add($"    {result} = {value};");
            pre.Add("}");
        }
    }

    /// <summary>
    /// Prints an assignment or an increment. As a statement it is <c>target = value</c>; for its value, the new (or,
    /// for a postfix increment, the old) value is kept in a temporary.
    /// </summary>
    private string WriteAssignment(Expr expression, List<string> pre, bool needValue)
    {
        var (target, op, value, operationType, postfix) = expression switch
        {
            AssignExpr a => (a.Target, a.Op, a.Value, a.OperationType, false),
            IncrementExpr i => (i.Target, i.Increment ? AssignOp.Add : AssignOp.Subtract, (Expr)new LiteralExpr(i.Type, "1"), i.Type, !i.Prefix),
            _ => throw new System.InvalidOperationException(),
        };

        if (target is ElementExpr packed && IsPackedVector3(packed))
        {
            return WritePackedVector3Assignment(packed, op, value, pre, needValue);
        }

        // C# evaluates the target's index, then (for compound forms) the target's value, then the right-hand side.
        // Printed text has no side effects (those go to pre), so it can be printed twice; if the right-hand side
        // needed statements, what it could change is saved first.
        var index = target is ElementExpr element ? Write(element.Index, pre) : null;
        var mark = pre.Count;
        var valueText = Write(value, pre);
        var spills = new List<string>();
        if (pre.Count != mark && index is not null && target is not ElementExpr { Index: LiteralExpr })
        {
            var saved = NewTemporary();
            spills.Add($"int {saved} = {index};");
            index = saved;
        }

        var targetText = target is ElementExpr e ? ElementText(e.Buffer, index!) : Write(target, pre);
        // A Half span's element is read widened and stored narrowed; other targets read and store as they are.
        var loadText = target is ElementExpr loaded ? LoadText(loaded, targetText) : targetText;
        string Store(string value) => target is ElementExpr stored ? StoreValue(stored, value) : value;
        var currentText = loadText;
        if (pre.Count != mark && op != AssignOp.Assign)
        {
            currentText = NewTemporary();
            spills.Add($"{target.Type.HlslName()} {currentText} = {loadText};");
        }

        pre.InsertRange(mark, spills);
        valueText = Splat(valueText, value.Type, operationType);
        var newValue = op == AssignOp.Assign
            ? valueText
            : CastText(BinaryText(op.ToBinary(), operationType, CastText(currentText, target.Type, operationType), valueText), operationType, target.Type);

        if (!needValue)
        {
            return $"{targetText} = {Store(newValue)}";
        }

        var result = NewTemporary();
        var type = target.Type.HlslName();
        if (postfix)
        {
            pre.Add($"{type} {result} = {loadText};");
            pre.Add($"{targetText} = {Store(CastText(BinaryText(op.ToBinary(), operationType, result, valueText), operationType, target.Type))};");
        }
        else
        {
            pre.Add($"{type} {result} = {newValue};");
            pre.Add($"{targetText} = {Store(result)};");
        }

        return result;
    }

    /// <summary>Stores a Vector3 into a buffer that holds 3 floats per element.</summary>
    private string WritePackedVector3Assignment(ElementExpr target, AssignOp op, Expr value, List<string> pre, bool needValue)
    {
        // The index is computed once, before the value, as C# does.
        var first = NewTemporary();
        pre.Add($"int {first} = {PackedVector3Base(target, pre)};");
        var buffer = HlslNames.Of(target.Buffer);
        var current = $"float3({buffer}[{first}], {buffer}[{first} + 1], {buffer}[{first} + 2])";
        var mark = pre.Count;
        var valueText = Write(value, pre);
        if (op != AssignOp.Assign && pre.Count != mark)
        {
            var saved = NewTemporary();
            pre.Insert(mark, $"float3 {saved} = {current};");
            current = saved;
        }

        var result = NewTemporary();
        pre.Add($"float3 {result} = {(op == AssignOp.Assign ? valueText : BinaryText(op.ToBinary(), ScalarType.Float3, current, Splat(valueText, value.Type, ScalarType.Float3)))};");
        for (var c = 0; c < 3; c++)
        {
            pre.Add($"{buffer}[{first} + {c.ToString(CultureInfo.InvariantCulture)}] = {result}.{"xyz"[c]};");
        }

        return needValue ? result : string.Empty;
    }

    private string BinaryText(BinaryOp op, ScalarType operandType, string left, string right)
    {
        if (operandType == ScalarType.Half)
        {
            return HalfBinaryText(op, left, right);
        }

        if (operandType.Is64BitInteger() && Int64BinaryText(op, operandType, left, right) is { } wide)
        {
            return wide;
        }

        if (ExactArithmeticText(op, operandType, left, right) is { } exact)
        {
            return exact;
        }

        var shiftMask = "31";
        switch (op)
        {
            case BinaryOp.Remainder when operandType == ScalarType.Int:
                return Helper("tandem_rem_int", left, right);
            case BinaryOp.Remainder when operandType == ScalarType.Float:
                return Helper("tandem_rem_float", left, right);
            case BinaryOp.Remainder when operandType == ScalarType.Double:
                return Helper("tandem_rem_double", left, right);
            case BinaryOp.ShiftLeft:
                return $"({left} << ({right} & {shiftMask}))";
            case BinaryOp.ShiftRight:
                return $"({left} >> ({right} & {shiftMask}))";
            case BinaryOp.UnsignedShiftRight when operandType == ScalarType.Int:
                return $"((int)((uint){left} >> ({right} & {shiftMask})))";
            case BinaryOp.UnsignedShiftRight:
                return $"({left} >> ({right} & {shiftMask}))";
            case BinaryOp.BitwiseAnd or BinaryOp.BitwiseOr when operandType == ScalarType.Bool:
                return $"((bool)((uint){left} {(op == BinaryOp.BitwiseAnd ? "&" : "|")} (uint){right}))";
            case BinaryOp.ExclusiveOr when operandType == ScalarType.Bool:
                return $"({left} != {right})";
        }

        var symbol = op.Symbol();
        return $"({left} {symbol} {right})";
    }

    /// <summary>
    /// Float and double <c>+ - * /</c> (scalars and vectors) through the <c>precise</c> helpers of
    /// <see cref="HlslHelpers.ExactArithmetic"/>: C# evaluates each operation as IEEE-754 says, so glslc must neither fold
    /// <c>x * 0</c> or <c>x - x</c> to 0 (wrong for NaN and infinities) nor fuse <c>a * b + c</c> into one rounding.
    /// </summary>
    private string? ExactArithmeticText(BinaryOp op, ScalarType type, string left, string right) =>
        (type.IsFloatingPoint() || type.IsVector()) && HlslHelpers.ExactArithmetic(op, type) is { } helper ? Helper(helper, left, right) : null;

    /// <summary>A scalar operand of vector arithmetic as a vector of that value.</summary>
    private static string Splat(string text, ScalarType type, ScalarType target) =>
        target.IsVector() && !type.IsVector() ? $"(({target.HlslName()}){text})" : text;

    private string Helper(string name, params string[] arguments)
    {
        foreach (var helper in HlslHelpers.WithDependencies(name))
        {
            UsedHelpers.Add(helper);
        }
        return $"{name}({string.Join(", ", arguments)})";
    }

    private string MathText(MathCallExpr call, string[] args)
    {
        if (call.Type.IsVector() || call.Arguments.Any(a => a.Type.IsVector()))
        {
            return VectorMathText(call, args);
        }

        if (call.Function == MathFunction.BitCast)
        {
            return BitCastText(call.Type, args[0]);
        }

        if (WideMathText(call, args) is { } wide)
        {
            return wide;
        }

        var isDouble = call.Arguments.Count > 0 && call.Arguments[0].Type == ScalarType.Double;
        var isFloat = call.Arguments.Count > 0 && call.Arguments[0].Type == ScalarType.Float;
        switch (call.Function)
        {
            case MathFunction.Exp or MathFunction.Log or MathFunction.Log2 or MathFunction.Sin or MathFunction.Cos or MathFunction.Tan:
            {
                var name = call.Function.ToString().ToLowerInvariant();
                return isDouble ? $"((double){name}((float){args[0]}))" : $"{name}({args[0]})";
            }

            case MathFunction.Tanh:
                return isDouble ? $"((double){Helper("tandem_tanh", "(float)" + args[0])})" : Helper("tandem_tanh", args[0]);
            case MathFunction.Pow:
                return isDouble ? $"((double){Helper("tandem_pow", "(float)" + args[0], "(float)" + args[1])})" : Helper("tandem_pow", args);
            case MathFunction.Sqrt:
                return isDouble ? Helper("tandem_sqrt_double", args) : $"sqrt({args[0]})";
            case MathFunction.Abs:
                return $"abs({args[0]})";
            case MathFunction.Floor:
                return isDouble ? Helper("tandem_floor_double", args[0]) : $"floor({args[0]})";
            case MathFunction.Ceiling:
                return isDouble ? Helper("tandem_ceil_double", args[0]) : $"ceil({args[0]})";
            case MathFunction.Round:
                return isDouble ? Helper("tandem_round_double", args) : $"round({args[0]})";
            case MathFunction.Min or MathFunction.Max:
            {
                var name = call.Function == MathFunction.Min ? "min" : "max";
                return isDouble || isFloat ? Helper($"tandem_{name}_{(isDouble ? "double" : "float")}", args) : $"{name}({args[0]}, {args[1]})";
            }

            case MathFunction.FusedMultiplyAdd:
                // HLSL's fma is double-only; mad on float compiles to SPIR-V's fused Fma.
                return isDouble ? $"fma({args[0]}, {args[1]}, {args[2]})" : $"mad({args[0]}, {args[1]}, {args[2]})";
            case MathFunction.Clamp when isFloat || isDouble:
            {
                // C#'s Clamp keeps a NaN value; SPIR-V's FClamp may not.
                var value = args[0];
                return $"({value} < {args[1]} ? {args[1]} : ({value} > {args[2]} ? {args[2]} : {value}))";
            }

            case MathFunction.Clamp:
                return $"clamp({args[0]}, {args[1]}, {args[2]})";
            // HLSL's isnan/isinf/isfinite on a double are lowered to float (1e300 would be infinite): compare instead
            // (x - x is 0 for finite x, NaN otherwise; computed exactly, or glslc folds it to 0).
            case MathFunction.IsNaN:
                return isDouble ? $"({args[0]} != {args[0]})" : $"isnan({args[0]})";
            case MathFunction.IsInfinity:
                return isDouble ? $"({args[0]} == {args[0]} && {BinaryText(BinaryOp.Subtract, ScalarType.Double, args[0], args[0])} != 0.0L)" : $"isinf({args[0]})";
            default:
                return isDouble ? $"({BinaryText(BinaryOp.Subtract, ScalarType.Double, args[0], args[0])} == 0.0L)" : $"isfinite({args[0]})";
        }
    }

    /// <summary>
    /// System.Numerics vector methods: HLSL intrinsics of the same definition, and Min/Max per component with .NET's
    /// NaN and signed-zero rules (SPIR-V's FMin/FMax leave both open).
    /// </summary>
    private string VectorMathText(MathCallExpr call, string[] args)
    {
        var type = call.Arguments[0].Type.HlslName();
        switch (call.Function)
        {
            case MathFunction.Dot:
                return $"dot({args[0]}, {args[1]})";
            case MathFunction.Length:
                return $"length({args[0]})";
            case MathFunction.LengthSquared:
                return $"dot({args[0]}, {args[0]})";
            case MathFunction.Normalize:
                return $"normalize({args[0]})";
            case MathFunction.Min:
                return Helper("tandem_min_" + type, args[0], args[1]);
            case MathFunction.Max:
                return Helper("tandem_max_" + type, args[0], args[1]);
            case MathFunction.Clamp:
                // .NET: Min(Max(value, min), max), which differs from clamp() when min > max.
                return Helper("tandem_min_" + type, Helper("tandem_max_" + type, args[0], args[1]), args[2]);
            case MathFunction.Lerp:
                return call.Arguments[2].Type.IsVector() ? $"lerp({args[0]}, {args[1]}, {args[2]})" : $"lerp({args[0]}, {args[1]}, ({type}){args[2]})";
            case MathFunction.Abs:
                return $"abs({args[0]})";
            case MathFunction.SquareRoot:
                return $"sqrt({args[0]})";
            case MathFunction.Cross:
                return $"cross({args[0]}, {args[1]})";
            case MathFunction.Distance:
                return $"distance({args[0]}, {args[1]})";
            default:
            {
                var difference = BinaryText(BinaryOp.Subtract, call.Arguments[0].Type, args[0], args[1]);
                return $"dot({difference}, {difference})";
            }
        }
    }

    private string Literal(LiteralExpr literal)
    {
        var text = literal.Value;
        switch (literal.Type)
        {
            case ScalarType.Long or ScalarType.ULong or ScalarType.Half:
                return WideLiteral(literal);
            case ScalarType.Bool:
                return text;
            case ScalarType.Int:
                return text == "-2147483648" ? "(-2147483647 - 1)" : text.StartsWith("-", System.StringComparison.Ordinal) ? $"({text})" : text;
            case ScalarType.UInt:
                return text + "u";
            case ScalarType.Float:
            {
                var value = float.Parse(text, CultureInfo.InvariantCulture);
                if (float.IsNaN(value))
                {
                    return "asfloat(0x7fc00000u)";
                }

                if (float.IsInfinity(value))
                {
                    return value > 0 ? "asfloat(0x7f800000u)" : "asfloat(0xff800000u)";
                }

                return Signed(WithPoint(text) + "f");
            }

            default:
            {
                var value = double.Parse(text, CultureInfo.InvariantCulture);
                if (double.IsNaN(value))
                {
                    return "asdouble(0u, 0x7ff80000u)";
                }

                if (double.IsInfinity(value))
                {
                    return value > 0 ? "asdouble(0u, 0x7ff00000u)" : "asdouble(0u, 0xfff00000u)";
                }

                return Signed(WithPoint(text) + "L");
            }
        }

        static string WithPoint(string number) =>
            number.IndexOfAny(new[] { '.', 'E', 'e' }) >= 0 ? number : number + ".0";

        static string Signed(string number) => number.StartsWith("-", System.StringComparison.Ordinal) ? $"({number})" : number;
    }
}

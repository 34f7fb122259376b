using System.Collections.Generic;

namespace Tandem.Generator.Model;

/// <summary>Walking the kernel IR: the direct sub-expressions of each node, in C# evaluation order.</summary>
internal static class ExprTree
{
    public static IEnumerable<Expr> Children(this Expr expression)
    {
        switch (expression)
        {
            case ElementExpr element:
                yield return element.Index;
                break;
            case UnaryExpr unary:
                yield return unary.Operand;
                break;
            case BinaryExpr binary:
                yield return binary.Left;
                yield return binary.Right;
                break;
            case ConditionalExpr conditional:
                yield return conditional.Condition;
                yield return conditional.WhenTrue;
                yield return conditional.WhenFalse;
                break;
            case CastExpr cast:
                yield return cast.Operand;
                break;
            case CallExpr call:
                foreach (var argument in call.Arguments)
                {
                    yield return argument.Value;
                }

                break;
            case AtomicExpr atomic:
                yield return atomic.Target;
                foreach (var operand in atomic.Operands)
                {
                    yield return operand;
                }

                break;
            case VectorConstructExpr construct:
                foreach (var argument in construct.Arguments)
                {
                    yield return argument;
                }

                break;
            case WaveExpr wave:
                foreach (var operand in wave.Operands)
                {
                    yield return operand;
                }

                break;
            case MathCallExpr math:
                foreach (var argument in math.Arguments)
                {
                    yield return argument;
                }

                break;
            case ComponentExpr component:
                yield return component.Vector;
                break;
            case AssignExpr assignment:
                yield return assignment.Target;
                yield return assignment.Value;
                break;
            case IncrementExpr increment:
                yield return increment.Target;
                break;
        }
    }
}

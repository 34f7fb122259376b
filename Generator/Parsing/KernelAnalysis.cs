using System.Collections.Generic;
using System.Linq;
using Tandem.Generator.Model;

namespace Tandem.Generator.Parsing;

/// <summary>
/// Facts about a lowered kernel body that the launcher and the CPU emitter need: which buffers are indexed only by
/// the 1D thread index (their length bounds the extent), and whether the body fits the SIMD loop, and if not, why.
/// </summary>
internal sealed class KernelAnalysis
{
    /// <summary>Math functions with a vectorized System.Runtime.Intrinsics counterpart of matching semantics.</summary>
    internal static readonly HashSet<MathFunction> VectorizableFunctions = new()
    {
        MathFunction.Exp, MathFunction.Log, MathFunction.Log2, MathFunction.Sqrt, MathFunction.Min, MathFunction.Max,
        MathFunction.Floor, MathFunction.Ceiling, MathFunction.Round, MathFunction.FusedMultiplyAdd,
        MathFunction.Sin, MathFunction.Cos, MathFunction.Abs,
    };

    private readonly int rank;
    private readonly Dictionary<string, bool> indexedOnlyByThread = new();
    private bool threadIndexAssigned;
    private string? scalarReason;

    private KernelAnalysis(int rank, IEnumerable<BufferSpec> buffers)
    {
        this.rank = rank;
        foreach (var buffer in buffers)
        {
            indexedOnlyByThread[buffer.Name] = rank == 1;
        }
    }

    public HashSet<string> IndexedBuffers { get; } = new();

    public string? NotVectorizedReason => scalarReason;

    public static KernelAnalysis Analyze(BlockStmt body, int rank, IReadOnlyCollection<BufferSpec> buffers)
    {
        var analysis = new KernelAnalysis(rank, buffers);
        if (rank != 1)
        {
            analysis.NotVectorizable($"its thread index has rank {rank}; only 1D kernels are vectorized");
        }

        analysis.Visit(body, topLevel: true);
        if (analysis.threadIndexAssigned)
        {
            foreach (var name in analysis.indexedOnlyByThread.Keys.ToList())
            {
                analysis.indexedOnlyByThread[name] = false;
            }

            analysis.NotVectorizable("it assigns the thread index");
        }

        foreach (var pair in analysis.indexedOnlyByThread.Where(p => p.Value && analysis.accessedBuffers.Contains(p.Key)))
        {
            analysis.IndexedBuffers.Add(pair.Key);
        }

        if (analysis.scalarReason is null)
        {
            analysis.scalarReason = VectorTyping.Check(body);
        }

        return analysis;
    }

    private readonly HashSet<string> accessedBuffers = new();

    private void NotVectorizable(string reason) => scalarReason ??= reason;

    private void Visit(Stmt statement, bool topLevel)
    {
        switch (statement)
        {
            case BlockStmt block:
                foreach (var inner in block.Statements)
                {
                    Visit(inner, topLevel);
                }

                break;
            case LocalDeclStmt declaration:
                if (declaration.Initializer is { } initializer)
                {
                    Visit(initializer);
                }

                break;
            case ExpressionStmt expression:
                Visit(expression.Expression);
                break;
            case IfStmt conditional:
                NotVectorizable("it branches ('if')");
                Visit(conditional.Condition);
                Visit(conditional.Then, false);
                if (conditional.Else is { } otherwise)
                {
                    Visit(otherwise, false);
                }

                break;
            case ForStmt loop:
                NotVectorizable("it loops");
                foreach (var init in loop.Initializers)
                {
                    Visit(init, false);
                }

                if (loop.Condition is { } condition)
                {
                    Visit(condition);
                }

                foreach (var increment in loop.Incrementors)
                {
                    Visit(increment);
                }

                Visit(loop.Body, false);
                break;
            case WhileStmt loop:
                NotVectorizable("it loops");
                Visit(loop.Condition);
                Visit(loop.Body, false);
                break;
            case DoWhileStmt loop:
                NotVectorizable("it loops");
                Visit(loop.Body, false);
                Visit(loop.Condition);
                break;
            default:
                NotVectorizable("it returns early or jumps");
                break;
        }
    }

    private void Visit(Expr expression)
    {
        switch (expression)
        {
            case ElementExpr element:
                accessedBuffers.Add(element.Buffer);
                if (element.Index is not ThreadIndexExpr)
                {
                    indexedOnlyByThread[element.Buffer] = false;
                    NotVectorizable($"it indexes '{element.Buffer}' by something other than the thread index");
                }

                Visit(element.Index);
                break;
            case UnaryExpr unary:
                Visit(unary.Operand);
                break;
            case BinaryExpr binary:
                Visit(binary.Left);
                Visit(binary.Right);
                break;
            case ConditionalExpr conditional:
                NotVectorizable("it uses '?:'");
                Visit(conditional.Condition);
                Visit(conditional.WhenTrue);
                Visit(conditional.WhenFalse);
                break;
            case CastExpr cast:
                Visit(cast.Operand);
                break;
            case MathCallExpr call:
                foreach (var argument in call.Arguments)
                {
                    Visit(argument);
                }

                break;
            case AssignExpr assignment:
                threadIndexAssigned |= assignment.Target is ThreadIndexExpr;
                Visit(assignment.Target);
                Visit(assignment.Value);
                break;
            case IncrementExpr increment:
                threadIndexAssigned |= increment.Target is ThreadIndexExpr;
                Visit(increment.Target);
                break;
        }
    }
}

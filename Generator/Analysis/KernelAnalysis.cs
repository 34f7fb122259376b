using System.Collections.Generic;
using System.Linq;
using Tandem.Generator.Model;

namespace Tandem.Generator.Analysis;

/// <summary>
/// The analysis stage: turns a <see cref="LoweredKernel"/> into the <see cref="KernelSpec"/> the emitters print, with
/// its <see cref="KernelPlan"/>. It finds which buffers are indexed only by the 1D thread index (their length bounds
/// the extent), which are read (<see cref="BufferReads"/>), whether the body fits the SIMD loop, and if not, why (the
/// statement-level reasons here; <see cref="VectorTyping"/> checks the expressions, indices and branches and makes the
/// <see cref="VectorPlan"/>), and the wide GPU entry point (<see cref="GpuWidening"/>).
/// </summary>
internal sealed class KernelAnalysis
{
    /// <summary>Math functions with a vectorized System.Runtime.Intrinsics counterpart of matching semantics.</summary>
    internal static readonly HashSet<MathFunction> VectorizableFunctions = new()
    {
        MathFunction.Exp, MathFunction.Log, MathFunction.Log2, MathFunction.Sqrt, MathFunction.Min, MathFunction.Max,
        MathFunction.Floor, MathFunction.Ceiling, MathFunction.Round, MathFunction.FusedMultiplyAdd,
        MathFunction.Sin, MathFunction.Cos, MathFunction.Tanh, MathFunction.Abs, MathFunction.BitCast,
    };

    private readonly Dictionary<string, bool> _indexedOnlyByThread = new();
    private bool _threadIndexAssigned;
    private string? _scalarReason;

    private KernelAnalysis(int rank, IEnumerable<BufferSpec> buffers)
    {
        foreach (var buffer in buffers)
        {
            _indexedOnlyByThread[buffer.Name] = rank == 1;
        }
    }

    /// <summary>Analyses <paramref name="kernel"/> once: the model the emitters print from.</summary>
    public static KernelSpec Analyze(LoweredKernel kernel)
    {
        var body = kernel.Body;
        var analysis = new KernelAnalysis(kernel.Rank, kernel.Buffers);
        foreach (var name in kernel.SpanArguments)
        {
            analysis._indexedOnlyByThread[name] = false;
            analysis._accessedBuffers.Add(name);
        }

        if (kernel.ScalarReason is not null)
        {
            analysis.NotVectorizable(kernel.ScalarReason);
        }

        analysis.Visit(body, topLevel: true);
        if (analysis._threadIndexAssigned)
        {
            foreach (var name in analysis._indexedOnlyByThread.Keys.ToList())
            {
                analysis._indexedOnlyByThread[name] = false;
            }

            analysis.NotVectorizable("it assigns the thread index; copy it into a local and change that");
        }

        var indexed = analysis._indexedOnlyByThread.Where(p => p.Value && analysis._accessedBuffers.Contains(p.Key)).Select(p => p.Key).ToList();
        VectorPlan? vectorization = null;
        if (analysis._scalarReason is null)
        {
            vectorization = VectorTyping.Plan(body, out analysis._scalarReason);
        }

        var read = BufferReads.Of(body, kernel.Helpers);
        var buffers = kernel.Buffers
            // A group kernel's extent is rounded up to whole groups, beyond its buffers: the kernel guards the extra threads.
            .Select(b => b with { IndexedByThreadIndex = !kernel.UsesGroups && indexed.Contains(b.Name), Read = read.Contains(b.Name) })
            .ToEquatableArray();
        var widening = GpuWidening.TryCreate(kernel.Rank, kernel.UsesGroups, analysis.HasLoops, buffers, body);
        var lazyWithEffects = Purity.LazyWithEffects(kernel.Helpers.Select(h => h.Body).Prepend(body));
        return new KernelSpec(kernel, new KernelPlan(buffers, analysis._scalarReason, analysis.HasLoops, widening, vectorization, lazyWithEffects));
    }

    private readonly HashSet<string> _accessedBuffers = new();

    /// <summary>True when the body assigns the 1D thread index.</summary>
    public static bool AssignsThreadIndex(BlockStmt body)
    {
        var analysis = new KernelAnalysis(1, System.Array.Empty<BufferSpec>());
        analysis.Visit(body, topLevel: true);
        return analysis._threadIndexAssigned;
    }

    private void NotVectorizable(string reason) => _scalarReason ??= reason;

    private void Loop()
    {
        HasLoops = true;
        NotVectorizable("it loops; only bodies of statements, if/else and ?: run as SIMD (a short loop with constant bounds can be unrolled by hand)");
    }

    /// <summary>True when the body loops (see <see cref="KernelPlan.HasLoops"/>).</summary>
    private bool HasLoops { get; set; }

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
                Visit(conditional.Condition);
                Visit(conditional.Then, false);
                if (conditional.Else is { } otherwise)
                {
                    Visit(otherwise, false);
                }

                break;
            case ForStmt loop:
                Loop();
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
                Loop();
                Visit(loop.Condition);
                Visit(loop.Body, false);
                break;
            case DoWhileStmt loop:
                Loop();
                Visit(loop.Body, false);
                Visit(loop.Condition);
                break;
            case SwitchStmt switchStatement:
                NotVectorizable("it uses 'switch'; write it with if/else or ?: to get the SIMD loop");
                Visit(switchStatement.Value);
                foreach (var section in switchStatement.Sections)
                {
                    foreach (var inner in section.Body)
                    {
                        Visit(inner, false);
                    }
                }

                break;
            case ReturnStmt { Value: { } value }:
                Visit(value);
                break;
            case ReturnStmt:
                // VectorTyping masks the lanes that return.
                break;
            default:
                NotVectorizable("it jumps ('break', 'continue') or waits at a group barrier");
                break;
        }
    }

    private void Visit(Expr expression)
    {
        switch (expression)
        {
            case ElementExpr element:
                _accessedBuffers.Add(element.Buffer);
                if (element.Index is not ThreadIndexExpr)
                {
                    // VectorTyping decides whether the index still fits the SIMD loop (x[i - 1], x[row * width + id.X]).
                    _indexedOnlyByThread[element.Buffer] = false;
                }

                break;
            case CallExpr call:
                foreach (var argument in call.Arguments)
                {
                    _threadIndexAssigned |= argument.Mode is PassingMode.Ref or PassingMode.Out && argument.Value is ThreadIndexExpr;
                }

                break;
            case AssignExpr assignment:
                _threadIndexAssigned |= assignment.Target is ThreadIndexExpr;
                break;
            case IncrementExpr increment:
                _threadIndexAssigned |= increment.Target is ThreadIndexExpr;
                break;
        }

        foreach (var child in expression.Children())
        {
            Visit(child);
        }
    }
}

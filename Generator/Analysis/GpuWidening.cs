using System.Collections.Generic;
using System.Linq;
using Tandem.Generator.Model;

namespace Tandem.Generator.Analysis;

/// <summary>
/// The wide GPU version of an element-wise 1D kernel: each thread runs the body for <see cref="Abi.KernelAbi.WideElementsPerThread"/>
/// consecutive indices and moves each buffer's elements with one 128-bit access. One 32-bit access per thread does
/// not saturate a discrete GPU's memory (74 % of torch's Saxpy bandwidth on an H200; 93–104 % this way on H200s and an
/// H100: docs/PERFORMANCE.md). The runtime falls back to the ordinary entry point where the wide one could differ
/// (an array bound twice, one of them written).
/// </summary>
/// <param name="LoadedBuffers">Buffers read into a vector before the body runs (read, or written only partly).</param>
/// <param name="StoredBuffers">Buffers written back after the body.</param>
internal sealed record GpuWidening(EquatableArray<string> LoadedBuffers, EquatableArray<string> StoredBuffers)
{
    /// <summary>True when the wide entry point loads or stores <paramref name="buffer"/>.</summary>
    public bool Moves(string buffer) => LoadedBuffers.Contains(buffer) || StoredBuffers.Contains(buffer);

    /// <summary>
    /// The widening of a kernel, or null where it does not apply: only straight-line 1D kernels without groups or
    /// atomics whose every buffer access is <c>buffer[i]</c>, with 32-bit elements and <c>i</c> never assigned, so
    /// each element belongs to exactly one thread and the body can run once per lane on vector-held values.
    /// </summary>
    public static GpuWidening? TryCreate(int rank, bool usesGroups, bool hasLoops, IReadOnlyList<BufferSpec> buffers, BlockStmt body)
    {
        if (rank != 1 || usesGroups || hasLoops)
        {
            return null;
        }

        var walker = new Walker(buffers);
        foreach (var statement in body.Statements)
        {
            walker.TopLevel(statement);
        }

        if (!walker.Eligible || walker.Accessed.Count == 0)
        {
            return null;
        }

        var loaded = buffers.Where(b => walker.Accessed.Contains(b.Name) && !walker.AssignedFirst.Contains(b.Name));
        var stored = buffers.Where(b => walker.Written.Contains(b.Name));
        return new GpuWidening(loaded.Select(b => b.Name).ToEquatableArray(), stored.Select(b => b.Name).ToEquatableArray());
    }

    /// <summary>True when <paramref name="type"/> packs four to a 128-bit vector.</summary>
    private static bool IsWord(ScalarType type) => type is ScalarType.Float or ScalarType.Int or ScalarType.UInt;

    private sealed class Walker
    {
        private readonly Dictionary<string, BufferSpec> _buffers;
        private bool _returned;

        public Walker(IReadOnlyList<BufferSpec> buffers) => _buffers = buffers.ToDictionary(b => b.Name);

        public bool Eligible { get; private set; } = true;

        public HashSet<string> Accessed { get; } = new();

        public HashSet<string> Written { get; } = new();

        /// <summary>
        /// Buffers whose first use is a plain store that every lane reaches (a top-level statement before any
        /// <c>return</c>): their vector need not be loaded, which saves a read of each output.
        /// </summary>
        public HashSet<string> AssignedFirst { get; } = new();

        public void TopLevel(Stmt statement)
        {
            if (!_returned
                && statement is ExpressionStmt { Expression: AssignExpr { Op: AssignOp.Assign, Target: ElementExpr target } assignment }
                && _buffers.ContainsKey(target.Buffer)
                && !Accessed.Contains(target.Buffer)
                && !Mentions(assignment.Value, target.Buffer))
            {
                AssignedFirst.Add(target.Buffer);
            }

            foreach (var nested in statement.SelfAndDescendants())
            {
                // Loops and barriers are ruled out by the caller already; a continue belongs to a loop.
                _returned |= nested is ReturnStmt;
                Eligible &= nested is not (ForStmt or WhileStmt or DoWhileStmt or BarrierStmt or ContinueStmt);
                foreach (var expression in nested.OwnExpressions().SelectMany(e => e.SelfAndDescendants()))
                {
                    Visit(expression);
                }
            }
        }

        private static bool Mentions(Expr expression, string buffer) =>
            expression.SelfAndDescendants().Any(e => e is ElementExpr { Buffer: var name } && name == buffer);

        private void Visit(Expr expression)
        {
            switch (expression)
            {
                case ElementExpr element when _buffers.TryGetValue(element.Buffer, out var buffer):
                    Accessed.Add(element.Buffer);
                    Eligible &= element.Index is ThreadIndexExpr && IsWord(buffer.ElementType);
                    break;
                case AtomicExpr or SpanArgExpr or WaveExpr:
                    Eligible = false;
                    break;
                case AssignExpr { Target: var target }:
                    MarkWritten(target);
                    break;
                case IncrementExpr { Target: var target }:
                    MarkWritten(target);
                    break;
                case CallExpr call:
                    foreach (var argument in call.Arguments.Where(a => a.Mode is PassingMode.Ref or PassingMode.Out))
                    {
                        MarkWritten(argument.Value);
                    }

                    break;
            }
        }

        private void MarkWritten(Expr target)
        {
            switch (target)
            {
                case ElementExpr element when _buffers.ContainsKey(element.Buffer):
                    Written.Add(element.Buffer);
                    break;
                case ThreadIndexExpr:
                    // Assigning the index would move a lane onto another thread's elements.
                    Eligible = false;
                    break;
            }
        }
    }
}

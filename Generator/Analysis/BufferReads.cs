using System.Collections.Generic;
using System.Linq;
using Tandem.Generator.Model;

namespace Tandem.Generator.Analysis;

/// <summary>
/// Which spans a kernel reads: any element access that is not the target of a plain <c>=</c> (a compound assignment,
/// <c>++</c>, an atomic or a by-reference argument reads too), in the body or in a helper, and any span passed to a
/// helper. A <c>Span</c> the kernel never reads is write-only: its launch does not depend on the array's earlier data.
/// </summary>
internal static class BufferReads
{
    public static HashSet<string> Of(BlockStmt body, IEnumerable<HelperSpec> helpers)
    {
        var read = new HashSet<string>();
        foreach (var expression in helpers.Select(h => h.Body).Prepend(body).SelectMany(b => b.AllExpressions()))
        {
            foreach (var child in expression.Children())
            {
                if (child is ElementExpr element && !(expression is AssignExpr { Op: AssignOp.Assign } store && ReferenceEquals(store.Target, element)))
                {
                    read.Add(element.Buffer);
                }
                else if (child is SpanArgExpr span)
                {
                    read.Add(span.Buffer);
                }
            }
        }

        // A body that is a lone element read (never a child of anything) still reads.
        foreach (var statement in helpers.Select(h => h.Body).Prepend(body).SelectMany(b => b.SelfAndDescendants()))
        {
            foreach (var own in statement.OwnExpressions().OfType<ElementExpr>())
            {
                read.Add(own.Buffer);
            }
        }

        return read;
    }
}

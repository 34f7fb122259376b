using System.Collections.Generic;
using System.Linq;

namespace Tandem.OpKernelWriter;

/// <summary>
/// The runtime's side of the reductions (<c>Tandem.Ops.Reduction</c>): the enum of the ops, and each element type's
/// kernels by op and layout, from which <c>Reducer</c> picks the kernel of a call.
/// </summary>
public static class ReduceTableSource
{
    public const string Path = "Runtime/Ops/Reduction/Generated/ReduceTables.g.cs";

    public static string Text()
    {
        var text = new SourceText(nameof(ReduceCatalog), ["System", "Tandem.Ops.Kernels"]);
        text.Line("namespace Tandem.Ops.Reduction;").Line();
        text.Line("/// <summary>The reduction ops: what each run of elements reduces to.</summary>");
        text.Open("internal enum ReduceOp");
        foreach (ReduceOp op in ReduceCatalog.Ops)
        {
            text.Gap().Line($"/// <summary>{SourceText.Xml(op.Summary)} ({string.Join(", ", op.Types.Select(t => t.Dtype))}).</summary>");
            text.Line($"{op.Name},");
        }

        text.Close().Line();
        text.Line("/// <summary>Each element type's reduction kernels, by op and layout.</summary>");
        text.Open("internal static class ReduceTables");
        text.Line("/// <summary>The op that reduces the partial results of <paramref name=\"op\"/> (those of one segment of a run each).</summary>");
        text.Line("public static ReduceOp Partials(ReduceOp op) => op switch");
        text.Line("{");
        foreach (ReduceOp op in ReduceCatalog.Ops.Where(op => op.Partials != op.Name))
        {
            text.Line($"    ReduceOp.{op.Name} => ReduceOp.{op.Partials},");
        }

        text.Line("    _ => op,");
        text.Line("};");
        foreach (ElementType t in ReduceCatalog.Sum.Types)
        {
            string types = $"{t.CSharp}, {ReduceCatalog.Accumulator(t).CSharp}";
            text.Gap().Line($"/// <summary>The {t.Dtype} reductions.</summary>");
            text.Line($"public static readonly ReduceKernelSet<{types}> {t.Name} = new ReduceKernelSet<{types}>(ReduceKernels.ArgReduce{t.Name})");
            var extras = new List<string>();
            if (ReduceCatalog.ExpDeviation.Types.Contains(t))
            {
                extras.Add($"Softmax = SoftmaxKernels.{t.Name},");
            }

            if (ReduceCatalog.ScanTypes.Contains(t))
            {
                extras.Add($"Scans = new ScanKernelPair<{types}>(ScanKernels.BlockSums{t.Name}, ScanKernels.Scan{t.Name}),");
            }

            if (extras.Count > 0)
            {
                text.Line("{");
                foreach (string extra in extras)
                {
                    text.Line("    " + extra);
                }

                text.Line("}");
            }

            var lines = new List<string>();
            foreach (ReduceOp op in ReduceCatalog.Ops.Where(op => op.Types.Contains(t)))
            {
                string kernel = $"ReduceKernels.{op.Name}{t.Name}";
                string wide = ReduceCatalog.Wide.Contains(t) ? $", {kernel}Rows4, {kernel}Columns4" : string.Empty;
                lines.Add($"    .With(ReduceOp.{op.Name}, {kernel}{wide})");
            }

            foreach (ReduceOp op in ReduceCatalog.Ops.Where(op => ReduceCatalog.SubgroupTypes(op).Contains(t)))
            {
                string kernel = $"ReduceKernels.{op.Name}{t.Name}";
                string wide = ReduceCatalog.Wide.Contains(t) ? $", {kernel}Rows4Subgroups" : string.Empty;
                lines.Add($"    .WithSubgroups(ReduceOp.{op.Name}, {kernel}Subgroups{wide})");
            }

            lines[^1] += ";";
            foreach (string line in lines)
            {
                text.Line(line);
            }
        }

        return text.Close().ToString();
    }
}

using System.Collections.Generic;
using System.Linq;

namespace Tandem.OpKernelWriter;

/// <summary>The public <c>Mx</c> methods of the element-wise ops, documented from their definitions.</summary>
public static class ApiSource
{
    public static IEnumerable<(string Path, string Text)> Files()
    {
        foreach (OpGroup group in new[] { OpGroup.Arithmetic, OpGroup.Math, OpGroup.Comparison })
        {
            yield return ($"Runtime/Mx/Generated/Mx.{group}.g.cs", Text(group));
        }
    }

    private static string Text(OpGroup group)
    {
        var text = new SourceText("System", "System.Numerics", "Tandem.Ops");
        text.Line("namespace Tandem;").Line();
        text.Open("public static partial class Mx");
        foreach (BinaryOp op in OpCatalog.Binary.Where(op => op.Group == group))
        {
            string e = op.ApiTypes.Element;
            Binary(text, op, $"Array<{e}> a", $"Array<{e}> b", "two arrays, broadcast against each other as in NumPy", "The broadcast shape");
            Binary(text, op, $"Array<{e}> a", $"{e} b", "an array and a scalar", "<paramref name=\"a\"/>'s shape");
            Binary(text, op, $"{e} a", $"Array<{e}> b", "a scalar and an array", "<paramref name=\"b\"/>'s shape");
        }

        foreach (UnaryOp op in OpCatalog.Unary.Where(op => op.Group == group))
        {
            Documentation(text, op, $"{SourceText.Xml(op.Summary)} of each element.");
            text.Line("/// <param name=\"a\">The input.</param>");
            text.Line("/// <param name=\"stream\">Where the op runs.</param>");
            text.Line("/// <returns>A new array of <paramref name=\"a\"/>'s shape.</returns>");
            (string e, string r) = op.ApiTypes;
            text.Line($"public static Array<{r}> {op.Name}{Generic(op)}(Array<{e}> a, StreamOrDevice stream = default){Constraint(op)}");
            text.Line($"    => Elementwise.Unary<{e}, {r}>(ElementwiseOps.{op.Name}, a, stream);");
        }

        return text.Close().ToString();
    }

    private static void Binary(SourceText text, BinaryOp op, string left, string right, string operands, string shape)
    {
        Documentation(text, op, $"Element-wise <c>{SourceText.Xml(op.Spelled)}</c> of {operands}: {SourceText.Xml(op.Summary.ToLowerInvariant())}.");
        text.Line("/// <param name=\"a\">The left operand.</param>");
        text.Line("/// <param name=\"b\">The right operand.</param>");
        text.Line("/// <param name=\"stream\">Where the op runs.</param>");
        text.Line($"/// <returns>A new array. {shape}.</returns>");
        if (left.StartsWith("Array", System.StringComparison.Ordinal) && right.StartsWith("Array", System.StringComparison.Ordinal))
        {
            text.Line("/// <exception cref=\"ArgumentException\">The shapes do not broadcast; the message names both.</exception>");
        }

        (string e, string r) = op.ApiTypes;
        text.Line($"public static Array<{r}> {op.Name}{Generic(op)}({left}, {right}, StreamOrDevice stream = default){Constraint(op)}");
        text.Line($"    => Elementwise.Binary<{e}, {r}>(ElementwiseOps.{op.Name}, a, b, stream);");
    }

    private static string Generic(ElementwiseOp op) => op.BoolOnly ? string.Empty : "<T>";

    private static string Constraint(ElementwiseOp op) => op.BoolOnly ? string.Empty : $" where T : unmanaged{op.Constraint}";

    private static void Documentation(SourceText text, ElementwiseOp op, string summary)
    {
        text.Gap().Line($"/// <summary>{summary}</summary>");
        if (op.Remarks is { } remarks)
        {
            text.Line($"/// <remarks>{SourceText.Xml(remarks)}</remarks>");
        }

        if (op.BoolOnly)
        {
            return;
        }

        string types = string.Join(", ", op.Types.Take(op.Types.Count - 1).Select(t => t.Dtype)) + " or " + op.Types[^1].Dtype;
        text.Line($"/// <typeparam name=\"T\">The element type: {types} (others do not compile, or throw NotSupportedException).</typeparam>");
    }
}

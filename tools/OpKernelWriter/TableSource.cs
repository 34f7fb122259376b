using System.Linq;

namespace Tandem.OpKernelWriter;

/// <summary>
/// The runtime's table of each op's kernels by element type (<c>Tandem.Ops.ElementwiseOps</c>), from which
/// <c>Elementwise</c> picks the kernel of a call's types and layout.
/// </summary>
public static class TableSource
{
    public const string Path = "Runtime/Ops/Generated/ElementwiseOps.g.cs";

    public static string Text()
    {
        var text = new SourceText("System", "Tandem.Ops.Kernels");
        text.Line("namespace Tandem.Ops;").Line();
        text.Line("/// <summary>The element-wise ops' kernels by element type and layout.</summary>");
        text.Open("internal static partial class ElementwiseOps");
        foreach (BinaryOp op in OpCatalog.Binary)
        {
            string creation = op.Symmetry switch
            {
                Symmetry.Commutative => $"BinaryOp.Commutative(\"{op.Name}\")",
                _ when op.Swapped is { } swapped => $"new BinaryOp(\"{op.Name}\", () => {swapped})",
                _ => $"new BinaryOp(\"{op.Name}\")",
            };
            text.Gap().Line($"public static readonly BinaryOp {op.Name} = {creation}");
            foreach (ElementType t in op.Types)
            {
                string kernels = $"{op.Name}Kernels.{t.Name}";
                string contiguous = op.HasContiguous ? kernels : "null";
                string scalarArray = op.HasScalarArray ? kernels + "ScalarArray" : "null";
                string strided = op.HasStrided ? kernels + "Strided" : "null";
                text.Line($"    .With(new BinaryKernels<{t.CSharp}, {op.Result(t).CSharp}>({contiguous}, {kernels}ArrayScalar, {scalarArray}, {strided}))"
                    + (t == op.Types[^1] ? ";" : string.Empty));
            }
        }

        foreach (UnaryOp op in OpCatalog.Unary)
        {
            text.Gap().Line($"public static readonly UnaryOp {op.Name} = new UnaryOp(\"{op.Name}\")");
            foreach (ElementType t in op.Types)
            {
                text.Line($"    .With(new UnaryKernels<{t.CSharp}, {op.Result(t).CSharp}>({op.Name}Kernels.{t.Name}))" + (t == op.Types[^1] ? ";" : string.Empty));
            }
        }

        text.Gap().Line("public static readonly UnaryOp AsType = new UnaryOp(\"AsType\")");
        var pairs = OpCatalog.Convertible.SelectMany(source => OpCatalog.Convertible.Where(target => target != source).Select(target => (source, target))).ToArray();
        foreach ((ElementType from, ElementType to) in pairs)
        {
            text.Line($"    .With(new UnaryKernels<{from.CSharp}, {to.CSharp}>({KernelSources.ConversionClass(from)}.To{to.Name}))"
                + ((from, to) == pairs[^1] ? ";" : string.Empty));
        }

        return text.Close().ToString();
    }
}

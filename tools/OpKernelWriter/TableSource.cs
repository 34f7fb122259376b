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
                Symmetry.Commutative => $"BinaryOp.Commutative(\"{op.Name}\", {Supported(op)})",
                _ when op.Swapped is { } swapped => $"new BinaryOp(\"{op.Name}\", {Supported(op)}, () => {swapped})",
                _ => $"new BinaryOp(\"{op.Name}\", {Supported(op)})",
            };
            ElementType[] types = op.KernelTypes.ToArray();
            text.Gap().Line($"public static readonly BinaryOp {op.Name} = {creation}");
            foreach (ElementType t in types)
            {
                string kernels = $"{op.Name}Kernels.{t.Name}";
                string contiguous = op.HasContiguous ? kernels : "null";
                string scalarArray = op.HasScalarArray ? kernels + "ScalarArray" : "null";
                // A bool result's strided kernel writes packed words: a launcher of its own shape.
                bool packed = op.Result(t) == ElementType.Bool;
                string strided = op.HasStrided && !packed ? kernels + "Strided" : "null";
                string packedStrided = op.HasStrided && packed
                    ? $", {kernels}Strided, {kernels}StridedRows, {kernels}StridedRowsArrayScalar, {kernels}StridedRowsScalarArray"
                    : string.Empty;
                text.Line($"    .With(new BinaryKernels<{t.CSharp}, {op.Result(t).Stored.CSharp}>({contiguous}, {kernels}ArrayScalar, {scalarArray}, {strided}{packedStrided}))"
                    + End(t == types[^1] && op.WordExpression is null));
            }

            if (op.WordExpression is not null)
            {
                text.Line($"    .WithWords({op.Name}Kernels.Words);");
            }
        }

        foreach (UnaryOp op in OpCatalog.Unary)
        {
            ElementType[] types = op.KernelTypes.ToArray();
            text.Gap().Line($"public static readonly UnaryOp {op.Name} = new UnaryOp(\"{op.Name}\", {Supported(op)})");
            foreach (ElementType t in types)
            {
                text.Line($"    .With(new UnaryKernels<{t.CSharp}, {op.Result(t).Stored.CSharp}>({op.Name}Kernels.{t.Name}))"
                    + End(t == types[^1] && op.WordExpression is null));
            }

            if (op.WordExpression is not null)
            {
                text.Line($"    .WithWords({op.Name}Kernels.Words);");
            }
        }

        Conversions(text, "AsType", "between types of 2 bytes or more", to => to.HasKernels);
        Conversions(text, "AsTypeToBool", "to bool (the result's words: four elements to a word)", to => to == ElementType.Bool);
        Conversions(text, "AsTypeToByte", "to uint8 (one uint per element, packed by the runtime)", to => to == ElementType.Byte);

        ElementType[] selectable = OpCatalog.Selectable.Select(t => t.Stored).Distinct().ToArray();
        text.Gap().Line("/// <summary><c>Mx.Where</c>'s kernels (1-byte types are selected as uint and packed by the runtime).</summary>");
        text.Line("public static readonly SelectOp Where = new SelectOp(\"Where\")");
        foreach (ElementType t in selectable)
        {
            text.Line($"    .With(new SelectKernels<{t.CSharp}>(WhereKernels.{t.Name}, WhereKernels.{t.Name}ArrayScalar, WhereKernels.{t.Name}ScalarArray, "
                + $"WhereKernels.{t.Name}Strided))" + End(t == selectable[^1]));
        }

        return text.Close().ToString();
    }

    /// <summary>The table of <c>AsType</c>'s kernels to the targets <paramref name="targets"/> picks.</summary>
    private static void Conversions(SourceText text, string name, string what, System.Func<ElementType, bool> targets)
    {
        var pairs = OpCatalog.Convertible
            .SelectMany(from => OpCatalog.ConversionTargets(from).Where(targets).Select(to => (From: from, To: to)))
            .ToArray();
        text.Gap().Line($"/// <summary><c>AsType</c>'s kernels {SourceText.Xml(what)}.</summary>");
        text.Line($"public static readonly UnaryOp {name} = new UnaryOp(\"AsType\", null)");
        foreach ((ElementType from, ElementType to) in pairs)
        {
            text.Line($"    .With(new UnaryKernels<{from.CSharp}, {to.Stored.CSharp}>({KernelSources.ConversionClass(from)}.To{to.Name}))"
                + End((from, to) == pairs[^1]));
        }
    }

    /// <summary>The element types an op takes, for its NotSupportedException (the kernel types hide the 1-byte ones).</summary>
    private static string Supported(ElementwiseOp op)
    {
        string[] names = op.Types.Select(t => t.Dtype).ToArray();
        return "\"" + (names.Length == 1 ? names[0] : string.Join(", ", names[..^1]) + " and " + names[^1]) + "\"";
    }

    private static string End(bool last) => last ? ";" : string.Empty;
}

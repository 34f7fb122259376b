using System.Collections.Generic;
using System.Linq;

namespace Tandem.OpKernelWriter;

/// <summary>
/// The [Kernel] methods of each op, one per element type and layout: contiguous (<c>result[i] = f(x[i], y[i])</c>, the
/// body the CPU's SIMD loop and the GPU's four-elements-per-thread entry point come from), an array with a scalar on
/// either side, and strided (any views, their layouts as uniforms, over a 3D grid of merged axes). An op with a bool
/// result writes one 32-bit word of four elements per thread in every layout (<see cref="PackedKernel"/>,
/// <see cref="PackedStridedKernel"/>, <see cref="PackedRowsKernel"/>).
/// </summary>
public static class KernelSources
{
    private const string Folder = "Runtime/Ops/Kernels/Generated/";

    public static IEnumerable<(string Path, string Text)> Files()
    {
        foreach (BinaryOp op in OpCatalog.Binary)
        {
            yield return (Folder + op.Name + "Kernels.g.cs", Binary(op));
        }

        foreach (UnaryOp op in OpCatalog.Unary)
        {
            yield return (Folder + op.Name + "Kernels.g.cs", Unary(op));
        }

        foreach (ElementType from in OpCatalog.Convertible)
        {
            yield return (Folder + ConversionClass(from) + ".g.cs", Conversions(from));
        }

        yield return (Folder + "WhereKernels.g.cs", Where());
    }

    public static string ConversionClass(ElementType from) => $"ConvertFrom{from.Name}Kernels";

    private static SourceText Begin(string className, string summary)
    {
        var text = new SourceText("System");
        text.Line("namespace Tandem.Ops.Kernels;").Line();
        text.Line($"/// <summary>{summary}</summary>");
        return text.Open($"internal static partial class {className}");
    }

    private static string Binary(BinaryOp op)
    {
        SourceText text = Begin(op.Name + "Kernels", $"The kernels of <c>Mx.{op.Name}</c>, by element type and layout (see Runtime/Ops/README.md).");
        foreach (ElementType t in op.KernelTypes)
        {
            string a = t.CSharp, r = op.Result(t).Stored.CSharp, body = op.Expression(t);
            bool packed = op.Result(t) == ElementType.Bool;
            if (op.HasContiguous)
            {
                string signature = $"{t.Name}(int i, ReadOnlySpan<{a}> x, ReadOnlySpan<{a}> y, Span<{r}> result)";
                if (packed)
                {
                    PackedKernel(text, signature, a, ["a", "b"], ["x", "y"], body);
                }
                else
                {
                    Kernel(text, signature, $"{a} a = x[i];", $"{a} b = y[i];", $"result[i] = {body};");
                }
            }

            string arrayScalar = $"{t.Name}ArrayScalar(int i, {a} b, ReadOnlySpan<{a}> x, Span<{r}> result)";
            if (packed)
            {
                PackedKernel(text, arrayScalar, a, ["a"], ["x"], body);
            }
            else
            {
                Kernel(text, arrayScalar, $"{a} a = x[i];", $"result[i] = {body};");
            }

            if (op.HasScalarArray)
            {
                string scalarArray = $"{t.Name}ScalarArray(int i, {a} a, ReadOnlySpan<{a}> y, Span<{r}> result)";
                if (packed)
                {
                    PackedKernel(text, scalarArray, a, ["b"], ["y"], body);
                }
                else
                {
                    Kernel(text, scalarArray, $"{a} b = y[i];", $"result[i] = {body};");
                }
            }

            if (op.HasStrided && packed)
            {
                PackedStridedKernel(text, $"{t.Name}Strided(int i, int count, int n0, int n1, int offsetX, int x0, int x1, int x2, int offsetY, int y0, int y1, int y2,\n"
                    + $"ReadOnlySpan<{a}> x, ReadOnlySpan<{a}> y, Span<uint> result)", a, body);
                foreach ((string layout, bool xSteps, bool ySteps) in new[] { ("", true, true), ("ArrayScalar", true, false), ("ScalarArray", false, true) })
                {
                    PackedRowsKernel(text, $"{t.Name}StridedRows{layout}(Index3D id, int words, int n1, int offsetX, int x1, int x2, int offsetY, int y1, int y2,\n"
                        + $"ReadOnlySpan<{a}> x, ReadOnlySpan<{a}> y, Span<uint> result)", a, body, xSteps, ySteps);
                }
            }
            else if (op.HasStrided)
            {
                StridedKernel(text, $"{t.Name}Strided(Index3D id, int n0, int n1, int offsetX, int x0, int x1, int x2, int offsetY, int y0, int y1, int y2,\n"
                    + $"ReadOnlySpan<{a}> x, ReadOnlySpan<{a}> y, Span<{r}> result)",
                    $"{a} a = x[{StridedIndex("offsetX", "x")}];",
                    $"{a} b = y[{StridedIndex("offsetY", "y")}];",
                    $"result[{ResultIndex}] = {body};");
            }
        }

        if (op.WordExpression is { } words)
        {
            WordsKernel(text, "Words(int i, int offsetX, int offsetY, ReadOnlySpan<uint> x, ReadOnlySpan<uint> y, Span<uint> result)", words, "a", "b");
        }

        return text.Close().ToString();
    }

    /// <summary>
    /// An op of bool arrays on whole words: thread <c>i</c> reads word <c>offsetX + i</c> of each operand (four
    /// elements), sets each byte's high bit where the element is not 0 (<c>((w &amp; 0x7F7F7F7F) + 0x7F7F7F7F) | w</c>:
    /// no carry leaves a byte), applies <paramref name="expression"/> and writes 0 or 1 per byte.
    /// </summary>
    private static void WordsKernel(SourceText text, string signature, string expression, params string[] locals)
    {
        text.Gap().Line("[Kernel]").Open($"public static void {signature}");
        string[] spans = ["x", "y"];
        string[] offsets = ["offsetX", "offsetY"];
        for (int k = 0; k < locals.Length; k++)
        {
            text.Line($"uint {locals[k]} = {spans[k]}[{offsets[k]} + i];");
        }

        foreach (string local in locals)
        {
            text.Line($"{local} = (({local} & 0x7F7F7F7Fu) + 0x7F7F7F7Fu) | {local};");
        }

        text.Line($"result[i] = (({expression}) >> 7) & 0x01010101u;");
        text.Close();
    }

    private static string Unary(UnaryOp op)
    {
        SourceText text = Begin(op.Name + "Kernels", $"The kernels of <c>Mx.{op.Name}</c>, by element type (see Runtime/Ops/README.md).");
        foreach (ElementType t in op.KernelTypes)
        {
            string signature = $"{t.Name}(int i, ReadOnlySpan<{t.CSharp}> x, Span<{op.Result(t).Stored.CSharp}> result)";
            if (op.Result(t) == ElementType.Bool)
            {
                PackedKernel(text, signature, t.CSharp, ["a"], ["x"], op.Expression(t));
            }
            else
            {
                Kernel(text, signature, $"{t.CSharp} a = x[i];", $"result[i] = {op.Expression(t)};");
            }
        }

        if (op.WordExpression is { } words)
        {
            WordsKernel(text, "Words(int i, int offsetX, ReadOnlySpan<uint> x, Span<uint> result)", words, "a");
        }

        return text.Close().ToString();
    }

    private static string Conversions(ElementType from)
    {
        SourceText text = Begin(ConversionClass(from), $"<c>AsType</c> from {from.Dtype} to each other type, with C#'s conversion semantics "
            + "(1-byte targets written one per uint, as the runtime packs them).");
        foreach (ElementType to in OpCatalog.ConversionTargets(from))
        {
            string signature = $"To{to.Name}(int i, ReadOnlySpan<{from.CSharp}> x, Span<{to.Stored.CSharp}> result)";
            if (to == ElementType.Bool)
            {
                PackedKernel(text, signature, from.CSharp, ["a"], ["x"], OpCatalog.Conversion(from, to));
            }
            else
            {
                Kernel(text, signature, $"{from.CSharp} a = x[i];", $"result[i] = {OpCatalog.Conversion(from, to)};");
            }
        }

        return text.Close().ToString();
    }

    /// <summary>
    /// <c>Where</c>'s kernels by element type: for contiguous operands (an array or a scalar uniform on either side), one
    /// thread per word of the condition, which selects the four elements 4i to 4i + 3 by its bytes (the condition's
    /// first element starts a word: <c>offsetC</c> counts words); and strided (any views, broadcasting), one thread per
    /// element, the condition read as the bytes of its words (<c>offsetC</c> counts bytes).
    /// </summary>
    private static string Where()
    {
        SourceText text = Begin("WhereKernels", "The kernels of <c>Mx.Where</c>, by element type and layout (see Runtime/Ops/README.md).");
        foreach (ElementType t in OpCatalog.Selectable.Select(t => t.Stored).Distinct())
        {
            string v = t.CSharp;
            SelectKernel(text, $"{t.Name}(int i, int offsetC, ReadOnlySpan<uint> condition, ReadOnlySpan<{v}> x, ReadOnlySpan<{v}> y, Span<{v}> result)",
                v, "x", at => $"x[{at}]", at => $"y[{at}]");
            SelectKernel(text, $"{t.Name}ArrayScalar(int i, int offsetC, {v} s, ReadOnlySpan<uint> condition, ReadOnlySpan<{v}> x, Span<{v}> result)",
                v, "x", at => $"x[{at}]", _ => "s");
            SelectKernel(text, $"{t.Name}ScalarArray(int i, int offsetC, {v} s, ReadOnlySpan<uint> condition, ReadOnlySpan<{v}> y, Span<{v}> result)",
                v, "y", _ => "s", at => $"y[{at}]");
            StridedKernel(text, $"{t.Name}Strided(Index3D id, int n0, int n1, int offsetC, int c0, int c1, int c2, int offsetX, int x0, int x1, int x2,\n"
                + $"int offsetY, int y0, int y1, int y2, ReadOnlySpan<uint> condition, ReadOnlySpan<{v}> x, ReadOnlySpan<{v}> y, Span<{v}> result)",
                $"int c = {StridedIndex("offsetC", "c")};",
                $"result[{ResultIndex}] = {ConditionByte("c")} != 0u ? x[{StridedIndex("offsetX", "x")}] : y[{StridedIndex("offsetY", "y")}];");
        }

        return text.Close().ToString();
    }

    /// <summary>
    /// A contiguous <c>Where</c> kernel: word <c>i</c> of the condition picks elements 4i to 4i + 3. The result is
    /// whole groups of four long (<c>Padded</c>), so every thread writes all four (the CPU's SIMD loop has no masked
    /// strided store to make); past the operands' end it writes a copy of element 4i.
    /// </summary>
    private static void SelectKernel(SourceText text, string signature, string type, string length, System.Func<string, string> whenTrue, System.Func<string, string> whenFalse)
    {
        text.Gap().Line("[Kernel]").Open($"public static void {signature}");
        text.Line("int j = 4 * i;");
        text.Line("uint word = condition[offsetC + i];");
        text.Line($"{type} first = (word & 255u) != 0u ? {whenTrue("j")} : {whenFalse("j")};");
        text.Line("result[j] = first;");
        for (int e = 1; e < 4; e++)
        {
            string at = $"j + {e}";
            text.Line($"result[{at}] = {at} < {length}.Length ? (((word >> {8 * e}) & 255u) != 0u ? {whenTrue(at)} : {whenFalse(at)}) : first;");
        }

        text.Close();
    }

    /// <summary>
    /// A kernel with a bool result (a comparison, a logical op, <c>IsNaN</c>, <c>AsType</c> to bool) over contiguous
    /// operands: thread <c>i</c> writes word <c>i</c> of the result, its four elements 4i to 4i + 3 as the bytes 0 or 1
    /// (fewer at the end of the operands), so the runtime has no uint per element to pack. The CPU's SIMD loop reads
    /// the operands' every 4th element (<c>x[4 * i + k]</c>) and builds whole words.
    /// </summary>
    /// <param name="text">Where to write.</param>
    /// <param name="signature">The signature; its <c>result</c> is the words.</param>
    /// <param name="type">The operands' element type.</param>
    /// <param name="locals">The element locals the expression reads (<c>a</c>, <c>b</c>).</param>
    /// <param name="spans">The span each local is read from.</param>
    /// <param name="body">The expression of one element: 0u or 1u.</param>
    private static void PackedKernel(SourceText text, string signature, string type, string[] locals, string[] spans, string body)
    {
        text.Gap().Line("[Kernel]").Open($"public static void {signature}");
        text.Line("int j = 4 * i;");
        for (int k = 0; k < locals.Length; k++)
        {
            text.Line($"{type} {locals[k]} = {spans[k]}[j];");
        }

        text.Line($"uint word = {body};");
        for (int e = 1; e < 4; e++)
        {
            text.Gap().Open($"if (j + {e} < {spans[0]}.Length)");
            for (int k = 0; k < locals.Length; k++)
            {
                text.Line($"{locals[k]} = {spans[k]}[j + {e}];");
            }

            text.Line($"word |= ({body}) << {8 * e};");
            text.Close();
        }

        text.Gap().Line("result[i] = word;");
        text.Close();
    }

    /// <summary>
    /// The strided kernel of a binary op with a bool result (any views, broadcasting): thread <c>i</c> writes word
    /// <c>i</c> of the row-major result, as the contiguous kernels do, its four elements 4i to 4i + 3 (fewer past
    /// <c>count</c>, the result's length) read from the operands' offsets and strides along the merged axes (innermost
    /// first; <c>n0</c> and <c>n1</c> the two inner sizes). The threads count words of the flat result, not a 3D grid,
    /// because a word spans two rows where the row length is not a multiple of 4. The first element's coordinates take
    /// one division (two on a 3D grid) and the other three step along the row from it; a word that crosses a row's end
    /// divides each element's coordinates out again (carrying them instead kept more values live through the common
    /// path: 8 % slower on the CPU). On the CPU this is a scalar loop (the strides are uniforms) that inlines the body.
    /// </summary>
    /// <param name="text">Where to write.</param>
    /// <param name="signature">The signature; its <c>result</c> is the words.</param>
    /// <param name="type">The operands' element type.</param>
    /// <param name="body">The expression of one element of <c>a</c> and <c>b</c>: 0u or 1u.</param>
    private static void PackedStridedKernel(SourceText text, string signature, string type, string body)
    {
        static string Start(string operand, string offset) => $"{offset} + (c2 * {operand}2) + (c1 * {operand}1) + (c0 * {operand}0)";
        text.Gap().Line("[Kernel]").Line(Inlined).Open($"public static void {signature}");
        text.Line("int j = 4 * i;");
        text.Line("int rows = j / n0;");
        text.Line("int c0 = j - (rows * n0);");
        text.Line("int c1 = rows;");
        text.Line("int c2 = 0;");
        text.Open("if (rows >= n1)");
        text.Line("c2 = rows / n1;");
        text.Line("c1 = rows - (c2 * n1);");
        text.Close();
        text.Gap().Line($"int at = {Start("x", "offsetX")};");
        text.Line($"int bt = {Start("y", "offsetY")};");
        text.Line($"{type} a = x[at];");
        text.Line($"{type} b = y[bt];");
        text.Line($"uint word = {body};");
        // All four in one row (then also below count, which ends a row): plain steps along it.
        text.Gap().Open("if (c0 + 3 < n0)");
        for (int e = 1; e < 4; e++)
        {
            string Step(string stride) => e == 1 ? stride : $"({e} * {stride})";
            text.Line($"a = x[at + {Step("x0")}];");
            text.Line($"b = y[bt + {Step("y0")}];");
            text.Line($"word |= ({body}) << {8 * e};");
        }

        text.Close();
        text.Open("else");
        // A word that crosses a row's end (rare): each element's coordinates divided out again.
        for (int e = 1; e < 4; e++)
        {
            text.Gap().Open($"if (j + {e} < count)");
            text.Line($"int rows{e} = (j + {e}) / n0;");
            text.Line($"int column{e} = j + {e} - (rows{e} * n0);");
            text.Line($"int plane{e} = rows{e} / n1;");
            text.Line($"int row{e} = rows{e} - (plane{e} * n1);");
            text.Line($"a = x[offsetX + (plane{e} * x2) + (row{e} * x1) + (column{e} * x0)];");
            text.Line($"b = y[offsetY + (plane{e} * y2) + (row{e} * y1) + (column{e} * y0)];");
            text.Line($"word |= ({body}) << {8 * e};");
            text.Close();
        }

        text.Close();
        text.Gap().Line("result[i] = word;");
        text.Close();
    }

    /// <summary>
    /// The strided kernel of a binary op with a bool result where the innermost merged axis is a multiple of 4 long, so
    /// each row is whole words, and each operand steps by one element along it (a row broadcast, a slice of whole rows)
    /// or stays on one element (a column broadcast, a scalar: the <c>ArrayScalar</c> and <c>ScalarArray</c> kernels):
    /// thread <c>(X, Y, Z)</c> writes word X of row <c>(Z, Y)</c> (<c>words</c> per row), its elements read at
    /// <c>4X + k</c> from each stepping operand's row start. Only the rows' starts are strided, so the CPU's SIMD loop
    /// takes it as it takes the contiguous kernels (every 4th element of a stepping operand, one element per row of the
    /// other).
    /// </summary>
    /// <param name="text">Where to write.</param>
    /// <param name="signature">The signature; its <c>result</c> is the words.</param>
    /// <param name="type">The operands' element type.</param>
    /// <param name="body">The expression of one element of <c>a</c> and <c>b</c>: 0u or 1u.</param>
    /// <param name="xSteps">True when <c>x</c> steps along the row; false: one element per row.</param>
    /// <param name="ySteps">The same for <c>y</c>.</param>
    private static void PackedRowsKernel(SourceText text, string signature, string type, string body, bool xSteps, bool ySteps)
    {
        static string Element(string row, bool steps, int e) => !steps ? row : e == 0 ? $"{row} + j" : $"{row} + j + {e}";
        text.Gap().Line("[Kernel(StridedGrid.GroupWidth, StridedGrid.GroupHeight, 1)]").Open($"public static void {signature}");
        text.Line("int j = 4 * id.X;");
        text.Line("int rowX = offsetX + (id.Z * x2) + (id.Y * x1);");
        text.Line("int rowY = offsetY + (id.Z * y2) + (id.Y * y1);");
        text.Line($"{type} a = x[{Element("rowX", xSteps, 0)}];");
        text.Line($"{type} b = y[{Element("rowY", ySteps, 0)}];");
        text.Line($"uint word = {body};");
        for (int e = 1; e < 4; e++)
        {
            if (xSteps)
            {
                text.Line($"a = x[{Element("rowX", xSteps, e)}];");
            }

            if (ySteps)
            {
                text.Line($"b = y[{Element("rowY", ySteps, e)}];");
            }

            text.Line($"word |= ({body}) << {8 * e};");
        }

        text.Line("result[(((id.Z * n1) + id.Y) * words) + id.X] = word;");
        text.Close();
    }

    /// <summary>
    /// Inlines a kernel's body into the CPU's loop over threads: a scalar body with many uniforms otherwise pays a call
    /// per thread, passing every one of them.
    /// </summary>
    private const string Inlined = "[System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]";

    /// <summary>The byte at index <paramref name="index"/> of the words <c>condition</c>, little-endian as .NET stores bools.</summary>
    private static string ConditionByte(string index) => $"((condition[{index} >> 2] >> (({index} & 3) * 8)) & 255u)";

    /// <summary>A kernel method: its signature (the part after <c>void</c>; a newline continues it), then its statements.</summary>
    private static void Kernel(SourceText text, string signature, params string[] statements)
        => KernelWith(text, "[Kernel]", signature, statements);

    /// <summary>
    /// A strided kernel: its thread group from StridedGrid, since the 3D default of 4 x 4 x 4 leaves most threads of a
    /// 2D grid idle.
    /// </summary>
    private static void StridedKernel(SourceText text, string signature, params string[] statements)
        => KernelWith(text, "[Kernel(StridedGrid.GroupWidth, StridedGrid.GroupHeight, 1)]", signature, statements);

    private static void KernelWith(SourceText text, string attribute, string signature, string[] statements)
    {
        text.Gap().Line(attribute).Open($"public static void {signature}");
        foreach (string statement in statements)
        {
            text.Line(statement);
        }

        text.Close();
    }

    private static string StridedIndex(string offset, string operand)
        => $"{offset} + (id.Z * {operand}2) + (id.Y * {operand}1) + (id.X * {operand}0)";

    private const string ResultIndex = "(((id.Z * n1) + id.Y) * n0) + id.X";
}

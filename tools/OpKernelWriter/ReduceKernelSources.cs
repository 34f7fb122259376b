using System.Collections.Generic;
using System.Linq;

namespace Tandem.OpKernelWriter;

/// <summary>
/// The [Kernel] methods of the reductions (partial class <c>ReduceKernels</c>; its hand-written part holds the work split
/// they share): per op, one kernel per element type for runs of any layout, and for the wide types one that reads a
/// <c>Vector4</c> of each contiguous run at a time and one that reads four neighbouring columns at a time; per element
/// type, the arg-reduction kernel; per accumulator type, how a result is finished.
/// </summary>
public static class ReduceKernelSources
{
    private const string Folder = "Runtime/Ops/Kernels/Generated/";

    public static IEnumerable<(string Path, string Text)> Files()
    {
        foreach (ReduceOp op in ReduceCatalog.Ops)
        {
            yield return (Folder + $"ReduceKernels.{op.Name}.g.cs", Op(op));
        }

        yield return (Folder + "ReduceKernels.ArgReduce.g.cs", ArgReduce());
        yield return (Folder + "ReduceKernels.Finish.g.cs", Finish());
        yield return (Folder + "ScanKernels.g.cs", Scans());
        yield return (Folder + "SoftmaxKernels.g.cs", Softmax());
    }

    /// <summary>The element types that accumulate in a floating-point type (their results can be finished).</summary>
    private static IEnumerable<ElementType> FloatAccumulators
        => ReduceCatalog.Sum.Types.Select(ReduceCatalog.Accumulator).Where(t => t.IsFloat).Distinct();

    private static SourceText Begin(bool vectors, string comment)
    {
        var text = new SourceText(nameof(ReduceCatalog), vectors
            ? ["System", "System.Numerics", "System.Runtime.CompilerServices"]
            : ["System", "System.Runtime.CompilerServices"]);
        text.Line("namespace Tandem.Ops.Kernels;").Line();
        text.Line($"// {comment} See ReduceKernels.cs for the parameters and the work split.");
        return text.Open("internal static partial class ReduceKernels");
    }

    private static string Op(ReduceOp op)
    {
        bool wide = op.Types.Any(ReduceCatalog.Wide.Contains);
        SourceText text = Begin(wide, $"ReduceOp.{op.Name} ({Lower(op.Summary)}), by element type and layout.");
        foreach (ElementType t in op.Types)
        {
            General(text, op, t, subgroups: false);
            if (ReduceCatalog.Wide.Contains(t))
            {
                Rows4(text, op, t, subgroups: false);
                Columns4(text, op, t);
            }
        }

        foreach (ElementType t in ReduceCatalog.SubgroupTypes(op))
        {
            General(text, op, t, subgroups: true);
            if (ReduceCatalog.Wide.Contains(t))
            {
                Rows4(text, op, t, subgroups: true);
            }
        }

        foreach (ElementType t in op.Types)
        {
            Accumulate(text, op, t);
            if (ReduceCatalog.Wide.Contains(t))
            {
                AccumulateVectors(text, op, t);
                CombineVectors(text, op, t);
            }
        }

        return text.Close().ToString();
    }

    /// <summary>
    /// Runs of any layout: each thread accumulates its share, then the group combines in a tree (or, with
    /// <paramref name="subgroups"/>, through its subgroups: see <see cref="SubgroupsAndStore"/>).
    /// </summary>
    private static void General(SourceText text, ReduceOp op, ElementType t, bool subgroups)
    {
        string a = ReduceCatalog.Accumulator(t).CSharp;
        Summary(text, $"Reduces runs of {t.Dtype} elements to {Lower(op.Summary)}{SubgroupsNote(subgroups)}.");
        Kernel(text, $"{op.Name}{t.Name}{SubgroupsSuffix(subgroups)}(int id, int finish, int count, int lanes, int segments, int inner, int outerStride,\n"
            + "int innerStride, int step, int offset, int length, int segmentLength, bool blocked,\n"
            + $"ReadOnlySpan<{t.CSharp}> x, ReadOnlySpan<{a}> center, Span<{a}> output)");
        text.Line($"Span<{a}> values = Group.Shared<{a}>(Threads);");
        text.Line("int t = Group.ThreadIndex.X;");
        text.Line($"{a} acc = {op.Identity(ReduceCatalog.Accumulator(t))};");
        text.Line("bool active = Locate(Group.Index.X, t, lanes, segments, inner, length, segmentLength, blocked,");
        text.Line("    out int o, out int i, out int first, out int stride, out int n);");
        text.Open("if (active)");
        text.Line($"acc = Accumulate{op.Name}{t.Name}(x, offset + (o * outerStride) + (i * innerStride) + (first * step), stride * step, n{Center(op, "center[(o * inner) + i]")});");
        text.Close().Line();
        Store(text, op, t, subgroups);
    }

    /// <summary>
    /// Contiguous runs of a wide type (<c>step = 1</c>): the run's whole vectors are shared among its threads
    /// (<c>segmentLength</c> counts vectors); the elements before the first whole vector and after the last are added
    /// by the run's first thread in the first and the last segment. <c>x4</c> and <c>x</c> bind the same memory.
    /// </summary>
    private static void Rows4(SourceText text, ReduceOp op, ElementType t, bool subgroups)
    {
        string a = t.CSharp;
        Summary(text, $"Reduces contiguous runs of {t.Dtype} elements to {Lower(op.Summary)}, a Vector4 at a time{SubgroupsNote(subgroups)}.");
        Kernel(text, $"{op.Name}{t.Name}Rows4{SubgroupsSuffix(subgroups)}(int id, int finish, int count, int lanes, int segments, int inner, int outerStride,\n"
            + "int innerStride, int offset, int length, int segmentLength, bool blocked,\n"
            + $"ReadOnlySpan<Vector4> x4, ReadOnlySpan<{a}> x, ReadOnlySpan<{a}> center, Span<{a}> output)");
        text.Line($"Span<{a}> values = Group.Shared<{a}>(Threads);");
        text.Line("int t = Group.ThreadIndex.X;");
        text.Line("int segment = Group.Index.X % segments;");
        text.Line($"{a} acc = {op.Identity(t)};");
        text.Line("bool active = Output(Group.Index.X, t, lanes, segments, inner, out int o, out int i);");
        text.Open("if (active)");
        text.Line("int start = offset + (o * outerStride) + (i * innerStride);");
        text.Line("int head = Math.Min(length, (4 - (start % 4)) % 4);");
        text.Line("int vectors = (length - head) / 4;");
        text.Line("Share(Group.Index.X, t, lanes, segments, vectors, segmentLength, blocked, out int first, out int stride, out int n);");
        if (op.Centered)
        {
            text.Line($"{a} c = center[(o * inner) + i];");
        }

        text.Line($"Vector4 sums = Accumulate{op.Name}{t.Name}x4(x4, ((start + head) / 4) + first, stride, n{Center(op, "new Vector4(c)")});");
        text.Line($"{a} low = {op.Combine(t)("sums.X", "sums.Y")};");
        text.Line($"{a} high = {op.Combine(t)("sums.Z", "sums.W")};");
        text.Line($"acc = {op.Combine(t)("low", "high")};");
        text.Open("if (t < lanes && segment == 0)");
        text.Line($"{a} before = Accumulate{op.Name}{t.Name}(x, start, 1, head{Center(op, "c")});");
        text.Line($"acc = {op.Combine(t)("acc", "before")};");
        text.Close().Line();
        text.Open("if (t < lanes && segment == segments - 1)");
        text.Line("int done = head + (vectors * 4);");
        text.Line($"{a} after = Accumulate{op.Name}{t.Name}(x, start + done, 1, length - done{Center(op, "c")});");
        text.Line($"acc = {op.Combine(t)("acc", "after")};");
        text.Close();
        text.Close().Line();
        Store(text, op, t, subgroups);
    }

    /// <summary>
    /// Columns of a wide type (<c>innerStride = 1</c>), as the general kernel with <c>lanes = ColumnLanes</c>, each lane
    /// on four neighbouring outputs. <c>inner</c>, <c>outerStride</c>, <c>step</c> and <c>offset</c> are multiples of 4.
    /// </summary>
    private static void Columns4(SourceText text, ReduceOp op, ElementType t)
    {
        string a = t.CSharp;
        Summary(text, $"Reduces columns of {t.Dtype} elements to {Lower(op.Summary)}, four neighbouring columns at a time.");
        Kernel(text, $"{op.Name}{t.Name}Columns4(int id, int finish, int count, int segments, int inner, int outerStride, int step,\n"
            + "int offset, int length, int segmentLength, bool blocked,\n"
            + $"ReadOnlySpan<Vector4> x4, ReadOnlySpan<{a}> center, Span<{a}> output)");
        text.Line("Span<Vector4> values = Group.Shared<Vector4>(Threads);");
        text.Line("int t = Group.ThreadIndex.X;");
        text.Line($"Vector4 acc = new Vector4({op.Identity(t)});");
        text.Line("bool active = Locate(Group.Index.X, t, ColumnLanes, segments, inner / 4, length, segmentLength, blocked,");
        text.Line("    out int o, out int quad, out int first, out int stride, out int n);");
        text.Line("int column = (o * inner) + (quad * 4);");
        text.Open("if (active)");
        if (op.Centered)
        {
            text.Line("Vector4 c = new Vector4(center[column], center[column + 1], center[column + 2], center[column + 3]);");
        }

        text.Line($"acc = Accumulate{op.Name}{t.Name}x4(x4, ((offset + (o * outerStride) + (first * step)) / 4) + quad, stride * step / 4, n{Center(op, "c")});");
        text.Close().Line();
        text.Line("values[t] = acc;");
        text.Line("Group.Barrier();");
        text.Open("for (int half = Threads / ColumnLanes / 2; half > 0; half /= 2)");
        text.Open("if (t / ColumnLanes < half)");
        text.Line($"values[t] = Combine{op.Name}{t.Name}x4(values[t], values[t + (half * ColumnLanes)]);");
        text.Close().Line();
        text.Line("Group.Barrier();");
        text.Close().Line();
        text.Open("if (t < ColumnLanes && active)");
        text.Line("Vector4 v = values[t];");
        text.Line("int segment = Group.Index.X % segments;");
        string[] lanes = ["X", "Y", "Z", "W"];
        for (int lane = 0; lane < 4; lane++)
        {
            string at = lane == 0 ? "column" : $"column + {lane}";
            text.Line($"output[({(lane == 0 ? at : $"({at})")} * segments) + segment] = {Finished(t, $"v.{lanes[lane]}", at)};");
        }

        text.Close();
        text.Close();
    }

    private static void Store(SourceText text, ReduceOp op, ElementType t, bool subgroups)
    {
        if (subgroups)
        {
            SubgroupsAndStore(text, op, t);
        }
        else
        {
            TreeAndStore(text, op, t);
        }
    }

    private static string SubgroupsSuffix(bool subgroups) => subgroups ? "Subgroups" : string.Empty;

    private static string SubgroupsNote(bool subgroups) => subgroups ? ", combined through subgroups (a row reduction: lanes = 1)" : string.Empty;

    /// <summary>
    /// The end of a row reduction's kernel (<c>lanes = 1</c>: the whole group on one output) through subgroups: each
    /// subgroup combines its lanes' values in registers and its first lane stores the result, one barrier, then the
    /// first subgroup combines those <c>Threads / LaneCount</c> values (several per lane where the subgroup has fewer
    /// lanes than there are subgroups). Subgroup k is taken to hold threads <c>k * LaneCount</c> to
    /// <c>(k + 1) * LaneCount - 1</c>, as GPUs lay out a one-dimensional group.
    /// </summary>
    private static void SubgroupsAndStore(SourceText text, ReduceOp op, ElementType t)
    {
        ElementType acc = ReduceCatalog.Accumulator(t);
        text.Line($"{acc.CSharp} total = {WaveCombined(op, acc, "acc")};");
        text.Open("if (Wave.IsFirstLane)");
        text.Line("values[t / Wave.LaneCount] = total;");
        text.Close().Line();
        text.Line("Group.Barrier();");
        text.Open("if (t < Wave.LaneCount)");
        text.Line($"{acc.CSharp} mine = {op.Identity(acc)};");
        text.Open("for (int k = t; k < Threads / Wave.LaneCount; k += Wave.LaneCount)");
        text.Line($"{acc.CSharp} other = values[k];");
        text.Line($"mine = {op.Combine(acc)("mine", "other")};");
        text.Close().Line();
        text.Line($"{acc.CSharp} result = {WaveCombined(op, acc, "mine")};");
        text.Open("if (t == 0 && active)");
        text.Line($"output[Destination(o, i, inner, segments, Group.Index.X)] = {Finished(t, "result", "(o * inner) + i")};");
        text.Close();
        text.Close();
        text.Close();
    }

    /// <summary>The subgroup's lanes' <paramref name="value"/>s combined; NaN first where it wins (FMax/FMin leave it open).</summary>
    private static string WaveCombined(ReduceOp op, ElementType acc, string value)
    {
        string combined = $"Wave.{op.Subgroup}({value})";
        return op.NaNWins && acc.IsFloat ? $"Wave.AnyTrue({acc.CSharp}.IsNaN({value})) ? {acc.CSharp}.NaN : {combined}" : combined;
    }

    /// <summary>
    /// The end of a kernel with one output per lane: the group's tree (halves of the threads on each output combine
    /// until one value per output is left), then the output's value or partial result, and the kernel's closing brace.
    /// </summary>
    private static void TreeAndStore(SourceText text, ReduceOp op, ElementType t)
    {
        ElementType acc = ReduceCatalog.Accumulator(t);
        text.Line("values[t] = acc;");
        text.Line("Group.Barrier();");
        text.Open("for (int half = Threads / lanes / 2; half > 0; half /= 2)");
        text.Open("if (t / lanes < half)");
        text.Line($"{acc.CSharp} mine = values[t];");
        text.Line($"{acc.CSharp} other = values[t + (half * lanes)];");
        text.Line($"values[t] = {op.Combine(acc)("mine", "other")};");
        text.Close().Line();
        text.Line("Group.Barrier();");
        text.Close().Line();
        text.Open("if (t < lanes && active)");
        text.Line($"output[Destination(o, i, inner, segments, Group.Index.X)] = {Finished(t, "values[t]", "(o * inner) + i")};");
        text.Close();
        text.Close();
    }

    // Not inlined, on the CPU: inside the large generated body of a group kernel the JIT spilled the accumulator to the
    // stack on every iteration (3x slower); in a method of its own it stays in a register. The GPU inlines everything.
    private static void Accumulate(SourceText text, ReduceOp op, ElementType t)
    {
        ElementType acc = ReduceCatalog.Accumulator(t);
        string a = acc.CSharp;
        text.Gap().Line("[MethodImpl(MethodImplOptions.NoInlining)] // the JIT keeps the accumulator in a register (see ReduceKernels.cs)");
        text.Open($"private static {a} Accumulate{op.Name}{t.Name}(ReadOnlySpan<{t.CSharp}> x, int at, int advance, int n{Center(op, $"{a} c")})");
        text.Line($"{a} acc = {op.Identity(acc)};");
        text.Line("int position = at;");
        text.Open("for (int k = 0; k < n; k++)");
        text.Line($"{a} v = {ReduceCatalog.Widened(t, "x[position]")};");
        text.Line($"acc = {op.Combine(acc)("acc", ElementOf(op, acc, "v", "c"))};");
        text.Line("position += advance;");
        text.Close().Line();
        text.Line("return acc;");
        text.Close();
    }

    /// <summary>Vectors with two accumulators: two loads in flight per iteration, and half as long a chain of dependent steps.</summary>
    private static void AccumulateVectors(SourceText text, ReduceOp op, ElementType t)
    {
        text.Gap().Line("[MethodImpl(MethodImplOptions.NoInlining)] // see ReduceKernels.cs");
        text.Open($"private static Vector4 Accumulate{op.Name}{t.Name}x4(ReadOnlySpan<Vector4> x4, int at, int advance, int n{Center(op, "Vector4 c")})");
        text.Line($"Vector4 a = new Vector4({op.Identity(t)});");
        text.Line("Vector4 b = a;");
        text.Line("int position = at;");
        text.Line("int pairs = n / 2;");
        text.Open("for (int k = 0; k < pairs; k++)");
        text.Line("Vector4 v = x4[position];");
        text.Line("Vector4 w = x4[position + advance];");
        text.Line($"a = {CombinedVectors(op, t, "a", VectorElement(op, t, "v"))};");
        text.Line($"b = {CombinedVectors(op, t, "b", VectorElement(op, t, "w"))};");
        text.Line("position += 2 * advance;");
        text.Close().Line();
        text.Open("if (n % 2 == 1)");
        text.Line("Vector4 last = x4[position];");
        text.Line($"a = {CombinedVectors(op, t, "a", VectorElement(op, t, "last"))};");
        text.Close().Line();
        text.Line($"return {CombinedVectors(op, t, "a", "b")};");
        text.Close();
    }

    private static void CombineVectors(SourceText text, ReduceOp op, ElementType t)
    {
        string body = op.CombinesVectors ? op.Combine(t)("a", "b") : Lanewise(lane => op.Combine(t)($"a.{lane}", $"b.{lane}"));
        text.Gap().Line($"private static Vector4 Combine{op.Name}{t.Name}x4(Vector4 a, Vector4 b) => {body};");
    }

    // Written out where the op combines vectors as written, so that the CPU's loop holds no call.
    private static string CombinedVectors(ReduceOp op, ElementType t, string left, string right)
        => op.CombinesVectors ? op.Combine(t)(left, right) : $"Combine{op.Name}{t.Name}x4({left}, {right})";

    private static string VectorElement(ReduceOp op, ElementType t, string v) => op.Element is null ? v
        : op.ElementOfVectors ? op.Element(t)(v, "c")
        : Lanewise(lane => op.Element(t)($"{v}.{lane}", $"c.{lane}"));

    private static string Lanewise(System.Func<string, string> lane) => $"new Vector4({lane("X")}, {lane("Y")}, {lane("Z")}, {lane("W")})";

    private static string ElementOf(ReduceOp op, ElementType acc, string v, string c) => op.Element is null ? v : op.Element(acc)(v, c);

    /// <summary>
    /// The first (<c>minimum</c>: smallest, else largest) element of each run and its index along the run, or, when
    /// <c>indexed</c>, the index read from <c>xIndices</c> (a second pass over partial results).
    /// </summary>
    private static string ArgReduce()
    {
        SourceText text = Begin(vectors: false, "The index of each run's first smallest or largest element, by element type.");
        foreach (ElementType t in ReduceCatalog.Sum.Types)
        {
            ElementType acc = ReduceCatalog.Accumulator(t);
            string a = acc.CSharp;
            Summary(text, $"The first smallest or largest {t.Dtype} element of each run and its index (a second pass: the index read from xIndices).");
            Kernel(text, $"ArgReduce{t.Name}(int id, bool minimum, int lanes, int segments, int inner, int outerStride, int innerStride,\n"
                + "int step, int offset, int length, int segmentLength, bool blocked, bool indexed,\n"
                + $"ReadOnlySpan<{t.CSharp}> x, ReadOnlySpan<int> xIndices, Span<{a}> values, Span<int> indices)");
            text.Line($"Span<{a}> bestValues = Group.Shared<{a}>(Threads);");
            text.Line("Span<int> bestIndices = Group.Shared<int>(Threads);");
            text.Line("int t = Group.ThreadIndex.X;");
            text.Line($"{a} best = minimum ? {ReduceCatalog.Highest(acc)} : {ReduceCatalog.Lowest(acc)};");
            text.Line("int bestIndex = int.MaxValue;");
            text.Line("bool active = Locate(Group.Index.X, t, lanes, segments, inner, length, segmentLength, blocked,");
            text.Line("    out int o, out int i, out int first, out int stride, out int n);");
            text.Open("if (active)");
            text.Line("int at = offset + (o * outerStride) + (i * innerStride) + (first * step);");
            text.Open("for (int k = 0; k < n; k++)");
            text.Line($"{a} v = {ReduceCatalog.Widened(t, "x[at]")};");
            text.Line("int index = indexed ? xIndices[at] : first + (k * stride);");
            text.Open($"if (Better{acc.Name}(minimum, v, index, best, bestIndex))");
            text.Line("best = v;");
            text.Line("bestIndex = index;");
            text.Close().Line();
            text.Line("at += stride * step;");
            text.Close();
            text.Close().Line();
            text.Line("bestValues[t] = best;");
            text.Line("bestIndices[t] = bestIndex;");
            text.Line("Group.Barrier();");
            text.Open("for (int half = Threads / lanes / 2; half > 0; half /= 2)");
            text.Line("int other = t + (half * lanes);");
            text.Open($"if (t / lanes < half && Better{acc.Name}(minimum, bestValues[other], bestIndices[other], bestValues[t], bestIndices[t]))");
            text.Line("bestValues[t] = bestValues[other];");
            text.Line("bestIndices[t] = bestIndices[other];");
            text.Close().Line();
            text.Line("Group.Barrier();");
            text.Close().Line();
            text.Open("if (t < lanes && active)");
            text.Line("int destination = Destination(o, i, inner, segments, Group.Index.X);");
            text.Line("values[destination] = bestValues[t];");
            text.Line("indices[destination] = bestIndices[t];");
            text.Close();
            text.Close();
        }

        foreach (ElementType acc in ReduceCatalog.Sum.Types.Select(ReduceCatalog.Accumulator).Distinct())
        {
            string a = acc.CSharp;
            text.Gap().Line(acc.IsFloat
                ? "// The first NaN beats everything; among equal values the smaller index wins, as NumPy's argmax and argmin."
                : "// Among equal values the smaller index wins, as NumPy's argmax and argmin.");
            text.Open($"private static bool Better{acc.Name}(bool minimum, {a} v, int index, {a} best, int bestIndex)");
            if (acc.IsFloat)
            {
                text.Open($"if ({a}.IsNaN(best))").Line($"return {a}.IsNaN(v) && index < bestIndex;").Close().Line();
                text.Open($"if ({a}.IsNaN(v))").Line("return true;").Close().Line();
            }

            text.Open("if (v == best)").Line("return index < bestIndex;").Close().Line();
            text.Line("return minimum ? v < best : v > best;");
            text.Close();
        }

        return text.Close().ToString();
    }

    /// <summary>How each floating-point accumulator type finishes a result (see the Finish constants of ReduceKernels.cs).</summary>
    private static string Finish()
    {
        SourceText text = Begin(vectors: false, "The last step of a floating-point reduction's result, by accumulator type.");
        foreach (ElementType acc in FloatAccumulators)
        {
            string a = acc.CSharp;
            text.Gap().Line($"/// <summary>The {acc.Dtype} result of run <paramref name=\"at\"/>: as accumulated, divided by its count, or its log plus its center.</summary>");
            text.Open($"private static {a} Finish{acc.Name}(int finish, {a} value, int count, ReadOnlySpan<{a}> center, int at)");
            text.Open("if (finish == FinishDivide)").Line("return value / count;").Close().Line();
            text.Open("if (finish == FinishLogAddCenter)");
            text.Line($"{a} c = center[at];");
            text.Line($"return {a}.IsInfinity(c) ? c : {ReduceCatalog.MathClass(acc)}.Log(value) + c;");
            text.Close().Line();
            text.Line("return value;");
            text.Close();
        }

        return text.Close().ToString();
    }

    /// <summary>
    /// <c>CumSum</c>'s kernels by element type (partial class <c>ScanKernels</c>, whose hand-written part says how a run
    /// is cut into blocks): each block's total, then each block's running results from the totals before it.
    /// </summary>
    private static string Scans()
    {
        var text = new SourceText(nameof(ReduceCatalog), ["System"]);
        text.Line("namespace Tandem.Ops.Kernels;").Line();
        text.Line($"// Running ReduceOp.{ReduceCatalog.Scanned.Name} by element type, accumulated as the reductions are. See ScanKernels.cs for the blocks.");
        text.Open("internal static partial class ScanKernels");
        ReduceOp op = ReduceCatalog.Scanned;
        foreach (ElementType t in ReduceCatalog.ScanTypes)
        {
            ElementType acc = ReduceCatalog.Accumulator(t);
            string a = acc.CSharp, v = ReduceCatalog.Widened(t, "x[at + (k * inner)]");
            Summary(text, $"The {Lower(op.Summary)} of each block of {t.Dtype} elements.");
            text.Line("[Kernel]").Open($"public static void BlockSums{t.Name}(int j, int length, int inner, int block, ReadOnlySpan<{t.CSharp}> x, Span<{a}> sums)");
            text.Line("Block(j, length, inner, block, out int at, out int count);");
            text.Line($"{a} sum = {op.Identity(acc)};");
            text.Open("for (int k = 0; k < count; k++)");
            text.Line($"{a} v = {v};");
            text.Line($"sum = {op.Combine(acc)("sum", "v")};");
            text.Close().Line();
            text.Line("sums[j] = sum;");
            text.Close();

            Summary(text, $"The running {Lower(op.Summary)} through each block of {t.Dtype} elements, from the blocks' before it (scanned).");
            text.Line("[Kernel]").Open($"public static void Scan{t.Name}(int j, int length, int inner, int block, ReadOnlySpan<{t.CSharp}> x, ReadOnlySpan<{a}> scanned,\n"
                + $"Span<{t.CSharp}> result)");
            text.Line("Block(j, length, inner, block, out int at, out int count);");
            text.Line($"{a} sum = (j / inner) % ((length + block - 1) / block) > 0 ? scanned[j - inner] : {op.Identity(acc)};");
            text.Open("for (int k = 0; k < count; k++)");
            text.Line($"{a} v = {v};");
            text.Line($"sum = {op.Combine(acc)("sum", "v")};");
            text.Line($"result[at + (k * inner)] = {ReduceCatalog.Narrowed(t, "sum")};");
            text.Close();
            text.Close();
        }

        return text.Close().ToString();
    }

    /// <summary><c>Softmax</c>'s last step by element type: each element's exp(x - max) over its run's sum of them.</summary>
    private static string Softmax()
    {
        var text = new SourceText(nameof(ReduceCatalog), ["System"]);
        text.Line("namespace Tandem.Ops.Kernels;").Line();
        text.Line("/// <summary>");
        text.Line("/// The last step of a softmax along one axis: each element's <c>exp(x - max) / sum</c>, with its run's maximum and sum");
        text.Line("/// of exponentials (ReduceOp.Max and ReduceOp.ExpDeviation over the axis, one value per run, runs in row-major");
        text.Line("/// order). <c>length</c> is the axis' size and <c>inner</c> the number of elements after it, so element <c>index</c>");
        text.Line("/// of the row-major input belongs to run <c>index / (length * inner) * inner + index % inner</c>. float16 computes in");
        text.Line("/// float32 and rounds once; float64 exp is 32-bit on the GPU (Vulkan has no 64-bit one).");
        text.Line("/// </summary>");
        text.Open("internal static partial class SoftmaxKernels");
        ReduceOp op = ReduceCatalog.ExpDeviation;
        foreach (ElementType t in op.Types)
        {
            ElementType acc = ReduceCatalog.Accumulator(t);
            string a = acc.CSharp;
            Summary(text, $"Softmax of {t.Dtype} elements.");
            text.Line("[Kernel]").Open($"public static void {t.Name}(int index, int length, int inner, ReadOnlySpan<{t.CSharp}> x, ReadOnlySpan<{a}> max,\n"
                + $"ReadOnlySpan<{a}> sum, Span<{t.CSharp}> result)");
            text.Line("int run = (index / (length * inner) * inner) + (index % inner);");
            text.Line($"{a} v = {ReduceCatalog.Widened(t, "x[index]")};");
            text.Line($"result[index] = {ReduceCatalog.Narrowed(t, $"{op.Element!(acc)("v", "max[run]")} / sum[run]")};");
            text.Close();
        }

        return text.Close().ToString();
    }

    /// <summary>The stored value of an output: finished when this is the last pass (floating-point accumulators only).</summary>
    private static string Finished(ElementType t, string value, string run)
    {
        ElementType acc = ReduceCatalog.Accumulator(t);
        return acc.IsFloat ? $"segments == 1 ? Finish{acc.Name}(finish, {value}, count, center, {run}) : {value}" : value;
    }

    private static string Center(ReduceOp op, string argument) => op.Centered ? ", " + argument : string.Empty;

    private static string Lower(string summary) => char.ToLowerInvariant(summary[0]) + summary[1..];

    private static void Summary(SourceText text, string summary) => text.Gap().Line($"/// <summary>{SourceText.Xml(summary)}</summary>");

    private static void Kernel(SourceText text, string signature) => text.Line("[Kernel(Threads)]").Open($"public static void {signature}");
}

using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Tandem.Generator.Analysis;
using Tandem.Generator.Model;

namespace Tandem.Generator.Emitting;

/// <summary>
/// Prints the SIMD loop of a kernel from its <see cref="VectorPlan"/>: lanes are consecutive thread indices
/// (1D) or consecutive X in one row (2D, 3D), once per vector width (512, 256 and 128 bits): each width the machine
/// accelerates runs in turn from where the wider one stopped, so the widest takes the bulk and the narrower ones
/// the rest but a few lanes. .NET reports 512-bit vectors accelerated only where they do not slow the processor down
/// (not on the first AVX-512 Xeons, nor under <c>DOTNET_PreferredVectorBitWidth=256</c>).
/// <para>
/// The loads and stores are unchecked, so before the loop the writer computes, for each access <c>b[lane + base]</c>,
/// the lanes whose element is inside <c>b</c>, and intersects them: <c>[__lo, __hi)</c>. Only whole vectors inside
/// that range run as SIMD; the threads before it and after it run the user's method (bounds-checked, with its own
/// exceptions), in thread order. So a guarded neighbour read like <c>i &gt; 0 ? x[i - 1] : 0</c>, which the SIMD loop
/// evaluates for every lane, only ever runs for lanes where <c>x[i - 1]</c> exists.
/// </para>
/// </summary>
internal sealed partial class SimdWriter
{
    private static readonly int[] Widths = { 512, 256, 128 };

    private readonly KernelSpec _kernel;
    private readonly SourceWriter _w;
    private readonly VectorPlan _plan;
    private readonly Dictionary<ElementExpr, LaneIndex> _lanes;
    private readonly CSharpBodyWriter _scalar;
    private readonly string _scalarCall;
    private readonly Dictionary<LaneIndex, string> _bases = new();

    /// <summary>The strided reads that a group load of the current vector holds (see <c>WriteGroups</c>): the vector's name.</summary>
    private readonly Dictionary<LaneAccess, string> _groups = new();
    /// <summary>The width in bits of the vectors the loop being written uses (one of <see cref="Widths"/>).</summary>
    private int _width = 256;

    /// <param name="kernel">The kernel.</param>
    /// <param name="plan">Its SIMD plan.</param>
    /// <param name="writer">Where to print.</param>
    /// <param name="scalarCall">The call of the user's method for the current thread index, for the threads before the SIMD range.</param>
    public SimdWriter(KernelSpec kernel, VectorPlan plan, SourceWriter writer, string scalarCall)
    {
        _kernel = kernel;
        _plan = plan;
        _lanes = plan.Elements.ToDictionary(e => e.Element, e => e.Index);
        _w = writer;
        _scalarCall = scalarCall;
        _scalar = new CSharpBodyWriter(kernel, (name, _) => CSharpText.Identifier(name), UniformIndex,
            _ => throw new System.InvalidOperationException("A vectorized kernel uses no groups."));
        foreach (var index in _plan.Bases)
        {
            _bases.Add(index, "__base" + _bases.Count.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The thread index along X: the lane variable of the loop.</summary>
    private string Lane => _kernel.Lowered.Rank == 1 ? "__i" : "__x";

    private string LaneType => _plan.LaneSize == 8 ? "double" : "float";

    /// <summary>The 1D SIMD loop, after <c>var __i = __begin;</c>: it advances <c>__i</c> past the threads it ran.</summary>
    public void WriteRange()
    {
        var buffers = AccessedBuffers();
        if (_plan.OnlyThreadIndex)
        {
            // Plain x[i] everywhere: the loop needs every buffer to hold the whole range, nothing else.
            var proof = string.Concat(buffers.Select(b => $" && __end <= {CpuEmitter.SpanName(b)}.Length"));
            _w.Open($"if (global::Tandem.CompilerServices.CpuVectorization.Enabled && __begin >= 0{proof})");
            WriteReferences(buffers);
            WriteWidths(head: false, "__end");
            _w.Close();
            return;
        }

        _w.Open($"if ({EnabledCondition()})");
        WriteBounds("__begin", "__end");
        WriteReferences(buffers);
        WriteWidths(head: true, "__hi");
        _w.Close();
    }

    /// <summary>For 2D and 3D kernels, before the loop over rows: whether SIMD runs, and the buffers' references.</summary>
    public void WriteSetup()
    {
        _w.Line($"var __simd = {EnabledCondition()};");
        WriteReferences(AccessedBuffers());
    }

    /// <summary>For 2D and 3D kernels, in a row after <c>var __x = 0;</c>: it advances <c>__x</c> past the threads it ran.</summary>
    public void WriteRow()
    {
        _w.Open("if (__simd)");
        WriteBounds("0", "__extent.X");
        WriteWidths(head: true, "__hi");
        _w.Close();
    }

    private static string RefName(string buffer) => "__ref_" + buffer;

    /// <summary>The lane index the plan gives an element access of the body.</summary>
    private LaneIndex IndexOf(ElementExpr element) =>
        _lanes.TryGetValue(element, out var index) ? index : throw new System.InvalidOperationException("The SIMD plan has no lane index for an access of " + element.Buffer);

    /// <summary>The buffers the body indexes, in parameter order.</summary>
    private List<string> AccessedBuffers() =>
        _kernel.Plan.Buffers.Select(b => b.Name).Where(name => _plan.Accesses.Any(a => a.Buffer == name)).ToList();

    /// <summary>The static class of the current width's vector operations, <c>Vector512</c>, <c>Vector256</c> or <c>Vector128</c>.</summary>
    private string VectorClass => "global::System.Runtime.Intrinsics.Vector" + _width.ToString(CultureInfo.InvariantCulture);

    private string VectorType(ScalarType type) => $"{VectorClass}<{LaneElement(type)}>";

    /// <summary>The element type of the vector that holds a per-lane value; a bool is a mask as wide as a lane.</summary>
    private string LaneElement(ScalarType type) => type == ScalarType.Bool ? MaskElement : type.CSharpName();

    private string MaskElement => _plan.LaneSize == 8 ? "long" : "int";

    /// <summary>A uniform component of the thread index: the row's Y (and Z in 3D).</summary>
    private string UniformIndex(int component) => (_kernel.Lowered.Rank, component) switch
    {
        (1, _) => "__i",
        (_, 0) => "__x",
        (2, _) => "__row",
        (_, 1) => "__y",
        _ => "__z",
    };

    private string EnabledCondition()
    {
        var condition = "global::Tandem.CompilerServices.CpuVectorization.Enabled";
        foreach (var (written, other) in _plan.AliasChecks)
        {
            condition += $" && !global::System.MemoryExtensions.Overlaps({AsBytes(written)}, {AsBytes(other)})";
        }

        return condition;

        static string AsBytes(string buffer) => $"global::System.Runtime.InteropServices.MemoryMarshal.AsBytes({CpuEmitter.SpanName(buffer)})";
    }

    private void WriteReferences(IEnumerable<string> buffers)
    {
        foreach (var buffer in buffers)
        {
            _w.Line($"ref var {RefName(buffer)} = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference({CpuEmitter.SpanName(buffer)});");
        }
    }

    /// <summary>
    /// Computes <c>[__lo, __hi)</c>: the lanes, within <paramref name="begin"/>..<paramref name="end"/>, for which every
    /// access is in range. Bases are longs, so no sum here wraps; where the true sum is in range, the scalar code's
    /// int arithmetic (which wraps) gives the same element.
    /// </summary>
    private void WriteBounds(string begin, string end)
    {
        _w.Line($"long __lo = {begin}, __hi = {end};");
        foreach (var pair in _bases)
        {
            _w.Line($"long {pair.Value} = {BaseText(pair.Key)};");
        }

        var lines = new List<string>();
        foreach (var access in _plan.Accesses)
        {
            var length = CpuEmitter.SpanName(access.Buffer) + ".Length";
            if (access.Index.IsThreadIndex)
            {
                lines.Add("__lo = global::System.Math.Max(__lo, 0L);");
                lines.Add($"__hi = global::System.Math.Min(__hi, {length});");
            }
            else if (access.Index.LaneCoefficient == 1)
            {
                var baseName = _bases[access.Index];
                lines.Add($"__lo = global::System.Math.Max(__lo, -{baseName});");
                lines.Add($"__hi = global::System.Math.Min(__hi, {length} - {baseName});");
            }
            else if (access.Index.LaneCoefficient > 1)
            {
                // Lane l reads b[base + s * l]; the strided load reads its whole group b[base + s * l .. + s - 1].
                var baseName = _bases[access.Index];
                var stride = access.Index.LaneCoefficient.ToString(CultureInfo.InvariantCulture) + "L";
                lines.Add($"__lo = global::System.Math.Max(__lo, {baseName} >= 0 ? 0L : (-{baseName} + {stride} - 1L) / {stride});");
                lines.Add($"__hi = global::System.Math.Min(__hi, {length} - {baseName} < {stride} ? 0L : (({length} - {baseName} - {stride}) / {stride}) + 1L);");
            }
            else
            {
                // Every lane reads the same element: if it is out of range, no vector runs (the scalar code decides).
                var baseName = _bases[access.Index];
                lines.Add($"if ({baseName} < 0 || {baseName} >= {length}) {{ __hi = 0; }}");
            }
        }

        foreach (var line in lines.Distinct())
        {
            _w.Line(line);
        }

        // The threads before the SIMD range run first, one by one; they must not run past the end.
        _w.Line($"__lo = global::System.Math.Min(__lo, {end});");
    }

    private string BaseText(LaneIndex index)
    {
        var text = string.Empty;
        foreach (var term in index.Terms)
        {
            var value = $"(long)({_scalar.Write(term.Value)})";
            text += text.Length == 0 ? (term.Negated ? "-" : string.Empty) + value : (term.Negated ? " - " : " + ") + value;
        }

        if (index.Constant != 0 || text.Length == 0)
        {
            var constant = System.Math.Abs(index.Constant).ToString(CultureInfo.InvariantCulture) + "L";
            text += text.Length == 0 ? (index.Constant < 0 ? "-" : string.Empty) + constant : (index.Constant < 0 ? " - " : " + ") + constant;
        }

        return text;
    }

    private void WriteWidths(bool head, string limit)
    {
        if (head)
        {
            _w.Open($"for (; {Lane} < __lo; {Lane}++)");
            _w.Line(_scalarCall + ";");
            _w.Close();
        }

        foreach (var width in Widths)
        {
            _width = width;
            _w.Open($"if ({VectorClass}.IsHardwareAccelerated)");
            var count = $"{VectorClass}<{LaneType}>.Count";
            _w.Open($"for (; {Lane} <= {limit} - {count}; {Lane} += {count})");
            WriteBody();
            _w.Close();
            _w.Close();
        }
    }
}

using System.Linq;
using Tandem.Abi;
using Tandem.Generator.Analysis;
using Tandem.Generator.Model;

namespace Tandem.Generator.Emitting;

/// <summary>
/// The wide entry point's body (<see cref="GpuWidening"/>): each thread loads its four consecutive elements of each
/// buffer as one vector, runs the kernel's statements once per lane on those vectors, and stores the written vectors
/// back. The last thread, whose four elements pass the extent, moves its elements one by one instead.
/// </summary>
internal sealed partial class HlslBodyWriter
{
    private const string Lane = "tandem_k";

    /// <summary>The name of a buffer's view as vectors of four elements (bound to the same buffer).</summary>
    public static string WideView(string buffer) => HlslNames.Prefix + "wide_" + HlslNames.Of(buffer);

    /// <summary>The local vector holding this thread's four elements of a buffer.</summary>
    private static string Lanes(string buffer) => HlslNames.Prefix + "lanes_" + HlslNames.Of(buffer);

    public void WriteWideEntryBody(GpuWidening widening)
    {
        var width = KernelAbi.WideElementsPerThread.ToString(System.Globalization.CultureInfo.InvariantCulture) + "u";
        _w.Open();
        _w.Line($"uint tandem_linear = tandem_thread.x + tandem_thread.y * (uint){U(KernelAbi.DispatchWidthField)};");
        _w.Line($"uint tandem_first = tandem_linear * {width};");
        _w.Line($"if (tandem_first >= (uint){U(KernelAbi.ExtentXField)}) return;");
        _w.Line($"uint tandem_count = min({width}, (uint){U(KernelAbi.ExtentXField)} - tandem_first);");
        WriteUniformLocals();
        var buffers = _kernel.Plan.Buffers.Where(b => widening.Moves(b.Name)).ToList();
        foreach (var buffer in buffers)
        {
            _w.Line($"{buffer.ElementType.HlslName()}4 {Lanes(buffer.Name)} = ({buffer.ElementType.HlslName()}4)0;");
        }

        MoveLanes(widening.LoadedBuffers, width, load: true);

        _w.Line("[unroll]");
        _w.Line($"for (uint {Lane} = 0u; {Lane} < {width}; {Lane}++)");
        _w.Open();
        _w.Line($"if ({Lane} >= tandem_count) break;");
        _w.Line($"int {HlslNames.Of(_kernel.Lowered.ThreadIndexName)} = (int)(tandem_first + {Lane});");
        foreach (var statement in _kernel.Lowered.Body.Statements)
        {
            WriteStatement(statement);
        }

        _w.Close();
        MoveLanes(widening.StoredBuffers, width, load: false);
        _w.Close();
    }

    /// <summary>Loads or stores the lanes of <paramref name="names"/>: one vector access, or one by one at the end.</summary>
    private void MoveLanes(EquatableArray<string> names, string width, bool load)
    {
        if (names.Count == 0)
        {
            return;
        }

        _w.Line($"if (tandem_count == {width})");
        _w.Open();
        foreach (var name in names)
        {
            _w.Line(load ? $"{Lanes(name)} = {WideView(name)}[tandem_linear];" : $"{WideView(name)}[tandem_linear] = {Lanes(name)};");
        }

        _w.Close();
        _w.Line("else");
        _w.Open();
        _w.Line($"for (uint {Lane} = 0u; {Lane} < tandem_count; {Lane}++)");
        _w.Open();
        foreach (var name in names)
        {
            var element = $"{HlslNames.Of(name)}[tandem_first + {Lane}]";
            _w.Line(load ? $"{Lanes(name)}[{Lane}] = {element};" : $"{element} = {Lanes(name)}[{Lane}];");
        }

        _w.Close();
        _w.Close();
    }
}

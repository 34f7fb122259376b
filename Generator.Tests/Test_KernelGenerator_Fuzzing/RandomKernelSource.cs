using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Tandem.Generator.Tests.Fuzzing;

/// <summary>
/// Random kernels written only in the documented kernel language (README "Kernel language"): valid C# by construction
/// (rare constant-folding errors aside), so the generator must translate each one, and its HLSL must compile.
/// </summary>
internal sealed class RandomKernelSource(Random random)
{
    private readonly List<string> _floats = ["f0"];
    private readonly List<string> _ints = ["j0", "i", "n"];
    private readonly List<string> _longs = ["l0", "m"];
    private readonly List<string> _halves = ["v0"];
    private readonly StringBuilder _body = new();
    private int _locals;

    public string Build()
    {
        _body.Append("        float f0 = x[i] * s;\n        int j0 = k[i];\n        long l0 = g[i] ^ m;\n        Half v0 = hx[i];\n");
        int statements = random.Next(1, 8);
        for (int s = 0; s < statements; s++)
        {
            Statement(2, "        ");
        }

        return "using System;\nusing Tandem;\n\npublic static partial class Fuzz\n{\n    [Kernel]\n"
            + "    public static void K(int i, int n, float s, long m, ReadOnlySpan<float> x, ReadOnlySpan<int> k, ReadOnlySpan<long> g,\n"
            + "        ReadOnlySpan<Half> hx, Span<float> y, Span<int> z, Span<long> w, Span<Half> h)\n    {\n"
            + _body
            + "        y[i] = " + Float(3) + ";\n        z[i] = " + Int(3) + ";\n        w[i] = " + Long(3) + ";\n        h[i] = " + Half(3) + ";\n    }\n}\n";
    }

    private void Statement(int depth, string indent)
    {
        // 0-5 are single statements; 6-8 nest or leave, so only where depth remains.
        switch (random.Next(depth > 0 ? 9 : 6))
        {
            case 0:
                string f = "f" + (++_locals).ToString(CultureInfo.InvariantCulture);
                _body.Append(CultureInfo.InvariantCulture, $"{indent}float {f} = {Float(3)};\n");
                _floats.Add(f);
                break;
            case 1:
                string j = "j" + (++_locals).ToString(CultureInfo.InvariantCulture);
                _body.Append(CultureInfo.InvariantCulture, $"{indent}int {j} = {Int(3)};\n");
                _ints.Add(j);
                break;
            case 2:
                _body.Append(CultureInfo.InvariantCulture, $"{indent}{Pick(_floats)} {Pick(["=", "+=", "-=", "*="])} {Float(3)};\n");
                break;
            case 3:
                string target = Pick(_ints);
                if (target is "i" or "n")
                {
                    target = "j0";
                }

                _body.Append(CultureInfo.InvariantCulture, $"{indent}{target} {Pick(["=", "+=", "^=", "|=", "<<="])} {Int(3)};\n");
                break;
            case 4 when random.Next(2) == 0:
                string l = "l" + (++_locals).ToString(CultureInfo.InvariantCulture);
                _body.Append(CultureInfo.InvariantCulture, $"{indent}long {l} = {Long(3)};\n");
                _longs.Add(l);
                break;
            case 4:
                string operation = Pick(["=", "+=", "-=", "*=", "^=", "<<=", ">>=", ">>>="]);
                _body.Append(CultureInfo.InvariantCulture, $"{indent}{Pick(_longs)} {operation} {(operation.Contains('<') || operation.Contains('>') ? Int(2) : Long(3))};\n");
                break;
            case 5 when random.Next(2) == 0:
                string v = "v" + (++_locals).ToString(CultureInfo.InvariantCulture);
                _body.Append(CultureInfo.InvariantCulture, $"{indent}Half {v} = {Half(3)};\n");
                _halves.Add(v);
                break;
            case 5:
                string step = random.Next(4) == 0 ? Pick(["++", "--"]) : $" {Pick(["=", "+=", "-=", "*="])} {Half(3)}";
                _body.Append(CultureInfo.InvariantCulture, $"{indent}{Pick(_halves)}{step};\n");
                break;
            case 6:
                _body.Append(CultureInfo.InvariantCulture, $"{indent}if ({Bool(2)})\n{indent}{{\n");
                Nested(depth, indent);
                _body.Append(CultureInfo.InvariantCulture, $"{indent}}}\n{indent}else\n{indent}{{\n");
                Nested(depth, indent);
                _body.Append(CultureInfo.InvariantCulture, $"{indent}}}\n");
                break;
            case 7:
                string q = "q" + (++_locals).ToString(CultureInfo.InvariantCulture);
                _body.Append(CultureInfo.InvariantCulture, $"{indent}for (int {q} = 0; {q} < {random.Next(1, 5)}; {q}++)\n{indent}{{\n");
                _ints.Add(q);
                Nested(depth, indent);
                if (random.Next(3) == 0)
                {
                    _body.Append(CultureInfo.InvariantCulture, $"{indent}    if ({Bool(1)}) {Pick(["break", "continue"])};\n");
                }

                _ints.Remove(q);
                _body.Append(CultureInfo.InvariantCulture, $"{indent}}}\n");
                break;
            default:
                _body.Append(CultureInfo.InvariantCulture, $"{indent}if ({Bool(2)}) return;\n");
                break;
        }
    }

    /// <summary>Locals declared inside a block go out of scope at its end.</summary>
    private void Nested(int depth, string indent)
    {
        int floats = _floats.Count;
        int ints = _ints.Count;
        int longs = _longs.Count;
        int halves = _halves.Count;
        Statement(depth - 1, indent + "    ");
        _floats.RemoveRange(floats, _floats.Count - floats);
        _ints.RemoveRange(ints, _ints.Count - ints);
        _longs.RemoveRange(longs, _longs.Count - longs);
        _halves.RemoveRange(halves, _halves.Count - halves);
    }

    private string Float(int depth) => random.Next(depth <= 0 ? 4 : 12) switch
    {
        10 => $"(float){Long(depth - 1)}",
        11 => $"(float){Half(depth - 1)}",
        0 => Pick(_floats),
        1 => (random.Next(1, 90) / 8f).ToString("0.0##", CultureInfo.InvariantCulture) + "f",
        2 => "x[i]",
        3 => "s",
        4 => $"({Float(depth - 1)} {Pick(["+", "-", "*", "/"])} {Float(depth - 1)})",
        5 => $"MathF.{Pick(["Exp", "Sqrt", "Abs", "Floor", "Ceiling", "Round", "Tanh", "Sin", "Log"])}({Float(depth - 1)})",
        6 => $"MathF.{Pick(["Min", "Max", "Pow"])}({Float(depth - 1)}, {Float(depth - 1)})",
        7 => $"({Bool(depth - 1)} ? {Float(depth - 1)} : {Float(depth - 1)})",
        8 => $"(float){Int(depth - 1)}",
        _ => $"x[(({Int(depth - 1)}) & 0x7FFFFFFF) % x.Length]",
    };

    private string Int(int depth) => random.Next(depth <= 0 ? 4 : 11) switch
    {
        10 => $"(int){Long(depth - 1)}",
        0 => Pick(_ints),
        1 => random.Next(1, 10).ToString(CultureInfo.InvariantCulture),
        2 => "k[i]",
        3 => "x.Length",
        4 => $"({Int(depth - 1)} {Pick(["+", "-", "*", "&", "|", "^"])} {Int(depth - 1)})",
        5 => $"({Int(depth - 1)} {Pick(["/", "%", "<<", ">>"])} {random.Next(1, 10)})",
        6 => $"Math.{Pick(["Min", "Max"])}({Int(depth - 1)}, {Int(depth - 1)})",
        7 => $"({Bool(depth - 1)} ? {Int(depth - 1)} : {Int(depth - 1)})",
        8 => $"(int){Float(depth - 1)}",
        _ => $"Math.Abs({Int(depth - 1)})",
    };

    private string Bool(int depth) => random.Next(depth <= 0 ? 2 : 7) switch
    {
        4 => $"({Long(depth - 1)} {Pick(["<", ">", "==", "!=", "<=", ">="])} {Long(depth - 1)})",
        5 => $"({Half(depth - 1)} {Pick(["<", ">", "==", ">="])} {Half(depth - 1)})",
        6 => $"Half.{Pick(["IsNaN", "IsInfinity", "IsFinite"])}({Half(depth - 1)})",
        0 => $"({Int(depth - 1)} {Pick(["<", ">", "==", "!=", "<=", ">="])} {Int(depth - 1)})",
        1 => $"({Float(depth - 1)} {Pick(["<", ">", ">="])} {Float(depth - 1)})",
        2 => $"({Bool(depth - 1)} {Pick(["&&", "||"])} {Bool(depth - 1)})",
        _ => $"!{Bool(depth - 1)}",
    };

    private string Long(int depth) => random.Next(depth <= 0 ? 4 : 12) switch
    {
        0 => Pick(_longs),
        // Never a constant alone: C# refuses constant expressions that overflow, which random ones would.
        1 => $"({Pick(["5000000000L", "(-3L)", "0x7FFF_FFFF_FFFFL", "long.MaxValue", "long.MinValue", "1L"])} + {Pick(_longs)})",
        2 => "g[i]",
        3 => $"(long){Int(depth - 1)}",
        4 => $"({Long(depth - 1)} {Pick(["+", "-", "*", "&", "|", "^"])} {Long(depth - 1)})",
        5 => $"({Long(depth - 1)} {Pick(["/", "%"])} {random.Next(1, 10)}L)",
        6 => $"({Long(depth - 1)} {Pick(["<<", ">>", ">>>"])} {Int(depth - 1)})",
        7 => $"Math.{Pick(["Min", "Max"])}({Long(depth - 1)}, {Long(depth - 1)})",
        8 => $"({Bool(depth - 1)} ? {Long(depth - 1)} : {Long(depth - 1)})",
        9 => $"(long){Float(depth - 1)}",
        10 => $"(long)((ulong){Long(depth - 1)} {Pick(["/", "%"])} {random.Next(1, 10)}UL + ((ulong){Long(depth - 1)} >> {Int(depth - 1)}))",
        _ => $"(long){Half(depth - 1)}",
    };

    private string Half(int depth) => random.Next(depth <= 0 ? 4 : 11) switch
    {
        0 => Pick(_halves),
        1 => $"(Half){(random.Next(1, 90) / 8f).ToString("0.0##", CultureInfo.InvariantCulture)}f",
        2 => "hx[i]",
        3 => Pick(["Half.MaxValue", "Half.Epsilon", "Half.One", "Half.NaN", "default(Half)"]),
        4 => $"({Half(depth - 1)} {Pick(["+", "-", "*", "/", "%"])} {Half(depth - 1)})",
        5 => $"(-{Half(depth - 1)})",
        6 => $"({Bool(depth - 1)} ? {Half(depth - 1)} : {Half(depth - 1)})",
        7 => $"(Half){Float(depth - 1)}",
        8 => $"(Half){Long(depth - 1)}",
        9 => $"(Half)(double){Float(depth - 1)}",
        _ => $"(Half){Int(depth - 1)}",
    };

    private T Pick<T>(IReadOnlyList<T> pool) => pool[random.Next(pool.Count)];
}

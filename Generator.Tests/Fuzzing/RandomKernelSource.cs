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
    private readonly StringBuilder _body = new();
    private int _locals;

    public string Build()
    {
        _body.Append("        float f0 = x[i] * s;\n        int j0 = k[i];\n");
        int statements = random.Next(1, 8);
        for (int s = 0; s < statements; s++)
        {
            Statement(2, "        ");
        }

        return "using System;\nusing Tandem;\n\npublic static partial class Fuzz\n{\n    [Kernel]\n"
            + "    public static void K(int i, int n, float s, ReadOnlySpan<float> x, ReadOnlySpan<int> k, Span<float> y, Span<int> z)\n    {\n"
            + _body
            + "        y[i] = " + Float(3) + ";\n        z[i] = " + Int(3) + ";\n    }\n}\n";
    }

    private void Statement(int depth, string indent)
    {
        switch (random.Next(depth > 0 ? 7 : 4))
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
            case 4:
                _body.Append(CultureInfo.InvariantCulture, $"{indent}if ({Bool(2)})\n{indent}{{\n");
                Nested(depth, indent);
                _body.Append(CultureInfo.InvariantCulture, $"{indent}}}\n{indent}else\n{indent}{{\n");
                Nested(depth, indent);
                _body.Append(CultureInfo.InvariantCulture, $"{indent}}}\n");
                break;
            case 5:
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
        Statement(depth - 1, indent + "    ");
        _floats.RemoveRange(floats, _floats.Count - floats);
        _ints.RemoveRange(ints, _ints.Count - ints);
    }

    private string Float(int depth) => random.Next(depth <= 0 ? 4 : 10) switch
    {
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

    private string Int(int depth) => random.Next(depth <= 0 ? 4 : 10) switch
    {
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

    private string Bool(int depth) => random.Next(depth <= 0 ? 2 : 4) switch
    {
        0 => $"({Int(depth - 1)} {Pick(["<", ">", "==", "!=", "<=", ">="])} {Int(depth - 1)})",
        1 => $"({Float(depth - 1)} {Pick(["<", ">", ">="])} {Float(depth - 1)})",
        2 => $"({Bool(depth - 1)} {Pick(["&&", "||"])} {Bool(depth - 1)})",
        _ => $"!{Bool(depth - 1)}",
    };

    private T Pick<T>(IReadOnlyList<T> pool) => pool[random.Next(pool.Count)];
}

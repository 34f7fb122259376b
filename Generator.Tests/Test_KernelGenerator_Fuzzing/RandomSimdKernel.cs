using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Tandem.Generator.Tests.Fuzzing;

/// <summary>
/// Random kernels in the part of the language the SIMD loop covers: if/else and ?: on element values, bool locals,
/// early returns, guarded (and now and then unguarded) neighbour reads at constant and uniform offsets, broadcast
/// reads, reads of the written buffers' own elements, int and float arithmetic and conversions; 1D, or 2D with rows
/// along X. Their float expressions include what optimizers like to fold and IEEE-754 forbids folding (x - x,
/// x * 0, x + 0, min/max with a NaN, a * b + c beside a fused multiply-add) and NaN, infinity and -0 constants. Each
/// comes with a <c>Driver</c> that runs it by direct calls and through its launcher on a given stream or device.
/// </summary>
internal sealed class RandomSimdKernel(Random random, bool twoDimensional)
{
    private readonly StringBuilder _body = new();
    private readonly List<List<(string Name, char Kind)>> _scopes = [[]];
    private int _locals;

    /// <summary>The index of this thread's own element, and the lane (thread index along X).</summary>
    private string Own => twoDimensional ? "at" : "i";

    private string Lane => twoDimensional ? "id.X" : "i";

    public string Build()
    {
        if (twoDimensional)
        {
            _body.Append("        int at = id.Y * w + id.X;\n");
        }

        int statements = random.Next(1, 7);
        for (int s = 0; s < statements; s++)
        {
            Statement(2, "        ");
        }

        _body.Append(CultureInfo.InvariantCulture, $"        y[{Own}] = {Float(3)};\n        z[{Own}] = {Int(3)};\n");
        string index = twoDimensional ? "Index2D id, int w, int h" : "int i, int n";
        string extent = twoDimensional ? "(w, h)" : "n";
        string reference = twoDimensional
            ? "for (int r = 0; r < h; r++) for (int c = 0; c < w; c++) Fuzz.K(new Index2D(c, r), w, h, s, k, x, m, y, z);"
            : "for (int t = 0; t < n; t++) Fuzz.K(t, n, s, k, x, m, y, z);";
        return "using System;\nusing Tandem;\n\npublic static partial class Fuzz\n{\n    [Kernel]\n"
            + $"    public static void K({index}, float s, int k, ReadOnlySpan<float> x, ReadOnlySpan<int> m, Span<float> y, Span<int> z)\n    {{\n"
            + _body
            + "    }\n}\n\npublic static class Driver\n{\n"
            + "    public static void Reference(int w, int h, int n, float s, int k, float[] x, int[] m, float[] y, int[] z)\n    {\n"
            + $"        {reference}\n    }}\n\n"
            + "    public static void Launch(int w, int h, int n, float s, int k, Array<float> x, Array<int> m, Array<float> y, Array<int> z, StreamOrDevice on)\n"
            + $"        => Fuzz.K({extent}, {(twoDimensional ? "w, h" : "n")}, s, k, x, m, y, z, stream: on);\n}}\n";
    }

    private void Statement(int depth, string indent)
    {
        switch (random.Next(depth > 0 ? 10 : 8))
        {
            case 0:
                Declare('f', "float", Float(3), indent);
                break;
            case 1:
                Declare('j', "int", Int(3), indent);
                break;
            case 2:
                Declare('b', "bool", Bool(2), indent);
                break;
            case 3 when Local('f') is { } f:
                _body.Append(CultureInfo.InvariantCulture, $"{indent}{f} {Pick(["=", "+=", "*="])} {Float(2)};\n");
                break;
            case 4 when Local('j') is { } j:
                _body.Append(random.Next(4) == 0 ? $"{indent}{j}++;\n" : $"{indent}{j} {Pick(["=", "+=", "^="])} {Int(2)};\n");
                break;
            case 5:
                _body.Append(CultureInfo.InvariantCulture, $"{indent}y[{Own}] {Pick(["=", "+="])} {Float(2)};\n");
                break;
            case 6:
                _body.Append(random.Next(3) == 0 ? $"{indent}z[{Own}]++;\n" : $"{indent}z[{Own}] {Pick(["=", "+=", "|="])} {Int(2)};\n");
                break;
            case 7:
                if (random.Next(3) == 0)
                {
                    _body.Append(CultureInfo.InvariantCulture, $"{indent}if ({Bool(2)}) return;\n");
                }

                break;
            default:
                _body.Append(CultureInfo.InvariantCulture, $"{indent}if ({Bool(2)})\n{indent}{{\n");
                Nested(depth, indent);
                _body.Append(CultureInfo.InvariantCulture, $"{indent}}}\n");
                if (random.Next(2) == 0)
                {
                    _body.Append(CultureInfo.InvariantCulture, $"{indent}else\n{indent}{{\n");
                    Nested(depth, indent);
                    _body.Append(CultureInfo.InvariantCulture, $"{indent}}}\n");
                }

                break;
        }
    }

    private void Declare(char kind, string type, string value, string indent)
    {
        string name = kind + (++_locals).ToString(CultureInfo.InvariantCulture);
        _body.Append(CultureInfo.InvariantCulture, $"{indent}{type} {name} = {value};\n");
        _scopes[^1].Add((name, kind));
    }

    private void Nested(int depth, string indent)
    {
        _scopes.Add([]);
        int statements = random.Next(1, 3);
        for (int s = 0; s < statements; s++)
        {
            Statement(depth - 1, indent + "    ");
        }

        _scopes.RemoveAt(_scopes.Count - 1);
    }

    private string? Local(char kind)
    {
        var candidates = new List<string>();
        foreach (var scope in _scopes)
        {
            foreach (var (name, k) in scope)
            {
                if (k == kind)
                {
                    candidates.Add(name);
                }
            }
        }

        return candidates.Count == 0 ? null : Pick(candidates);
    }

    private string Float(int depth) => random.Next(depth <= 0 ? 6 : 15) switch
    {
        0 => Local('f') ?? "s",
        1 => Pick(["0f", "1.5f", "-0.5f", "2f", "-0f", "0.25f"]),
        2 => $"x[{Own}]",
        3 => "s",
        4 => $"y[{Own}]",
        5 => random.Next(4) == 0 ? "x[0]" : Neighbour("x", "0f"),
        6 => Neighbour("x", Float(depth - 1)),
        7 => $"({Float(depth - 1)} {Pick(["+", "-", "*", "/"])} {Float(depth - 1)})",
        8 => $"({Bool(depth - 1)} ? {Float(depth - 1)} : {Float(depth - 1)})",
        9 => $"MathF.{Pick(["Min", "Max"])}({Float(depth - 1)}, {Float(depth - 1)})",
        10 => $"MathF.{Pick(["Abs", "Floor", "Ceiling", "Round"])}({Float(depth - 1)})",
        11 => $"MathF.Sqrt(MathF.Abs({Float(depth - 1)}))",
        12 => Foldable(Float(depth - 1)),
        13 => random.Next(2) == 0
            ? $"({Float(depth - 1)} * {Float(depth - 1)} + {Float(depth - 1)})"
            : $"MathF.FusedMultiplyAdd({Float(depth - 1)}, {Float(depth - 1)}, {Float(depth - 1)})",
        _ => $"(float){Int(depth - 1)}",
    };

    /// <summary>
    /// An expression an optimizer may fold only by ignoring IEEE-754: x - x is NaN for NaN and infinities, x * 0 is
    /// NaN for them and -0 for negative x, x + 0 is +0 for -0, and min/max with a NaN is NaN. NaN and the infinities
    /// appear only as arguments of MathF calls, which are never constant expressions: C# refuses a constant NaN or
    /// infinity converted to int.
    /// </summary>
    private string Foldable(string x) => random.Next(6) switch
    {
        0 => $"({x} - {x})",
        1 => $"({x} * 0f)",
        2 => $"(0f * {x})",
        3 => $"({x} + 0f)",
        4 => $"({x} * 1f - {x})",
        _ => $"MathF.{Pick(["Min", "Max"])}({x}, {Pick(["float.NaN", "float.PositiveInfinity", "float.NegativeInfinity"])})",
    };

    private string Int(int depth) => random.Next(depth <= 0 ? 7 : 13) switch
    {
        0 => Local('j') ?? "k",
        1 => Pick(["0", "1", "-3", "7"]),
        2 => $"m[{Own}]",
        3 => Lane,
        4 => twoDimensional ? Pick(["id.Y", "w", "h", "k"]) : Pick(["n", "k"]),
        5 => $"z[{Own}]",
        6 => Neighbour("m", "0"),
        7 => $"({Int(depth - 1)} {Pick(["+", "-", "*", "&", "|", "^"])} {Int(depth - 1)})",
        8 => $"({Int(depth - 1)} {Pick(["<<", ">>", ">>>"])} {random.Next(0, 33)})",
        9 => $"({Bool(depth - 1)} ? {Int(depth - 1)} : {Int(depth - 1)})",
        10 => $"Math.{Pick(["Min", "Max"])}({Int(depth - 1)}, {Int(depth - 1)})",
        11 => $"(int){Float(depth - 1)}",
        _ => Neighbour("m", Int(depth - 1)),
    };

    private string Bool(int depth) => random.Next(depth <= 0 ? 4 : 7) switch
    {
        0 => Local('b') ?? $"({Lane} > 0)",
        1 => $"({Int(depth - 1)} {Pick(["<", ">", "==", "!=", "<=", ">="])} {Int(depth - 1)})",
        2 => $"({Float(depth - 1)} {Pick(["<", ">", "==", "!=", "<=", ">="])} {Float(depth - 1)})",
        3 => Pick([$"({Lane} > 2)", "(k > 0)", $"({Lane} < {(twoDimensional ? "w" : "n")} - 1)"]),
        4 => $"({Bool(depth - 1)} {Pick(["&&", "||", "&", "|", "^", "=="])} {Bool(depth - 1)})",
        5 => $"!{Bool(depth - 1)}",
        _ => $"({Float(depth - 1)} > {Float(depth - 1)})",
    };

    /// <summary>A read of a neighbour of this thread's element, mostly guarded by the bounds.</summary>
    private string Neighbour(string buffer, string otherwise)
    {
        int c = random.Next(1, 10);
        int form = random.Next(12);
        if (form == 0)
        {
            // Unguarded: out of range at an edge, where the direct call throws and the launch must fail too.
            return $"{buffer}[{Own} {Pick(["+", "-"])} {c}]";
        }

        if (form == 1 && !twoDimensional)
        {
            // Every 2nd or 4th element (the SIMD loop narrows whole groups), guarded or not.
            string at = $"{Pick([2, 4])} * i + {c % 4}";
            return random.Next(3) == 0 ? $"{buffer}[{at}]" : $"({at} < {buffer}.Length ? {buffer}[{at}] : {otherwise})";
        }

        if (twoDimensional)
        {
            return random.Next(3) switch
            {
                0 => $"(id.X >= {c} ? {buffer}[at - {c}] : {otherwise})",
                1 => $"(id.X + {c} < w ? {buffer}[at + {c}] : {otherwise})",
                _ => $"(id.Y > 0 && id.X + 1 < w ? {buffer}[at - w + 1] : {otherwise})",
            };
        }

        return random.Next(4) switch
        {
            0 => $"(i >= {c} ? {buffer}[i - {c}] : {otherwise})",
            1 => $"(i + {c} < {buffer}.Length ? {buffer}[i + {c}] : {otherwise})",
            2 => $"(i - k >= 0 && i - k < {buffer}.Length ? {buffer}[i - k] : {otherwise})",
            _ => $"(i > {c} && i < n - {c} ? {buffer}[i - {c}] + {buffer}[i + {c}] : {otherwise})",
        };
    }

    private T Pick<T>(IReadOnlyList<T> pool) => pool[random.Next(pool.Count)];
}

using System.Globalization;
using Microsoft.CodeAnalysis.CSharp;
using Tandem.Generator.Model;

namespace Tandem.Generator.Emitting;

/// <summary>Small pieces of C# text shared by the CPU and launcher emitters.</summary>
internal static class CSharpText
{
    /// <summary>An identifier, escaped with <c>@</c> where it is a keyword.</summary>
    public static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    /// <summary>A string as a verbatim C# literal.</summary>
    public static string Verbatim(string text) => "@\"" + text.Replace("\"", "\"\"") + "\"";

    public static string Literal(LiteralExpr literal)
    {
        var text = literal.Value;
        switch (literal.Type)
        {
            case ScalarType.Bool:
                return text;
            case ScalarType.Int:
                return text == "-2147483648" ? "int.MinValue" : text.StartsWith("-", System.StringComparison.Ordinal) ? $"({text})" : text;
            case ScalarType.UInt:
                return text + "u";
            case ScalarType.Long:
                return text == "-9223372036854775808" ? "long.MinValue" : text.StartsWith("-", System.StringComparison.Ordinal) ? $"({text}L)" : text + "L";
            case ScalarType.ULong:
                return text + "UL";
            case ScalarType.Half:
                // The IR's Half literals (an increment's 1) hold a float value that Half represents exactly.
                return $"((global::System.Half){Literal(new LiteralExpr(ScalarType.Float, text))})";
            case ScalarType.Float:
            {
                var value = float.Parse(text, CultureInfo.InvariantCulture);
                return float.IsNaN(value) ? "float.NaN"
                    : float.IsPositiveInfinity(value) ? "float.PositiveInfinity"
                    : float.IsNegativeInfinity(value) ? "float.NegativeInfinity"
                    : Signed(text + "f");
            }

            default:
            {
                var value = double.Parse(text, CultureInfo.InvariantCulture);
                return double.IsNaN(value) ? "double.NaN"
                    : double.IsPositiveInfinity(value) ? "double.PositiveInfinity"
                    : double.IsNegativeInfinity(value) ? "double.NegativeInfinity"
                    : Signed(text + "d");
            }
        }

        static string Signed(string number) => number.StartsWith("-", System.StringComparison.Ordinal) ? $"({number})" : number;
    }

    public static string IndexType(int rank) => rank switch
    {
        1 => "int",
        2 => "global::Tandem.Index2D",
        _ => "global::Tandem.Index3D",
    };
}

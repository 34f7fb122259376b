namespace Tandem.Generator.Model;

/// <summary>The value types a kernel computes with.</summary>
internal enum ScalarType
{
    Bool,
    Int,
    UInt,
    Float,
    Double,
}

internal static class ScalarTypeExtensions
{
    public static string CSharpName(this ScalarType type) => type switch
    {
        ScalarType.Bool => "bool",
        ScalarType.Int => "int",
        ScalarType.UInt => "uint",
        ScalarType.Float => "float",
        ScalarType.Double => "double",
        _ => "?",
    };

    public static string HlslName(this ScalarType type) => type switch
    {
        ScalarType.Bool => "bool",
        ScalarType.Int => "int",
        ScalarType.UInt => "uint",
        ScalarType.Float => "float",
        ScalarType.Double => "double",
        _ => "?",
    };

    /// <summary>Size in bytes in a buffer or the uniform block (a <c>bool</c> uniform travels as a 32-bit int).</summary>
    public static int Size(this ScalarType type) => type == ScalarType.Double ? 8 : 4;

    public static bool IsFloatingPoint(this ScalarType type) => type is ScalarType.Float or ScalarType.Double;

    public static bool IsInteger(this ScalarType type) => type is ScalarType.Int or ScalarType.UInt;
}
